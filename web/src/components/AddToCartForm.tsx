import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import type { Variant } from '@shared/api/types';
import { useAddToCart } from '../cart/useCart';
import { ErrorMessage } from '@shared/components/ErrorMessage';

export function AddToCartForm({ productId, variant }: { productId: string; variant: Variant | undefined }) {
  const [quantity, setQuantity] = useState(1);
  const add = useAddToCart();
  const max = Math.max(1, Math.min(variant?.stock ?? 1, 99));
  const soldOut = !variant || variant.stock <= 0;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!variant) return;
    add.mutate({ productId, variantId: variant.id, quantity });
  };

  return (
    <form className="add-to-cart" onSubmit={submit}>
      <label>
        Quantity
        <input
          type="number"
          min={1}
          max={max}
          value={quantity}
          onChange={(e) => setQuantity(Math.max(1, Math.min(max, Number(e.target.value) || 1)))}
          disabled={soldOut}
        />
      </label>
      <button type="submit" className="button button--primary" disabled={soldOut || add.isPending}>
        {soldOut ? 'Out of stock' : add.isPending ? 'Adding…' : 'Add to cart'}
      </button>
      <div aria-live="polite">
        {add.isSuccess && (
          <p className="alert alert--success">
            Added to your cart. <Link to="/cart">View cart</Link>
          </p>
        )}
      </div>
      <ErrorMessage error={add.error} />
    </form>
  );
}
