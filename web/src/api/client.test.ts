import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { header, json, mockFetch } from '@shared/test/fetchMock';
import { api } from './client';
import { setSession } from '../lib/session';
import { getGuestCartId, setGuestCartId } from '../lib/guestCart';

// The storefront's additions to the shared client (tested there): the guest cart id.
const user = { id: 'u1', email: 'a@b.co', name: 'A', role: 'customer' as const };

describe('storefront api client: the guest cart id', () => {
  beforeEach(() => {
    setSession(null);
    localStorage.clear();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('keeps the guest cart id the server hands out', async () => {
    mockFetch(json(201, { id: 'c9', cartId: 'c9', items: [] }, { 'X-Cart-Id': 'c9' }));
    await api('/v2/cart/items', { method: 'POST', body: { productId: 'p', quantity: 1 } });
    expect(getGuestCartId()).toBe('c9');
  });

  it('merges: sends token and guest id together once, then drops the guest id', async () => {
    setGuestCartId('guest-1');
    setSession({ accessToken: 't', refreshToken: 'r', user });
    const calls = mockFetch(json(200, { id: 'user-cart', items: [] }), json(200, { id: 'user-cart', items: [] }));
    await api('/v2/cart');
    expect(header(calls[0], 'Authorization')).toBe('Bearer t');
    expect(header(calls[0], 'X-Cart-Id')).toBe('guest-1');
    expect(getGuestCartId()).toBeNull();
    await api('/v2/cart');
    expect(header(calls[1], 'X-Cart-Id')).toBeUndefined();
  });

  it('keeps the guest id when the merge failed, to retry it', async () => {
    setGuestCartId('guest-1');
    setSession({ accessToken: 't', refreshToken: 'r', user });
    mockFetch(json(503, { error: { code: 'unavailable', message: 'cart store down' } }));
    await expect(api('/v2/cart')).rejects.toMatchObject({ status: 503 });
    expect(getGuestCartId()).toBe('guest-1');
  });

  it('a guest checks out and views the order with the cart id; a signed-in shopper does not send it', async () => {
    setGuestCartId('guest-1');
    const calls = mockFetch(json(201, { id: 'o1' }), json(200, { id: 'o1' }), json(200, { id: 'o1' }));
    await api('/v2/orders', { method: 'POST', body: {}, headers: { 'Idempotency-Key': 'k' } });
    await api('/v2/orders/o1');
    expect(header(calls[0], 'X-Cart-Id')).toBe('guest-1');
    expect(header(calls[1], 'X-Cart-Id')).toBe('guest-1');
    expect(getGuestCartId()).toBe('guest-1');
    setSession({ accessToken: 't', refreshToken: 'r', user });
    await api('/v2/orders/o1');
    expect(header(calls[2], 'X-Cart-Id')).toBeUndefined();
  });
});
