// One Idempotency-Key per attempt at a money-moving call (placing an order, a refund).
// Sending the same thing again (a double click, a retry after a network error, a reload)
// reuses the key, so the server answers with what it already did instead of doing it twice;
// once what is sent changes, it is a new attempt with a new key (the server would refuse the
// old key with another body: 409).

export interface Attempt {
  key: string;
  fingerprint: string;
}

export function newKey(): string {
  return crypto.randomUUID();
}

export function attemptFor(previous: Attempt | null, body: unknown, makeKey: () => string = newKey): Attempt {
  const fingerprint = JSON.stringify(body);
  if (previous && previous.fingerprint === fingerprint) return previous;
  return { key: makeKey(), fingerprint };
}

/** The current attempt, kept in sessionStorage under `storageKey` so a reload reuses it. */
export function attemptStore(storageKey: string) {
  return {
    load(): Attempt | null {
      try {
        const raw = sessionStorage.getItem(storageKey);
        return raw ? (JSON.parse(raw) as Attempt) : null;
      } catch {
        return null;
      }
    },
    save(attempt: Attempt | null): void {
      try {
        if (attempt) sessionStorage.setItem(storageKey, JSON.stringify(attempt));
        else sessionStorage.removeItem(storageKey);
      } catch {
        // No storage: the key lives as long as the page, which still covers double clicks.
      }
    },
  };
}
