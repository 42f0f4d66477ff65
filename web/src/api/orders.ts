import { api } from './client';
import type { Order, Page, PlaceOrderBody } from './types';

export const placeOrder = (body: PlaceOrderBody, idempotencyKey: string) =>
  api<Order>('/v2/orders', { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } });

export const listMyOrders = (cursor?: string | null) =>
  api<Page<Order>>('/v2/orders', { query: { cursor, limit: 20 } });

export const getOrder = (id: string) => api<Order>(`/v2/orders/${encodeURIComponent(id)}`);

export const cancelOrder = (id: string) =>
  api<Order>(`/v2/orders/${encodeURIComponent(id)}/cancel`, { method: 'POST' });
