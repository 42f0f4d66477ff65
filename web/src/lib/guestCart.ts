// The guest cart's id (X-Cart-Id), kept in localStorage so it survives reloads and tabs.
// Rule of the contract: a guest sends X-Cart-Id; a signed-in shopper who still holds a
// guest id sends it once together with the token, which merges the guest cart into theirs,
// and then drops it.

const KEY = 'um.cartId';

export function getGuestCartId(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function setGuestCartId(id: string | null): void {
  try {
    if (id) localStorage.setItem(KEY, id);
    else localStorage.removeItem(KEY);
  } catch {
    // ignore: no storage, the cart lives only as long as the page
  }
}

/** Headers for a cart request. */
export function cartRequestHeaders(guestCartId: string | null): Record<string, string> {
  return guestCartId ? { 'X-Cart-Id': guestCartId } : {};
}

/**
 * The guest cart id to keep after a successful cart response.
 * Signed in: the guest cart (if any) has just been merged, so nothing is kept.
 * Guest: the id the server answered with (a new cart), else the one already held.
 */
export function guestCartIdAfter(
  signedIn: boolean,
  held: string | null,
  answered: string | null,
): string | null {
  if (signedIn) return null;
  return answered ?? held;
}
