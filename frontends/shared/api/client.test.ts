import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { header, json, mockFetch } from '../test/fetchMock';
import { ApiError, createApiClient, errorFrom } from './client';
import { createSessionStore } from '../lib/session';

const session = createSessionStore('test.session');
const { api } = createApiClient({ session });
const { get: getSession, set: setSession } = session;

const user = { id: 'u1', email: 'a@b.co', name: 'A', role: 'customer' as const };

describe('api client', () => {
  beforeEach(() => setSession(null));
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

  it('sends the Idempotency-Key it is given', async () => {
    const calls = mockFetch(json(201, { id: 'o1' }));
    await api('/v2/orders', { method: 'POST', body: {}, headers: { 'Idempotency-Key': 'k1' } });
    expect(header(calls[0], 'Idempotency-Key')).toBe('k1');
    expect(header(calls[0], 'Content-Type')).toBe('application/json');
  });

  it('keeps the session under the key the app chose', () => {
    setSession({ accessToken: 't', refreshToken: 'r', user });
    expect(sessionStorage.getItem('test.session')).toContain('"accessToken":"t"');
    setSession(null);
    expect(sessionStorage.getItem('test.session')).toBeNull();
  });
});
