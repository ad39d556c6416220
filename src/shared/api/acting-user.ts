/**
 * The header an enrolled station sends, beside its own credential, to act for the person
 * signed in at it (online supervisor work). The server's trust model is in
 * src/server/auth/acting-user.ts.
 */
export const ACTING_USER_HEADER = 'dockside-acting-user';
