import type { OrderStatus } from '@shared/api/types';

export type OrderAction = 'ship' | 'deliver' | 'refund' | 'cancel';

/** What staff may do next to an order, following the contract's state machine. */
export function allowedActions(status: OrderStatus): OrderAction[] {
  switch (status) {
    case 'pending_payment':
      return ['cancel'];
    case 'paid':
      return ['ship', 'refund', 'cancel'];
    case 'shipped':
      return ['deliver', 'refund'];
    case 'delivered':
    case 'partially_refunded':
      return ['refund'];
    default:
      return [];
  }
}

export const ORDER_STATUSES: { value: OrderStatus; label: string }[] = [
  { value: 'pending_payment', label: 'Awaiting payment' },
  { value: 'paid', label: 'Paid' },
  { value: 'shipped', label: 'Shipped' },
  { value: 'delivered', label: 'Delivered' },
  { value: 'cancelled', label: 'Cancelled' },
  { value: 'refunded', label: 'Refunded' },
  { value: 'partially_refunded', label: 'Partially refunded' },
];

export function statusLabel(status: OrderStatus): string {
  return ORDER_STATUSES.find((s) => s.value === status)?.label ?? status;
}
