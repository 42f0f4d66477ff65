import { ApiError, isApiError } from '@shared/api/client';
import { api } from './client';
import type { Category, Page, Product, ProductDraft } from '@shared/api/types';

export const listCategories = () => api<{ items: Category[] }>('/v2/categories');

export interface ProductQuery {
  q?: string;
  /** Empty: every status. */
  status?: '' | Product['status'];
  cursor?: string | null;
  limit?: number;
}

/**
 * The catalog screen's list: GET /v2/admin/products, every status (drafts and archived
 * included), filtered by status and text. A server without that endpoint yet (404/405) can
 * still show active products through the public list or search, but not drafts or
 * archived ones: that is said rather than shown wrong.
 */
export async function listProducts(query: ProductQuery): Promise<Page<Product>> {
  const limit = query.limit ?? 25;
  try {
    return await api<Page<Product>>('/v2/admin/products', {
      query: { status: query.status, q: query.q, cursor: query.cursor, limit },
    });
  } catch (e) {
    if (!isApiError(e) || (e.status !== 404 && e.status !== 405)) throw e;
    if (query.status && query.status !== 'active') {
      throw new ApiError(e.status, 'admin_list_unavailable', 'This server cannot list draft or archived products yet.', {
        requestId: e.requestId,
      });
    }
  }
  if (query.q) return api<Page<Product>>('/v2/search', { query: { q: query.q, cursor: query.cursor, limit } });
  return api<Page<Product>>('/v2/products', { query: { cursor: query.cursor, limit, sort: 'newest' } });
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
