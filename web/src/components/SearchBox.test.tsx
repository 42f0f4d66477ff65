import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { SearchBox } from './SearchBox';

function Where() {
  const l = useLocation();
  return <output data-testid="where">{l.pathname + l.search}</output>;
}

function renderBox() {
  return render(
    <QueryClientProvider client={new QueryClient()}>
      <MemoryRouter initialEntries={['/']}>
        <SearchBox />
        <Routes>
          <Route path="*" element={<Where />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('SearchBox', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('suggests as you type and is driven by the keyboard', async () => {
    const fetchMock = vi.fn(async (_url: string) =>
      new Response(JSON.stringify({ suggestions: ['desk lamp', 'lamp shade'] }), { status: 200 }),
    );
    vi.stubGlobal('fetch', fetchMock);
    renderBox();
    const box = screen.getByRole('combobox', { name: 'Search products' });
    await userEvent.type(box, 'lam');
    const options = await screen.findAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['desk lamp', 'lamp shade']);
    expect(String(fetchMock.mock.calls.at(-1)?.[0])).toBe('/v2/search/suggest?q=lam');

    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    expect(box.getAttribute('aria-activedescendant')).toBe(options[1].id);
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/search?q=lamp%20shade'));
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('searches for what was typed when no suggestion is chosen', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ suggestions: [] }), { status: 200 })));
    renderBox();
    await userEvent.type(screen.getByRole('combobox'), 'red shoes{Enter}');
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/search?q=red%20shoes'));
  });
});
