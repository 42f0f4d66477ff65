import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from './client';
import { ApiError } from '@shared/api/client';
import { getSession, setSession } from '../lib/session';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const user = { id: 'a1', email: 'admin@x.co', name: 'Admin', role: 'admin' as const };

describe('admin api client', () => {
  beforeEach(() => setSession(null));
  afterEach(() => vi.unstubAllGlobals());

  it('surfaces the error JSON', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(409, { error: { code: 'invalid_transition', message: 'cannot ship a cancelled order' } })));
    const e = await api('/v2/admin/orders/o1/ship', { method: 'POST', body: {} }).catch((x) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ status: 409, code: 'invalid_transition', message: 'cannot ship a cancelled order' });
  });

  it('refreshes once on 401 and keeps its own session key', async () => {
    setSession({ accessToken: 'old', refreshToken: 'r', user });
    expect(sessionStorage.getItem('um.admin.session')).toContain('old');
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(json(401, { error: { code: 'token_expired', message: 'expired' } }))
      .mockResolvedValueOnce(json(200, { user, accessToken: 'new', refreshToken: 'r2', expiresIn: 900 }))
      .mockResolvedValueOnce(json(200, { items: [] }));
    vi.stubGlobal('fetch', fetchMock);
    await expect(api('/v2/admin/users')).resolves.toEqual({ items: [] });
    expect(fetchMock).toHaveBeenCalledTimes(3);
    expect(getSession()?.accessToken).toBe('new');
  });
});
