import { useCallback, useSyncExternalStore } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import * as authApi from '../api/auth';
import type { AuthResult } from '@shared/api/types';
import { getSession, setSession, subscribeSession } from '../lib/session';
import { mergeGuestCart } from '../cart/useCart';

export function useSession() {
  return useSyncExternalStore(subscribeSession, getSession, getSession);
}

export function useAuth() {
  const session = useSession();
  const queryClient = useQueryClient();

  const start = useCallback(
    async (result: AuthResult) => {
      setSession({ accessToken: result.accessToken, refreshToken: result.refreshToken, user: result.user });
      await mergeGuestCart(queryClient);
      void queryClient.invalidateQueries({ queryKey: ['me'] });
      return result.user;
    },
    [queryClient],
  );

  const signIn = useCallback(
    async (email: string, password: string) => start(await authApi.login({ email, password })),
    [start],
  );

  const register = useCallback(
    async (name: string, email: string, password: string) =>
      start(await authApi.register({ name, email, password })),
    [start],
  );

  const signOut = useCallback(async () => {
    const current = getSession();
    setSession(null);
    queryClient.removeQueries({ queryKey: ['me'] });
    queryClient.removeQueries({ queryKey: ['orders'] });
    queryClient.removeQueries({ queryKey: ['addresses'] });
    void queryClient.invalidateQueries({ queryKey: ['cart'] });
    if (current) await authApi.logout(current.refreshToken).catch(() => undefined);
  }, [queryClient]);

  return { user: session?.user ?? null, signIn, register, signOut };
}
