// Test helpers: a fetch that answers from a script of Responses and records the calls.
import { vi } from 'vitest';

export type Call = { url: string; init: RequestInit };

export function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

/** Stubs the global fetch with one scripted response per call; undo with vi.unstubAllGlobals(). */
export function mockFetch(...responses: Response[]) {
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

export const header = (c: Call, name: string) => (c.init.headers as Record<string, string>)[name];

type Handler = (body: unknown, request: { url: URL; init: RequestInit }) => Response | Promise<Response>;

/**
 * Stubs fetch with handlers keyed by "METHOD /path" (query string ignored); an unknown
 * route answers 404 with the API's error JSON, as the server does. Returns the calls.
 */
export function routeFetch(routes: Record<string, Handler>) {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      calls.push({ url, init });
      const route = `${init.method ?? 'GET'} ${url.split('?')[0]}`;
      const handler = routes[route];
      if (!handler) return json(404, { error: { code: 'not_found', message: `No route ${route}` } });
      return handler(init.body ? JSON.parse(init.body as string) : undefined, { url: new URL(url, 'http://shop.test'), init });
    }),
  );
  return calls;
}
