import { Link, Navigate, useSearchParams } from 'react-router-dom';
import { useCancelOrder, useOrder } from '../lib/useOrder';
import { Loading } from '@shared/components/Loading';
import { ErrorMessage } from '@shared/components/ErrorMessage';

/**
 * Where PayPal sends the buyer back: /checkout/paypal/return?order=<id> after approving
 * (PayPal adds its own token and PayerID), with &cancelled=1 when they turned back. The
 * server captures on PayPal's webhook, so an approval goes on to the order's confirmation,
 * which follows the status; a turned-back buyer may return to PayPal or cancel the order.
 */
export function PayPalReturnPage() {
  const [params] = useSearchParams();
  const id = params.get('order') ?? '';
  const turnedBack = params.get('cancelled') === '1';
  const { data: order, error, isPending } = useOrder(id);
  const cancel = useCancelOrder(id);

  if (!id) return <ErrorMessage error={new Error('This PayPal link does not name an order.')} />;
  if (isPending) return <Loading label="Back from PayPal — loading your order…" />;
  if (!order) return <ErrorMessage error={error} />;
  // Approved, or already settled either way: the confirmation page tells the rest.
  if (!turnedBack || (order.status !== 'pending_payment' && order.status !== 'cancelled')) {
    return <Navigate to={`/orders/${encodeURIComponent(order.id)}/confirmation`} replace />;
  }

  return (
    <div className="confirmation" data-testid="paypal-return">
      <h1>{order.status === 'cancelled' ? 'Order cancelled' : 'You did not finish paying with PayPal'}</h1>
      {order.status === 'cancelled' ? (
        <p>
          Nothing was charged, and the items are still in your cart. <Link to="/cart">Back to your cart</Link>
        </p>
      ) : (
        <>
          <p>
            Order <strong>{order.number}</strong> is reserved but not paid. Nothing was charged.
          </p>
          <p className="confirmation__links">
            {order.payment.approvalUrl && (
              <a className="button button--primary" href={order.payment.approvalUrl}>
                Return to PayPal
              </a>
            )}{' '}
            <button type="button" className="button button--danger" disabled={cancel.isPending} onClick={() => cancel.mutate()}>
              Cancel the order
            </button>
          </p>
          <ErrorMessage error={cancel.error} />
        </>
      )}
    </div>
  );
}
