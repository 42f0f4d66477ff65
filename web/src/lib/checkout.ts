// The checkout's decisions, apart from React: what to quote, which payment providers to
// offer, what to send, and where the shopper goes once the order exists.
import type { Order, PaymentConfig, PaymentProvider, PlaceOrderBody, QuoteBody } from '@shared/api/types';
import { isApiError } from '@shared/api/client';
import { toAddressBody, type AddressInput } from './validation';

export const ALL_PROVIDERS: PaymentProvider[] = ['test', 'stripe', 'paypal'];

export const PROVIDER_LABELS: Record<PaymentProvider, string> = {
  test: 'Card (test mode)',
  stripe: 'Card, via Stripe',
  paypal: 'PayPal',
};

/**
 * The providers to offer: the server's list when it can tell (GET /v2/payments/config),
 * otherwise all of them — and never one the server already refused with
 * provider_unavailable in this visit.
 */
export function offeredProviders(config: PaymentConfig | null | undefined, refused: readonly PaymentProvider[]): PaymentProvider[] {
  const enabled = config ? ALL_PROVIDERS.filter((p) => config.providers.includes(p)) : ALL_PROVIDERS;
  return enabled.filter((p) => !refused.includes(p));
}

/**
 * What to price: a saved address by id, or else only the country typed so far (shipping
 * and tax depend on nothing else), so the lines appear as soon as it is a valid code and
 * do not re-query on every keystroke in the street or city. Null: nothing to quote yet.
 */
export function quoteBodyFor(savedAddressId: string | null, address: AddressInput): QuoteBody | null {
  if (savedAddressId) return { addressId: savedAddressId };
  const country = address.country.trim().toUpperCase();
  return /^[A-Z]{2}$/.test(country) ? { shippingAddress: { country } } : null;
}

export function placeOrderBody(input: {
  savedAddressId: string | null;
  address: AddressInput;
  guestEmail: string | null;
  provider: PaymentProvider;
  card: string;
}): PlaceOrderBody {
  return {
    ...(input.savedAddressId ? { addressId: input.savedAddressId } : { shippingAddress: toAddressBody(input.address) }),
    ...(input.guestEmail !== null ? { email: input.guestEmail.trim() } : {}),
    paymentProvider: input.provider,
    ...(input.provider === 'test' ? { paymentMethod: { testCard: input.card.replace(/[\s-]/g, '') } } : {}),
  };
}

/** After POST /v2/orders: PayPal's buyer approves on PayPal's site; everything else is shown here. */
export function afterOrderPlaced(order: Order): { redirect: string } | { route: string } {
  if (order.payment?.provider === 'paypal' && order.status === 'pending_payment' && order.payment.approvalUrl) {
    return { redirect: order.payment.approvalUrl };
  }
  return { route: `/orders/${encodeURIComponent(order.id)}/confirmation` };
}

/**
 * What to say under the totals when there is no quote. The lines stay blank rather than
 * guessed; placing the order is never blocked by a quote (the order prices itself).
 */
export function quoteNote(hasDestination: boolean, error: unknown): string | undefined {
  if (!hasDestination) return 'Shipping and tax appear once the country is filled in.';
  if (!error) return undefined;
  if (isApiError(error)) {
    // A server without the quote endpoint: the order still carries the lines.
    if (error.status === 404 || error.status === 405) {
      return 'Shipping and tax are worked out for your address when you place the order.';
    }
    if (error.status === 400) return `Shipping and tax: ${error.message}`;
    return error.message;
  }
  return 'Shipping and tax could not be worked out just now; they are shown on your order.';
}

export function confirmationHeading(order: Order): string {
  switch (order.status) {
    case 'cancelled':
      // A declined card fails the payment; a shopper who cancels leaves it cancelled.
      return order.payment?.status === 'failed' ? 'Your payment was declined' : 'This order was cancelled';
    case 'pending_payment':
      // The test card settles within a second; Stripe and PayPal wait for the shopper.
      return order.payment?.provider === 'test' || !order.payment?.provider
        ? 'Confirming your payment…'
        : 'Your order is reserved — one step left to pay';
    default:
      return 'Thank you — your order is confirmed';
  }
}
