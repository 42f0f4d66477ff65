import type { User } from '../api/types';

// The signed-in admin session: tokens in memory and in sessionStorage (a reload keeps it,
// closing the tab ends it). Its own key, so the storefront and the admin never share one.
export interface Session {
  accessToken: string;
  refreshToken: string;
  user: User;
}

const KEY = 'um.admin.session';
let current: Session | null = load();
const listeners = new Set<() => void>();

function load(): Session | null {
  try {
    const raw = globalThis.sessionStorage?.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function getSession(): Session | null {
  return current;
}

export function setSession(next: Session | null): void {
  current = next;
  try {
    if (next) sessionStorage.setItem(KEY, JSON.stringify(next));
    else sessionStorage.removeItem(KEY);
  } catch {
    // Storage may be unavailable (private mode); memory still holds the session.
  }
  listeners.forEach((l) => l());
}

export function updateTokens(accessToken: string, refreshToken: string): void {
  if (current) setSession({ ...current, accessToken, refreshToken });
}

export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
