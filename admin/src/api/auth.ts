import { api } from './client';
import type { AuthResult } from '@shared/api/types';

export const login = (body: { email: string; password: string }) =>
  api<AuthResult>('/v2/auth/login', { method: 'POST', body, auth: false });

export const logout = (refreshToken: string) =>
  api<void>('/v2/auth/logout', { method: 'POST', body: { refreshToken }, auth: false });
