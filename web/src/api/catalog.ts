import { api } from './client';
import type { Category, Page, Product, ProductSort, SearchResult } from '@shared/api/types';

export interface ProductFilters {
  category?: string;
  minPrice?: number;
  maxPrice?: number;
  inStock?: boolean;
  sort?: ProductSort;
  brand?: string;
}

export const listCategories = () => api<{ items: Category[] }>('/v2/categories');

export const listProducts = (filters: ProductFilters, cursor?: string | null, limit = 24) =>
  api<Page<Product>>('/v2/products', {
    query: { ...filters, inStock: filters.inStock ? true : undefined, cursor, limit },
  });

export const getProduct = (idOrSlug: string) =>
  api<Product>(`/v2/products/${encodeURIComponent(idOrSlug)}`);

export const getRecommendations = (id: string) =>
  api<{ items: Product[] }>(`/v2/products/${encodeURIComponent(id)}/recommendations`);

export const search = (q: string, filters: ProductFilters, cursor?: string | null, limit = 24) =>
  api<SearchResult>('/v2/search', {
    query: { q, ...filters, inStock: filters.inStock ? true : undefined, cursor, limit },
  });

export const suggest = (q: string, signal?: AbortSignal) =>
  api<{ suggestions: string[] }>('/v2/search/suggest', { query: { q }, signal });
