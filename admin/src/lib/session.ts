import { createSessionStore } from '@shared/lib/session';

/** The admin's session, under its own key so it never mixes with a shopper's in the same browser. */
export const session = createSessionStore('um.admin.session');
export const { get: getSession, set: setSession, updateTokens, subscribe: subscribeSession } = session;
