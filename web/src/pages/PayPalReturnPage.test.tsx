import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { json, routeFetch } from '@shared/test/fetchMock';
import { PayPalReturnPage } from './PayPalReturnPage';
import { setGuestCartId } from '../lib/guestCart';

const order = (status: string) => ({
  id: 'o1',
  number: 'UM-1001',
  status,
  payment: { provider: 'paypal', status: 'pending', approvalUrl: 'https://paypal.example/approve?token=PP1' },
});

function renderAt(url: string) {
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter initialEntries={[url]}>
        <Routes>
          <Route path="/checkout/paypal/return" element={<PayPalReturnPage />} />
          <Route path="/orders/:id/confirmation" element={<p>confirmation of order</p>} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('PayPalReturnPage', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('goes on to the order’s confirmation after the buyer approved (a guest reads it by cart id)', async () => {
    setGuestCartId('c1');
    const calls = routeFetch({ 'GET /v2/orders/o1': () => json(200, order('pending_payment')) });
    renderAt('/checkout/paypal/return?order=o1&token=PP1&PayerID=B1');
    await screen.findByText('confirmation of order');
    expect((calls[0].init.headers as Record<string, string>)['X-Cart-Id']).toBe('c1');
  });

  it('lets a buyer who turned back return to PayPal or cancel the order', async () => {
    let current = order('pending_payment');
    routeFetch({
      'GET /v2/orders/o1': () => json(200, current),
      'POST /v2/orders/o1/cancel': () => json(200, (current = order('cancelled'))),
    });
    renderAt('/checkout/paypal/return?order=o1&cancelled=1');
    await screen.findByRole('heading', { name: 'You did not finish paying with PayPal' });
    expect(screen.getByRole('link', { name: 'Return to PayPal' }).getAttribute('href')).toBe(order('x').payment.approvalUrl);
    await userEvent.click(screen.getByRole('button', { name: 'Cancel the order' }));
    await screen.findByRole('heading', { name: 'Order cancelled' });
    expect(screen.getByRole('link', { name: 'Back to your cart' })).toBeTruthy();
  });

  it('shows the API’s error when the order cannot be read', async () => {
    routeFetch({ 'GET /v2/orders/nope': () => json(404, { error: { code: 'not_found', message: 'order not found', requestId: 'r7' } }) });
    renderAt('/checkout/paypal/return?order=nope');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/order not found/);
    expect(alert.textContent).toMatch(/r7/);
  });
});
