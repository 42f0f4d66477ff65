import type { User } from '../api/types';

// A signed-in session: tokens in memory and in sessionStorage, so a reload keeps it while
// closing the tab ends it (nothing long-lived in localStorage). Each app names its own
// storage key, so the storefront and the admin panel never share a session.
export interface Session {
  accessToken: string;
  refreshToken: string;
  user: User;
}

export interface SessionStore {
  get(): Session | null;
  set(next: Session | null): void;
  /** Keeps the user, replaces the token pair (after a refresh). */
  updateTokens(accessToken: string, refreshToken: string): void;
  /** For useSyncExternalStore; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

export function createSessionStore(storageKey: string): SessionStore {
  let current: Session | null = load(storageKey);
  const listeners = new Set<() => void>();

  const set = (next: Session | null) => {
    current = next;
    try {
      if (next) sessionStorage.setItem(storageKey, JSON.stringify(next));
      else sessionStorage.removeItem(storageKey);
    } catch {
      // Storage may be unavailable (private mode); memory still holds the session.
    }
    listeners.forEach((l) => l());
  };

  return {
    get: () => current,
    set,
    updateTokens: (accessToken, refreshToken) => {
      if (current) set({ ...current, accessToken, refreshToken });
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function load(storageKey: string): Session | null {
  try {
    const raw = globalThis.sessionStorage?.getItem(storageKey);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}
