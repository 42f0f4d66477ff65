import { api } from './client';
import type { Order, Page, PlaceOrderBody, Quote, QuoteBody } from '@shared/api/types';

export const placeOrder = (body: PlaceOrderBody, idempotencyKey: string) =>
  api<Order>('/v2/orders', { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } });

export const listMyOrders = (cursor?: string | null) =>
  api<Page<Order>>('/v2/orders', { query: { cursor, limit: 20 } });

export const getOrder = (id: string) => api<Order>(`/v2/orders/${encodeURIComponent(id)}`);

export const cancelOrder = (id: string) =>
  api<Order>(`/v2/orders/${encodeURIComponent(id)}/cancel`, { method: 'POST' });

/** Subtotal, shipping and tax for the cart going to this destination; reserves nothing. */
export const quoteOrder = (body: QuoteBody, signal?: AbortSignal) =>
  api<Quote>('/v2/orders/quote', { method: 'POST', body, signal });
