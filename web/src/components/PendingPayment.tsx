import { useQuery } from '@tanstack/react-query';
import type { Order } from '@shared/api/types';
import { paymentConfigQuery } from '../api/payments';
import { StripeCardStep } from './StripeCardStep';

/** What is still to do for an order awaiting payment, by provider. */
export function PendingPayment({ order }: { order: Order }) {
  const config = useQuery(paymentConfigQuery);
  if (order.status !== 'pending_payment') return null;
  if (order.payment?.provider === 'stripe') {
    return <StripeCardStep order={order} publishableKey={config.data?.stripePublishableKey} />;
  }
  if (order.payment?.provider === 'paypal') {
    return (
      <p className="alert" data-testid="paypal-pending">
        Waiting for PayPal to confirm your payment; this page updates by itself.
        {order.payment.approvalUrl && (
          <>
            {' '}
            Not approved it yet? <a href={order.payment.approvalUrl}>Continue to PayPal</a>.
          </>
        )}
      </p>
    );
  }
  return null;
}
