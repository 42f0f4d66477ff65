import { api } from './client';
import type { Order, OrderStatus, Page } from '@shared/api/types';

export const listOrders = (q: { status?: OrderStatus | ''; q?: string; cursor?: string | null }) =>
  api<Page<Order>>('/v2/admin/orders', { query: { ...q, limit: 25 } });

export const getOrder = (id: string) => api<Order>(`/v2/orders/${encodeURIComponent(id)}`);

export const shipOrder = (id: string, carrier: string, trackingNumber: string) =>
  api<Order>(`/v2/admin/orders/${encodeURIComponent(id)}/ship`, { method: 'POST', body: { carrier, trackingNumber } });

export const deliverOrder = (id: string) =>
  api<Order>(`/v2/admin/orders/${encodeURIComponent(id)}/deliver`, { method: 'POST' });

export const refundOrder = (id: string, amount: { amount: number; currency: string } | undefined, idempotencyKey: string) =>
  api<Order>(`/v2/admin/orders/${encodeURIComponent(id)}/refund`, {
    method: 'POST',
    body: amount ? { amount } : {},
    headers: { 'Idempotency-Key': idempotencyKey },
  });

export const cancelOrder = (id: string) =>
  api<Order>(`/v2/orders/${encodeURIComponent(id)}/cancel`, { method: 'POST' });

export const listPayments = (orderId: string) =>
  api<Page<Record<string, unknown>>>('/v2/admin/payments', { query: { orderId } });
