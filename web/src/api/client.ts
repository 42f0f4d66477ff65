import type { ApiErrorBody, AuthResult } from './types';
import { getSession, setSession, updateTokens } from '../lib/session';
import { cartRequestHeaders, getGuestCartId, guestCartIdAfter, setGuestCartId } from '../lib/guestCart';

/** An error answered by the API (or a network failure, status 0), carrying its error JSON. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field?: string;
  readonly requestId?: string;
  readonly retryAfter?: number;

  constructor(status: number, code: string, message: string, extra: Partial<ApiError> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = extra.field;
    this.requestId = extra.requestId;
    this.retryAfter = extra.retryAfter;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** Turns a failed response into an ApiError, trusting the error JSON when there is one. */
export async function errorFrom(res: Response): Promise<ApiError> {
  let body: Partial<ApiErrorBody> | null = null;
  try {
    body = (await res.json()) as Partial<ApiErrorBody>;
  } catch {
    body = null;
  }
  const retry = Number(res.headers.get('Retry-After'));
  const e = body?.error;
  return new ApiError(
    res.status,
    e?.code ?? `http_${res.status}`,
    e?.message ?? fallbackMessage(res.status),
    {
      field: e?.field,
      requestId: e?.requestId ?? res.headers.get('X-Request-Id') ?? undefined,
      retryAfter: Number.isFinite(retry) && retry > 0 ? retry : undefined,
    },
  );
}

function fallbackMessage(status: number): string {
  if (status === 429) return 'Too many requests — please wait a moment and try again.';
  if (status >= 500) return 'The shop is having trouble right now. Please try again shortly.';
  if (status === 404) return 'Not found.';
  if (status === 401) return 'Please sign in.';
  if (status === 403) return 'You are not allowed to do that.';
  return `Request failed (${status}).`;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  query?: Record<string, string | number | boolean | null | undefined>;
  /** Send the bearer token when signed in (default true). */
  auth?: boolean;
  signal?: AbortSignal;
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

let refreshing: Promise<boolean> | null = null;

/** Rotates the token pair once; concurrent 401s share one refresh. */
export function refreshSession(): Promise<boolean> {
  const session = getSession();
  if (!session) return Promise.resolve(false);
  refreshing ??= (async () => {
    try {
      const res = await fetch('/v2/auth/refresh', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ refreshToken: session.refreshToken }),
      });
      if (!res.ok) {
        setSession(null);
        return false;
      }
      const data = (await res.json()) as AuthResult;
      updateTokens(data.accessToken, data.refreshToken);
      return true;
    } catch {
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

function isCartPath(path: string): boolean {
  return path === '/v2/cart' || path.startsWith('/v2/cart/');
}

/** A guest's orders are theirs by the cart they came from: checkout and viewing send X-Cart-Id. */
function isOrderPath(path: string): boolean {
  return path === '/v2/orders' || path.startsWith('/v2/orders/');
}

async function send(path: string, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  const session = opts.auth === false ? null : getSession();
  if (session) headers.Authorization = `Bearer ${session.accessToken}`;
  if (isCartPath(path) || (!session && isOrderPath(path))) {
    Object.assign(headers, cartRequestHeaders(getGuestCartId()));
  }
  try {
    return await fetch(buildUrl(path, opts.query), {
      method: opts.method ?? 'GET',
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error)?.name === 'AbortError') throw e;
    throw new ApiError(0, 'network_error', 'Cannot reach the shop. Check your connection and try again.');
  }
}

/** Calls the API; JSON in and out; refreshes an expired access token once on 401. */
export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const hadToken = opts.auth !== false && getSession() !== null;
  let res = await send(path, opts);
  if (res.status === 401 && hadToken && !path.startsWith('/v2/auth/')) {
    if (await refreshSession()) res = await send(path, opts);
  }
  if (!res.ok) throw await errorFrom(res);
  const text = await res.text();
  const data = (text ? JSON.parse(text) : undefined) as T;
  if (isCartPath(path)) {
    const signedIn = opts.auth !== false && getSession() !== null;
    const answered =
      res.headers.get('X-Cart-Id') ?? (data as { cartId?: string } | undefined)?.cartId ?? null;
    setGuestCartId(guestCartIdAfter(signedIn, getGuestCartId(), answered));
  }
  return data;
}
