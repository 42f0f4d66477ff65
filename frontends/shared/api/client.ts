import type { ApiErrorBody, AuthResult } from './types';
import type { SessionStore } from '../lib/session';

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

/** What an app adds to the shared client: its session, and hooks around each call. */
export interface ApiClientOptions {
  session: SessionStore;
  /** Extra headers for one request (the storefront sends its guest cart id). */
  headersFor?: (path: string, signedIn: boolean) => Record<string, string>;
  /** Sees each successful answer (the storefront keeps the guest cart id it is handed). */
  onSuccess?: (path: string, res: Response, data: unknown, signedIn: boolean) => void;
}

export interface ApiClient {
  /** Calls the API; JSON in and out; refreshes an expired access token once on 401. */
  api<T>(path: string, opts?: RequestOptions): Promise<T>;
  /** Rotates the token pair once; concurrent 401s share one refresh. */
  refreshSession(): Promise<boolean>;
}

export function createApiClient({ session, headersFor, onSuccess }: ApiClientOptions): ApiClient {
  let refreshing: Promise<boolean> | null = null;

  function refreshSession(): Promise<boolean> {
    const current = session.get();
    if (!current) return Promise.resolve(false);
    refreshing ??= (async () => {
      try {
        const res = await fetch('/v2/auth/refresh', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({ refreshToken: current.refreshToken }),
        });
        if (!res.ok) {
          session.set(null);
          return false;
        }
        const data = (await res.json()) as AuthResult;
        session.updateTokens(data.accessToken, data.refreshToken);
        return true;
      } catch {
        return false;
      } finally {
        refreshing = null;
      }
    })();
    return refreshing;
  }

  async function send(path: string, opts: RequestOptions): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
    if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
    const current = opts.auth === false ? null : session.get();
    if (current) headers.Authorization = `Bearer ${current.accessToken}`;
    if (headersFor) Object.assign(headers, headersFor(path, current !== null));
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

  async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
    const hadToken = opts.auth !== false && session.get() !== null;
    let res = await send(path, opts);
    if (res.status === 401 && hadToken && !path.startsWith('/v2/auth/')) {
      if (await refreshSession()) res = await send(path, opts);
    }
    if (!res.ok) throw await errorFrom(res);
    const text = await res.text();
    const data = (text ? JSON.parse(text) : undefined) as T;
    onSuccess?.(path, res, data, opts.auth !== false && session.get() !== null);
    return data;
  }

  return { api, refreshSession };
}
