import { api } from './client';
import { isApiError } from '@shared/api/client';
import type { Cart } from '@shared/api/types';
import { getGuestCartId, setGuestCartId } from '../lib/guestCart';
import { getSession } from '../lib/session';

export const emptyCart: Cart = {
  id: '',
  items: [],
  itemCount: 0,
  subtotal: { amount: 0, currency: 'USD' },
};

/** The current cart; a guest without a cart yet has an empty one. */
export async function getCart(): Promise<Cart> {
  if (!getSession() && !getGuestCartId()) return emptyCart;
  try {
    return await api<Cart>('/v2/cart');
  } catch (e) {
    // A guest cart that expired or was merged elsewhere: start afresh.
    if (isApiError(e) && e.status === 404 && getGuestCartId()) {
      setGuestCartId(null);
      return getSession() ? api<Cart>('/v2/cart') : emptyCart;
    }
    throw e;
  }
}

export const addToCart = (body: { productId: string; variantId?: string; quantity: number }) =>
  api<Cart>('/v2/cart/items', { method: 'POST', body });

export const setQuantity = (itemId: string, quantity: number) =>
  api<Cart>(`/v2/cart/items/${encodeURIComponent(itemId)}`, { method: 'PATCH', body: { quantity } });

export const removeItem = (itemId: string) =>
  api<Cart | undefined>(`/v2/cart/items/${encodeURIComponent(itemId)}`, { method: 'DELETE' });

export const clearCart = () => api<void>('/v2/cart', { method: 'DELETE' });
