import type { User } from '@shared/api/types';

/** Why this account may not use the admin panel, or null when it may. */
export function adminRefusal(user: Pick<User, 'role'> | null | undefined): string | null {
  if (!user) return 'Please sign in.';
  if (user.role !== 'admin') {
    return 'This account is a customer account and cannot use the admin panel. Sign in with a staff (admin) account, or use the storefront.';
  }
  return null;
}
