import type { OrderStatus } from '@shared/api/types';
import { statusLabel } from '../lib/orderActions';

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  return (
    <span className={`status status--${status}`} data-testid="order-status" data-status={status}>
      {statusLabel(status)}
    </span>
  );
}
