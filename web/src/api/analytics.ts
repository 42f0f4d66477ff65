import { getSession } from '../lib/session';

export type AnalyticsEventType =
  | 'page_view'
  | 'product_view'
  | 'search'
  | 'add_to_cart'
  | 'checkout_started';

const SESSION_KEY = 'um.analyticsSession';

/** A random id per browser, kept in localStorage, that ties a visitor's events together. */
export function analyticsSessionId(): string {
  try {
    let id = localStorage.getItem(SESSION_KEY);
    if (!id) {
      id = crypto.randomUUID();
      localStorage.setItem(SESSION_KEY, id);
    }
    return id;
  } catch {
    return 'no-storage';
  }
}

/** Fire and forget: analytics must never break or slow down shopping. */
export function track(
  type: AnalyticsEventType,
  extra: { productId?: string; properties?: Record<string, unknown> } = {},
): void {
  try {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    const session = getSession();
    if (session) headers.Authorization = `Bearer ${session.accessToken}`;
    void fetch('/v2/analytics/events', {
      method: 'POST',
      headers,
      keepalive: true,
      body: JSON.stringify({ type, sessionId: analyticsSessionId(), ...extra }),
    }).catch(() => undefined);
  } catch {
    // ignored on purpose
  }
}
