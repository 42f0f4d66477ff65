import { createSessionStore } from '@shared/lib/session';

/** The shopper's session (see @shared/lib/session for where it is kept). */
export const session = createSessionStore('um.session');
export const { get: getSession, set: setSession, updateTokens, subscribe: subscribeSession } = session;
