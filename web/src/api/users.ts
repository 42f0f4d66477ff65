import { api } from './client';
import type { Address, Page, User } from '@shared/api/types';

export const getMe = () => api<User>('/v2/users/me');

export const updateMe = (body: { name?: string; phone?: string | null }) =>
  api<User>('/v2/users/me', { method: 'PATCH', body });

export const listAddresses = () => api<Page<Address>>('/v2/users/me/addresses');

export const createAddress = (body: Address) =>
  api<Address>('/v2/users/me/addresses', { method: 'POST', body });

export const updateAddress = (id: string, body: Partial<Address>) =>
  api<Address>(`/v2/users/me/addresses/${encodeURIComponent(id)}`, { method: 'PATCH', body });

export const deleteAddress = (id: string) =>
  api<void>(`/v2/users/me/addresses/${encodeURIComponent(id)}`, { method: 'DELETE' });
