import { Link } from 'react-router-dom';
import { useCart, useRemoveItem } from '../cart/useCart';
import { CartLine } from '../components/CartLine';
import { formatMoney } from '@shared/lib/money';
import { Loading } from '@shared/components/Loading';
import { ErrorMessage } from '@shared/components/ErrorMessage';

function UnavailableRemove({ itemId }: { itemId: string }) {
  const remove = useRemoveItem();
  return (
    <button type="button" className="link-button" disabled={remove.isPending} onClick={() => remove.mutate(itemId)}>
      Remove
    </button>
  );
}

export function CartPage() {
  const { data: cart, error, isPending } = useCart();
  if (isPending) return <Loading />;
  if (error) return <ErrorMessage error={error} />;
  if (!cart.items.length) {
    return (
      <div className="cart-page">
        <h1>Your cart</h1>
        <p className="empty">Your cart is empty.</p>
        <Link to="/" className="button">
          Continue shopping
        </Link>
      </div>
    );
  }
  return (
    <div className="cart-page">
      <h1>Your cart</h1>
      <ul className="cart-lines">
        {cart.items.map((item) => (
          <CartLine key={item.id} item={item} />
        ))}
      </ul>
      {!!cart.unavailableItems?.length && (
        <section className="alert" aria-labelledby="unavailable-heading">
          <h2 id="unavailable-heading">No longer available</h2>
          <ul>
            {cart.unavailableItems.map((i) => (
              <li key={i.id}>
                {i.name} <UnavailableRemove itemId={i.id} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="cart-summary">
        <p className="cart-summary__subtotal">
          Subtotal ({cart.itemCount} {cart.itemCount === 1 ? 'item' : 'items'}):{' '}
          <strong data-testid="cart-subtotal">{formatMoney(cart.subtotal)}</strong>
        </p>
        <p className="cart-summary__note">Shipping and tax are calculated at checkout.</p>
        <Link to="/checkout" className="button button--primary">
          Check out
        </Link>
      </div>
    </div>
  );
}
