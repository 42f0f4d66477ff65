import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, errorFrom } from './client';
import { getSession, setSession } from '../lib/session';
import { getGuestCartId, setGuestCartId } from '../lib/guestCart';

type Call = { url: string; init: RequestInit };

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

function mockFetch(...responses: Response[]) {
  const calls: Call[] = [];
  const fn = vi.fn(async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const next = responses.shift();
    if (!next) throw new Error('unexpected call ' + url);
    return next;
  });
  vi.stubGlobal('fetch', fn);
  return calls;
}

const header = (c: Call, name: string) => (c.init.headers as Record<string, string>)[name];
const user = { id: 'u1', email: 'a@b.co', name: 'A', role: 'customer' as const };

describe('api client', () => {
  beforeEach(() => {
    setSession(null);
    localStorage.clear();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('turns the error JSON into an ApiError with code, message, field and request id', async () => {
    mockFetch(json(400, { error: { code: 'validation_failed', message: 'email is invalid', field: 'email', requestId: 'r1' } }));
    const err = await api('/v2/auth/register', { method: 'POST', body: {} }).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, code: 'validation_failed', message: 'email is invalid', field: 'email', requestId: 'r1' });
  });

  it('explains a failure without error JSON, and reads Retry-After', async () => {
    const err = await errorFrom(new Response('<html>', { status: 429, headers: { 'Retry-After': '7' } }));
    expect(err.code).toBe('http_429');
    expect(err.retryAfter).toBe(7);
    expect(err.message).toMatch(/Too many/);
  });

  it('reports a network failure as status 0', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
    await expect(api('/v2/products')).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });

  it('builds the query string, leaving out empty values', async () => {
    const calls = mockFetch(json(200, { items: [] }));
    await api('/v2/products', { query: { limit: 5, cursor: null, category: '', inStock: true } });
    expect(calls[0].url).toBe('/v2/products?limit=5&inStock=true');
  });

  it('refreshes an expired token once and retries the request', async () => {
    setSession({ accessToken: 'old', refreshToken: 'r-old', user });
    const calls = mockFetch(
      json(401, { error: { code: 'token_expired', message: 'expired' } }),
      json(200, { user, accessToken: 'new', refreshToken: 'r-new', expiresIn: 900 }),
      json(200, { id: 'u1' }),
    );
    await expect(api('/v2/users/me')).resolves.toEqual({ id: 'u1' });
    expect(calls.map((c) => c.url)).toEqual(['/v2/users/me', '/v2/auth/refresh', '/v2/users/me']);
    expect(JSON.parse(calls[1].init.body as string)).toEqual({ refreshToken: 'r-old' });
    expect(header(calls[2], 'Authorization')).toBe('Bearer new');
    expect(getSession()?.refreshToken).toBe('r-new');
  });

  it('signs out when the refresh is refused, and does not loop', async () => {
    setSession({ accessToken: 'old', refreshToken: 'r-old', user });
    const calls = mockFetch(
      json(401, { error: { code: 'token_expired', message: 'expired' } }),
      json(401, { error: { code: 'invalid_token', message: 'revoked' } }),
    );
    await expect(api('/v2/users/me')).rejects.toMatchObject({ status: 401 });
    expect(calls).toHaveLength(2);
    expect(getSession()).toBeNull();
  });

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

  it('sends the Idempotency-Key it is given', async () => {
    const calls = mockFetch(json(201, { id: 'o1' }));
    await api('/v2/orders', { method: 'POST', body: {}, headers: { 'Idempotency-Key': 'k1' } });
    expect(header(calls[0], 'Idempotency-Key')).toBe('k1');
    expect(header(calls[0], 'Content-Type')).toBe('application/json');
  });
});
