import { Link, useParams } from 'react-router-dom';
import { useSession } from '../auth/useAuth';
import { useOrder } from '../lib/useOrder';
import { OrderSummary } from '../components/OrderSummary';
import { Loading } from '../components/Loading';
import { ErrorMessage } from '../components/ErrorMessage';

export function OrderConfirmationPage() {
  const { id = '' } = useParams();
  const session = useSession();
  const { data: order, error, isPending } = useOrder(id);
  if (isPending) return <Loading />;
  if (!order) return <ErrorMessage error={error} />;

  const heading =
    order.status === 'cancelled'
      ? 'Your payment was declined'
      : order.status === 'pending_payment'
        ? 'Confirming your payment…'
        : 'Thank you — your order is confirmed';
  return (
    <div className="confirmation">
      <h1 aria-live="polite">{heading}</h1>
      {order.status === 'cancelled' ? (
        <p>No money was taken. Your items are back in stock; you can try again with another card.</p>
      ) : (
        <p>
          We sent a confirmation to <strong>{order.email}</strong>.
        </p>
      )}
      <OrderSummary order={order} />
      <p className="confirmation__links">
        {session && <Link to="/account/orders">See all your orders</Link>} <Link to="/">Continue shopping</Link>
      </p>
    </div>
  );
}
