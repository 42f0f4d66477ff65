import { Link, useParams } from 'react-router-dom';
import { useSession } from '../auth/useAuth';
import { useOrder } from '../lib/useOrder';
import { confirmationHeading } from '../lib/checkout';
import { OrderSummary } from '../components/OrderSummary';
import { PendingPayment } from '../components/PendingPayment';
import { Loading } from '@shared/components/Loading';
import { ErrorMessage } from '@shared/components/ErrorMessage';

export function OrderConfirmationPage() {
  const { id = '' } = useParams();
  const session = useSession();
  const { data: order, error, isPending } = useOrder(id);
  if (isPending) return <Loading />;
  if (!order) return <ErrorMessage error={error} />;

  const heading = confirmationHeading(order);
  return (
    <div className="confirmation">
      <h1 aria-live="polite">{heading}</h1>
      {order.status === 'cancelled' ? (
        <p>No money was taken. Your items are back in stock; you can try again with another card.</p>
      ) : order.status === 'pending_payment' && order.payment?.provider !== 'test' ? (
        <p>
          We will email <strong>{order.email}</strong> once the payment is through.
        </p>
      ) : (
        <p>
          We sent a confirmation to <strong>{order.email}</strong>.
        </p>
      )}
      <PendingPayment order={order} />
      <OrderSummary order={order} />
      <p className="confirmation__links">
        {session && <Link to="/account/orders">See all your orders</Link>} <Link to="/">Continue shopping</Link>
      </p>
    </div>
  );
}
