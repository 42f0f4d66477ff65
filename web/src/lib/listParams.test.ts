import { describe, expect, it } from 'vitest';
import { filtersFromParams, withParam } from './listParams';

describe('list filters in the URL', () => {
  it('reads prices, stock and a known sort', () => {
    const f = filtersFromParams(new URLSearchParams('minPrice=1000&maxPrice=5000&inStock=true&sort=price_asc'));
    expect(f).toMatchObject({ minPrice: 1000, maxPrice: 5000, inStock: true, sort: 'price_asc' });
  });

  it('ignores nonsense rather than sending it to the API', () => {
    const f = filtersFromParams(new URLSearchParams('minPrice=-1&maxPrice=abc&sort=cheapest&inStock=yes'));
    expect(f).toMatchObject({ minPrice: undefined, maxPrice: undefined, sort: undefined, inStock: undefined });
  });

  it('restarts pagination when a filter changes', () => {
    const next = withParam(new URLSearchParams('q=shoe&cursor=abc'), 'sort', 'name');
    expect(next.toString()).toBe('q=shoe&sort=name');
    expect(withParam(next, 'sort', '').toString()).toBe('q=shoe');
  });
});
