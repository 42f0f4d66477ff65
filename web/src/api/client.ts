import { createApiClient } from '@shared/api/client';
import { session } from '../lib/session';
import { cartRequestHeaders, getGuestCartId, guestCartIdAfter, setGuestCartId } from '../lib/guestCart';

function isCartPath(path: string): boolean {
  return path === '/v2/cart' || path.startsWith('/v2/cart/');
}

/**
 * A guest's orders are theirs by the cart they came from: checkout (and its quote) and
 * viewing an order send X-Cart-Id.
 */
function isOrderPath(path: string): boolean {
  return path === '/v2/orders' || path.startsWith('/v2/orders/');
}

// The storefront's calls: the shopper's session, plus the guest cart id on cart calls
// (and on a guest's order calls); the id the server hands out is kept, and dropped once
// a signed-in cart call has merged it.
export const { api, refreshSession } = createApiClient({
  session,
  headersFor: (path, signedIn) =>
    isCartPath(path) || (!signedIn && isOrderPath(path)) ? cartRequestHeaders(getGuestCartId()) : {},
  onSuccess: (path, res, data, signedIn) => {
    if (!isCartPath(path)) return;
    const answered = res.headers.get('X-Cart-Id') ?? (data as { cartId?: string } | undefined)?.cartId ?? null;
    setGuestCartId(guestCartIdAfter(signedIn, getGuestCartId(), answered));
  },
});
