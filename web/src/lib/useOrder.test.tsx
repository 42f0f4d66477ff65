import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { json, routeFetch } from '@shared/test/fetchMock';
import { useOrder } from './useOrder';

function Status() {
  const { data } = useOrder('o1');
  return <p>{data?.status ?? 'loading'}</p>;
}

describe('useOrder', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('follows a pending order until it is paid, then has the cart re-read', async () => {
    const statuses = ['pending_payment', 'paid'];
    routeFetch({ 'GET /v2/orders/o1': () => json(200, { id: 'o1', status: statuses.length > 1 ? statuses.shift() : statuses[0] }) });
    const client = new QueryClient();
    const invalidate = vi.spyOn(client, 'invalidateQueries');
    render(
      <QueryClientProvider client={client}>
        <Status />
      </QueryClientProvider>,
    );
    await screen.findByText('pending_payment');
    await screen.findByText('paid', undefined, { timeout: 3000 });
    await waitFor(() => expect(invalidate).toHaveBeenCalledWith({ queryKey: ['cart'] }));
  });
});
