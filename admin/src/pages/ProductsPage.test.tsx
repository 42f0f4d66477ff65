import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router-dom';
import { json, routeFetch } from '@shared/test/fetchMock';
import { ProductsPage } from './ProductsPage';

const product = (name: string, status: string) => ({
  id: name,
  name,
  status,
  stock: 3,
  price: { amount: 1000, currency: 'USD' },
  category: { id: 'c', slug: 'c', name: 'Lamps' },
  variants: [{ id: 'v' }],
});

describe('ProductsPage', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('filters the admin list by status and by search text', async () => {
    const calls = routeFetch({
      'GET /v2/admin/products': (_body, { url }) => {
        const status = url.searchParams.get('status') ?? 'active';
        return json(200, { items: [product(`${status} lamp`, status)], total: 1, nextCursor: null });
      },
    });
    render(
      <QueryClientProvider client={new QueryClient()}>
        <MemoryRouter>
          <ProductsPage />
        </MemoryRouter>
      </QueryClientProvider>,
    );
    await screen.findByRole('link', { name: 'active lamp' });

    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'draft' } });
    await screen.findByRole('link', { name: 'draft lamp' });
    expect(screen.getByTestId('product-row').textContent).toMatch(/draft$/);

    fireEvent.change(screen.getByLabelText('Search'), { target: { value: ' lamp ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(calls[calls.length - 1].url).toBe('/v2/admin/products?status=draft&q=lamp&limit=25'));
  });
});
