import type { OrderStatus } from '@shared/api/types';

const LABELS: Record<OrderStatus, string> = {
  pending_payment: 'Awaiting payment',
  paid: 'Paid',
  shipped: 'Shipped',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
  refunded: 'Refunded',
  partially_refunded: 'Partially refunded',
};

export function statusLabel(status: OrderStatus): string {
  return LABELS[status] ?? status;
}

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  return (
    <span className={`status status--${status}`} data-testid="order-status" data-status={status}>
      {statusLabel(status)}
    </span>
  );
}
