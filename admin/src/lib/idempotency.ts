// One Idempotency-Key per refund attempt: the same refund sent again (a double click, a
// retry after a network error) reuses the key, so the customer is refunded once; another
// amount is another attempt with a new key.

export interface CheckoutAttempt {
  key: string;
  fingerprint: string;
}

const STORAGE_KEY = 'um.admin.refundAttempt';

export function newKey(): string {
  return crypto.randomUUID();
}

export function attemptFor(
  previous: CheckoutAttempt | null,
  body: unknown,
  makeKey: () => string = newKey,
): CheckoutAttempt {
  const fingerprint = JSON.stringify(body);
  if (previous && previous.fingerprint === fingerprint) return previous;
  return { key: makeKey(), fingerprint };
}

export function loadAttempt(): CheckoutAttempt | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as CheckoutAttempt) : null;
  } catch {
    return null;
  }
}

export function saveAttempt(attempt: CheckoutAttempt | null): void {
  try {
    if (attempt) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(attempt));
    else sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // ignore
  }
}
