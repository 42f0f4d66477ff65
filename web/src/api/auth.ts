import { api } from './client';
import type { AuthResult } from '@shared/api/types';

export const register = (body: { email: string; password: string; name: string }) =>
  api<AuthResult>('/v2/auth/register', { method: 'POST', body, auth: false });

export const login = (body: { email: string; password: string }) =>
  api<AuthResult>('/v2/auth/login', { method: 'POST', body, auth: false });

export const logout = (refreshToken: string) =>
  api<void>('/v2/auth/logout', { method: 'POST', body: { refreshToken }, auth: false });

export const forgotPassword = (email: string) =>
  api<void>('/v2/auth/password/forgot', { method: 'POST', body: { email }, auth: false });

export const resetPassword = (token: string, password: string) =>
  api<void>('/v2/auth/password/reset', { method: 'POST', body: { token, password }, auth: false });
