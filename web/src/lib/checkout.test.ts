import { describe, expect, it } from 'vitest';
import { ApiError } from '@shared/api/client';
import type { Order } from '@shared/api/types';
import { afterOrderPlaced, confirmationHeading, offeredProviders, placeOrderBody, quoteBodyFor, quoteNote } from './checkout';
import { emptyAddress } from './validation';

const order = (over: Partial<Order> & { payment: Order['payment'] }) => ({ id: 'o1', status: 'pending_payment', ...over }) as Order;

describe('checkout decisions', () => {
  it('offers what the server enables, else every provider, never one it refused', () => {
    expect(offeredProviders({ providers: ['paypal', 'test'] }, [])).toEqual(['test', 'paypal']);
    expect(offeredProviders(null, [])).toEqual(['test', 'stripe', 'paypal']);
    expect(offeredProviders(null, ['paypal'])).toEqual(['test', 'stripe']);
    expect(offeredProviders({ providers: ['stripe'] }, ['stripe'])).toEqual([]);
  });

  it('quotes a saved address by id, else the country alone once it is a valid code', () => {
    expect(quoteBodyFor('a1', { ...emptyAddress, country: '' })).toEqual({ addressId: 'a1' });
    expect(quoteBodyFor(null, { ...emptyAddress, line1: '1 Way', country: ' de ' })).toEqual({ shippingAddress: { country: 'DE' } });
    expect(quoteBodyFor(null, { ...emptyAddress, country: 'D' })).toBeNull();
    expect(quoteBodyFor(null, { ...emptyAddress, country: 'Germany' })).toBeNull();
  });

  it('sends the test card only to the test provider, and the email only for guests', () => {
    const address = { ...emptyAddress, name: 'Ada', line1: '1 Way', city: 'Bonn', country: 'de' };
    expect(placeOrderBody({ savedAddressId: null, address, guestEmail: ' a@b.co ', provider: 'test', card: '4242 4242-4242 4242' })).toEqual({
      shippingAddress: expect.objectContaining({ name: 'Ada', country: 'DE' }),
      email: 'a@b.co',
      paymentProvider: 'test',
      paymentMethod: { testCard: '4242424242424242' },
    });
    expect(placeOrderBody({ savedAddressId: 'a1', address, guestEmail: null, provider: 'paypal', card: '4242' })).toEqual({
      addressId: 'a1',
      paymentProvider: 'paypal',
    });
  });

  it('sends a PayPal buyer to PayPal to approve; everyone else to the confirmation page', () => {
    expect(afterOrderPlaced(order({ payment: { provider: 'paypal', status: 'pending', approvalUrl: 'https://pp/approve?x' } }))).toEqual({
      redirect: 'https://pp/approve?x',
    });
    expect(afterOrderPlaced(order({ payment: { provider: 'stripe', status: 'pending', clientSecret: 'pi_1_secret' } }))).toEqual({
      route: '/orders/o1/confirmation',
    });
    expect(afterOrderPlaced(order({ status: 'paid', payment: { provider: 'test', status: 'succeeded' } }))).toEqual({
      route: '/orders/o1/confirmation',
    });
  });

  it('explains missing totals without alarming: no country yet, no quote endpoint, a bad country', () => {
    expect(quoteNote(false, null)).toMatch(/country/);
    expect(quoteNote(true, null)).toBeUndefined();
    expect(quoteNote(true, new ApiError(404, 'not_found', 'No route'))).toMatch(/when you place the order/);
    expect(quoteNote(true, new ApiError(400, 'validation_failed', 'country is not a country code', { field: 'shippingAddress.country' }))).toBe(
      'Shipping and tax: country is not a country code',
    );
  });

  it('headlines the confirmation by status and provider', () => {
    expect(confirmationHeading(order({ payment: { provider: 'test', status: 'pending' } }))).toMatch(/Confirming/);
    expect(confirmationHeading(order({ payment: { provider: 'stripe', status: 'pending' } }))).toMatch(/one step left/);
    expect(confirmationHeading(order({ status: 'cancelled', payment: { provider: 'test', status: 'failed' } }))).toMatch(/declined/);
    expect(confirmationHeading(order({ status: 'cancelled', payment: { provider: 'stripe', status: 'cancelled' } }))).toMatch(/was cancelled/);
    expect(confirmationHeading(order({ status: 'paid', payment: { provider: 'paypal', status: 'succeeded' } }))).toMatch(/confirmed/);
  });
});
