import { useCallback, useSyncExternalStore } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import * as authApi from '../api/auth';
import { ApiError } from '@shared/api/client';
import { getSession, setSession, subscribeSession } from '../lib/session';
import { adminRefusal } from '../lib/adminAccess';

export function useSession() {
  return useSyncExternalStore(subscribeSession, getSession, getSession);
}

export function useAdminAuth() {
  const session = useSession();
  const queryClient = useQueryClient();

  /** Signs in, keeping the session only for an admin; a customer is told why not. */
  const signIn = useCallback(async (email: string, password: string) => {
    const result = await authApi.login({ email, password });
    const refusal = adminRefusal(result.user);
    if (refusal) {
      await authApi.logout(result.refreshToken).catch(() => undefined);
      throw new ApiError(403, 'not_admin', refusal);
    }
    setSession({ accessToken: result.accessToken, refreshToken: result.refreshToken, user: result.user });
    return result.user;
  }, []);

  const signOut = useCallback(async () => {
    const current = getSession();
    setSession(null);
    queryClient.clear();
    if (current) await authApi.logout(current.refreshToken).catch(() => undefined);
  }, [queryClient]);

  return { user: session?.user ?? null, signIn, signOut };
}
