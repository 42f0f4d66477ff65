import type { ProductFilters } from '../api/catalog';
import type { ProductSort } from '@shared/api/types';

export const SORTS: { value: ProductSort; label: string }[] = [
  { value: 'popular', label: 'Most popular' },
  { value: 'newest', label: 'Newest' },
  { value: 'price_asc', label: 'Price: low to high' },
  { value: 'price_desc', label: 'Price: high to low' },
  { value: 'name', label: 'Name' },
];

function int(v: string | null): number | undefined {
  if (v === null || v === '') return undefined;
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** Filters from the page's URL (prices in minor units, as the API takes them). */
export function filtersFromParams(params: URLSearchParams): ProductFilters {
  const sort = params.get('sort');
  return {
    minPrice: int(params.get('minPrice')),
    maxPrice: int(params.get('maxPrice')),
    inStock: params.get('inStock') === 'true' ? true : undefined,
    sort: SORTS.some((s) => s.value === sort) ? (sort as ProductSort) : undefined,
    brand: params.get('brand') || undefined,
    category: params.get('category') || undefined,
  };
}

/** A copy of params with one value set (or removed when empty); pagination restarts. */
export function withParam(params: URLSearchParams, key: string, value: string | number | undefined | null) {
  const next = new URLSearchParams(params);
  if (value === undefined || value === null || value === '') next.delete(key);
  else next.set(key, String(value));
  next.delete('cursor');
  return next;
}
