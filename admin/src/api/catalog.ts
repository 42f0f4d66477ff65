import { api, isApiError } from './client';
import type { Category, Page, Product, ProductDraft } from './types';

export const listCategories = () => api<{ items: Category[] }>('/v2/categories');

export interface ProductQuery {
  q?: string;
  category?: string;
  status?: string;
  cursor?: string | null;
  limit?: number;
}

/**
 * Products for the catalog screen. An admin list (drafts and archived too) is used when the
 * server has one; otherwise the public list (active products) or search for a text query.
 */
export async function listProducts(query: ProductQuery): Promise<Page<Product>> {
  const params = { ...query, limit: query.limit ?? 25 };
  try {
    return await api<Page<Product>>('/v2/admin/products', { query: params });
  } catch (e) {
    if (!isApiError(e) || (e.status !== 404 && e.status !== 405)) throw e;
  }
  if (query.q) return api<Page<Product>>('/v2/search', { query: { q: query.q, category: query.category, cursor: query.cursor, limit: params.limit } });
  return api<Page<Product>>('/v2/products', { query: { category: query.category, cursor: query.cursor, limit: params.limit, sort: 'newest' } });
}

export const getProduct = (id: string) => api<Product>(`/v2/admin/products/${encodeURIComponent(id)}`);

export const createProduct = (body: ProductDraft) => api<Product>('/v2/admin/products', { method: 'POST', body });

export const updateProduct = (id: string, body: Partial<ProductDraft>) =>
  api<Product>(`/v2/admin/products/${encodeURIComponent(id)}`, { method: 'PATCH', body });

export const archiveProduct = (id: string) =>
  api<Product>(`/v2/admin/products/${encodeURIComponent(id)}`, { method: 'DELETE' });

export const setVariantStock = (variantId: string, stock: number) =>
  api<Product>(`/v2/admin/variants/${encodeURIComponent(variantId)}/stock`, { method: 'PUT', body: { stock } });

export interface CategoryDraft {
  name?: string;
  slug?: string;
  parentId?: string | null;
}

export const createCategory = (body: CategoryDraft) => api<Category>('/v2/admin/categories', { method: 'POST', body });

export const updateCategory = (id: string, body: CategoryDraft) =>
  api<Category>(`/v2/admin/categories/${encodeURIComponent(id)}`, { method: 'PATCH', body });

export const deleteCategory = (id: string) =>
  api<void>(`/v2/admin/categories/${encodeURIComponent(id)}`, { method: 'DELETE' });
