import { Link, useParams } from 'react-router-dom';
import { useCancelOrder, useOrder } from '../lib/useOrder';
import { OrderSummary } from '../components/OrderSummary';
import { Loading } from '@shared/components/Loading';
import { ErrorMessage } from '@shared/components/ErrorMessage';

export function OrderDetailPage() {
  const { id = '' } = useParams();
  const { data: order, error, isPending } = useOrder(id);
  const cancel = useCancelOrder(id);
  if (isPending) return <Loading />;
  if (!order) return <ErrorMessage error={error} />;
  const cancellable = order.status === 'pending_payment' || order.status === 'paid';
  return (
    <div className="order-detail">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/account/orders">Your orders</Link> › <span aria-current="page">{order.number}</span>
      </nav>
      <h1>Order {order.number}</h1>
      <OrderSummary order={order} />
      {cancellable && (
        <button
          type="button"
          className="button button--danger"
          disabled={cancel.isPending}
          onClick={() => {
            if (window.confirm('Cancel this order? A paid order is refunded in full.')) cancel.mutate();
          }}
        >
          Cancel order
        </button>
      )}
      <ErrorMessage error={cancel.error} />
    </div>
  );
}
