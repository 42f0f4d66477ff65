import { api } from './client';
import type { AdminUser, Page } from '@shared/api/types';

export const searchUsers = (q: string, cursor?: string | null) =>
  api<Page<AdminUser>>('/v2/admin/users', { query: { q, cursor, limit: 25 } });

export const updateUser = (id: string, body: { role?: 'customer' | 'admin'; disabled?: boolean }) =>
  api<AdminUser>(`/v2/admin/users/${encodeURIComponent(id)}`, { method: 'PATCH', body });
