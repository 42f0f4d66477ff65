import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { Order } from '@shared/api/types';
import { StripeCardStep } from './StripeCardStep';
import { STRIPE_JS_URL } from '../lib/stripeJs';

const order = { id: 'o1', status: 'pending_payment', payment: { provider: 'stripe', status: 'pending', clientSecret: 'pi_1_secret_2' } } as Order;

function renderStep(publishableKey: string | null) {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <StripeCardStep order={order} publishableKey={publishableKey} />
    </QueryClientProvider>,
  );
}

describe('StripeCardStep', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    document.head.querySelectorAll('script').forEach((s) => s.remove());
  });

  it('says plainly when the card form cannot be shown (no publishable key)', async () => {
    renderStep(null);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/has not published its Stripe key/);
    expect(alert.textContent).toMatch(/Nothing was charged/);
    expect(screen.getByRole('button', { name: 'Cancel the order' })).toBeTruthy();
  });

  it('mounts Stripe’s Payment Element with the clientSecret and confirms with it', async () => {
    const mount = vi.fn();
    const confirmPayment = vi.fn(async () => ({}));
    const elements = vi.fn(() => ({ create: () => ({ mount, destroy: vi.fn() }) }));
    const Stripe = vi.fn(() => ({ elements, confirmPayment }));
    renderStep('pk_test_1');
    // Stripe.js arrives by a <script> tag; play the browser loading it.
    const script = await waitFor(() => {
      const s = document.head.querySelector<HTMLScriptElement>(`script[src="${STRIPE_JS_URL}"]`);
      expect(s).toBeTruthy();
      return s!;
    });
    vi.stubGlobal('Stripe', Stripe);
    script.onload?.(new Event('load'));
    const pay = await screen.findByRole('button', { name: 'Pay now' });
    await waitFor(() => expect(pay).toHaveProperty('disabled', false));
    expect(Stripe).toHaveBeenCalledWith('pk_test_1');
    expect(elements).toHaveBeenCalledWith({ clientSecret: 'pi_1_secret_2' });
    expect(mount).toHaveBeenCalled();
    await userEvent.click(pay);
    expect(confirmPayment).toHaveBeenCalledWith(
      expect.objectContaining({ redirect: 'if_required', confirmParams: { return_url: `${window.location.origin}/orders/o1/confirmation` } }),
    );
  });
});
