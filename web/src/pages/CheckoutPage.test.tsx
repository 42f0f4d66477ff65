import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { json, routeFetch } from '@shared/test/fetchMock';
import { CheckoutPage } from './CheckoutPage';
import { setSession } from '../lib/session';
import { setGuestCartId } from '../lib/guestCart';

const usd = (amount: number) => ({ amount, currency: 'USD' });
const cart = {
  id: 'c1',
  items: [{ id: 'i1', productId: 'p1', variantId: 'v1', sku: 'S', name: 'Lamp', image: null, unitPrice: usd(2000), quantity: 2, lineTotal: usd(4000) }],
  itemCount: 2,
  subtotal: usd(4000),
};
const quoteFor = (country: string) =>
  country === 'DE'
    ? { subtotal: usd(4000), shipping: usd(499), tax: usd(855), total: usd(5354) }
    : { subtotal: usd(4000), shipping: usd(0), tax: usd(290), total: usd(4290) };

function renderCheckout() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={['/checkout']}>
        <Routes>
          <Route path="/checkout" element={<CheckoutPage />} />
          <Route path="/orders/:id/confirmation" element={<p>confirmation page</p>} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

const summary = () => within(screen.getByRole('complementary', { name: 'Order summary' }));

describe('CheckoutPage', () => {
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    setSession(null);
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('shows subtotal, shipping, tax and total from the quote, and re-quotes when the country changes', async () => {
    setGuestCartId('c1');
    const calls = routeFetch({
      'GET /v2/cart': () => json(200, cart),
      'POST /v2/orders/quote': (body) => json(200, quoteFor((body as { shippingAddress: { country: string } }).shippingAddress.country)),
      'POST /v2/analytics/events': () => json(202, {}),
    });
    renderCheckout();
    await waitFor(() => expect(summary().getByTestId('order-total').textContent).toBe('$42.90'));
    expect(summary().getByTestId('totals-shipping').textContent).toBe('Free');
    expect(summary().getByTestId('totals-tax').textContent).toBe('$2.90');
    const quoteCall = calls.find((c) => c.url === '/v2/orders/quote')!;
    expect((quoteCall.init.headers as Record<string, string>)['X-Cart-Id']).toBe('c1');

    const country = screen.getByLabelText('Country (2-letter code)');
    await userEvent.clear(country);
    await userEvent.type(country, 'de');
    await waitFor(() => expect(summary().getByTestId('order-total').textContent).toBe('$53.54'));
    expect(summary().getByTestId('totals-shipping').textContent).toBe('$4.99');
  });

  it('keeps the lines blank with a note while the server has no quote endpoint', async () => {
    setGuestCartId('c1');
    routeFetch({ 'GET /v2/cart': () => json(200, cart), 'POST /v2/analytics/events': () => json(202, {}) });
    renderCheckout();
    await screen.findByText(/worked out for your address when you place the order/);
    expect(summary().getByTestId('totals-tax').textContent).toBe('—');
    expect(summary().queryByTestId('order-total')).toBeNull();
  });

  it('stops offering a provider the server refuses, and says so', async () => {
    setGuestCartId('c1');
    routeFetch({
      'GET /v2/cart': () => json(200, cart),
      'POST /v2/orders/quote': () => json(200, quoteFor('US')),
      'POST /v2/analytics/events': () => json(202, {}),
      'POST /v2/orders': () =>
        json(400, { error: { code: 'provider_unavailable', message: 'paypal does not take payments here', field: 'paymentProvider' } }),
    });
    renderCheckout();
    await userEvent.type(await screen.findByLabelText('Email'), 'a@b.co');
    await userEvent.type(screen.getByLabelText('Full name'), 'Ada');
    await userEvent.type(screen.getByLabelText('Street address'), '1 Way');
    await userEvent.type(screen.getByLabelText('City'), 'Springfield');
    await userEvent.click(screen.getByRole('radio', { name: /PayPal/ }));
    expect(screen.queryByLabelText('Card number')).toBeNull(); // PayPal collects its own
    await userEvent.click(screen.getByRole('button', { name: 'Place order and pay with PayPal' }));

    const alert = await screen.findByText(/PayPal is not available right now/);
    expect(alert.closest('[role=alert]')?.textContent).toMatch(/paypal does not take payments here/);
    expect(screen.queryByRole('radio', { name: /PayPal/ })).toBeNull();
    expect(screen.getByRole('radio', { name: /test mode/ })).toHaveProperty('checked', true);
    expect(screen.getByLabelText('Card number')).toBeTruthy();
  });

  it('quotes and orders a signed-in shopper’s saved address by its id', async () => {
    setSession({ accessToken: 't', refreshToken: 'r', user: { id: 'u1', email: 'a@b.co', name: 'Ada', role: 'customer' } });
    const saved = { id: 'a1', name: 'Ada', line1: '1 Way', city: 'Bonn', country: 'DE' };
    const bodies: unknown[] = [];
    routeFetch({
      'GET /v2/cart': () => json(200, cart),
      'GET /v2/users/me/addresses': () => json(200, { items: [saved], total: 1, nextCursor: null }),
      'POST /v2/orders/quote': (body) => {
        bodies.push(body);
        return json(200, quoteFor('DE'));
      },
      'POST /v2/analytics/events': () => json(202, {}),
      'POST /v2/orders': (body) => {
        bodies.push(body);
        return json(201, { id: 'o9', status: 'paid', payment: { provider: 'test', status: 'succeeded' } });
      },
    });
    renderCheckout();
    await waitFor(() => expect(summary().getByTestId('order-total').textContent).toBe('$53.54'));
    expect(bodies[bodies.length - 1]).toEqual({ addressId: 'a1' });
    expect(screen.getByRole('radio', { name: /1 Way/ })).toHaveProperty('checked', true);

    await userEvent.type(screen.getByLabelText('Card number'), '4242424242424242');
    await userEvent.click(screen.getByRole('button', { name: 'Place order' }));
    await screen.findByText('confirmation page');
    expect(bodies[bodies.length - 1]).toEqual({ addressId: 'a1', paymentProvider: 'test', paymentMethod: { testCard: '4242424242424242' } });
  });
});
