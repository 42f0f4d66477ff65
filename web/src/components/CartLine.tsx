import type { CartItem } from '@shared/api/types';
import { formatMoney } from '@shared/lib/money';
import { ProductImage } from './ProductImage';
import { useRemoveItem, useSetQuantity } from '../cart/useCart';
import { ErrorMessage } from '@shared/components/ErrorMessage';

export function CartLine({ item }: { item: CartItem }) {
  const setQuantity = useSetQuantity();
  const remove = useRemoveItem();
  const busy = setQuantity.isPending || remove.isPending;
  return (
    <li className="cart-line" data-testid="cart-line">
      <ProductImage src={item.image ?? undefined} alt={item.name} className="cart-line__image" />
      <div className="cart-line__info">
        <p className="cart-line__name">
          {item.name}
          {item.variantName && !item.name.includes(item.variantName) ? ` — ${item.variantName}` : ''}
        </p>
        <p className="cart-line__sku">SKU {item.sku}</p>
        <p>{formatMoney(item.unitPrice)} each</p>
        {item.available !== undefined && item.available < item.quantity && (
          <p className="field__error" role="alert">
            {item.available === 0 ? 'Out of stock — remove it to check out.' : `Only ${item.available} left — lower the quantity.`}
          </p>
        )}
        <ErrorMessage error={setQuantity.error ?? remove.error} />
      </div>
      <label className="cart-line__qty">
        Quantity
        <input
          type="number"
          min={0}
          max={99}
          defaultValue={item.quantity}
          key={item.quantity}
          disabled={busy}
          onBlur={(e) => {
            const q = Math.max(0, Math.floor(Number(e.target.value)));
            if (Number.isFinite(q) && q !== item.quantity) setQuantity.mutate({ itemId: item.id, quantity: q });
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
          }}
        />
      </label>
      <p className="cart-line__total">{formatMoney(item.lineTotal)}</p>
      <button type="button" className="link-button" disabled={busy} onClick={() => remove.mutate(item.id)}>
        Remove<span className="visually-hidden"> {item.name}</span>
      </button>
    </li>
  );
}
