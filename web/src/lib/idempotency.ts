// One Idempotency-Key per checkout attempt. Submitting the same order again (a double
// click, a retry after a network error, a reload) reuses the key, so the server answers
// with the order it already made instead of charging twice; once the shopper changes what
// they submit, it is a new attempt and gets a new key (the server would refuse the old key
// with another body: 409).

export interface CheckoutAttempt {
  key: string;
  fingerprint: string;
}

const STORAGE_KEY = 'um.checkoutAttempt';

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
