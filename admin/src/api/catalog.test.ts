import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, routeFetch } from '@shared/test/fetchMock';
import { listProducts } from './catalog';

const page = (name: string) => ({ items: [{ id: name, name }], total: 1, nextCursor: null });

describe('listProducts', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks the admin list for a status and text, drafts and archived included', async () => {
    const calls = routeFetch({ 'GET /v2/admin/products': () => json(200, page('draft lamp')) });
    await expect(listProducts({ status: 'draft', q: 'lamp', cursor: 'c2' })).resolves.toMatchObject({ items: [{ name: 'draft lamp' }] });
    expect(calls[0].url).toBe('/v2/admin/products?status=draft&q=lamp&cursor=c2&limit=25');
  });

  it('leaves an unset status out: every status', async () => {
    const calls = routeFetch({ 'GET /v2/admin/products': () => json(200, page('x')) });
    await listProducts({ status: '', q: '' });
    expect(calls[0].url).toBe('/v2/admin/products?limit=25');
  });

  it('falls back to the public list or search while the server has no admin list', async () => {
    const calls = routeFetch({
      'GET /v2/products': () => json(200, page('active')),
      'GET /v2/search': () => json(200, page('found')),
    });
    await expect(listProducts({})).resolves.toMatchObject({ items: [{ name: 'active' }] });
    await expect(listProducts({ q: 'lamp', status: 'active' })).resolves.toMatchObject({ items: [{ name: 'found' }] });
    expect(calls.map((c) => c.url.split('?')[0])).toEqual(['/v2/admin/products', '/v2/products', '/v2/admin/products', '/v2/search']);
  });

  it('says so rather than show active products when drafts are asked of a server without the admin list', async () => {
    routeFetch({ 'GET /v2/products': () => json(200, page('active')) });
    await expect(listProducts({ status: 'archived' })).rejects.toMatchObject({ code: 'admin_list_unavailable' });
  });
});
