import { CREDENTIAL_REVOKED, type ConnectionState } from '../../shared/contract/index';
import { HandlerError } from '../../shared/contract/dispatch';

/** How often a renewed contact with the server is passed on (the sync bar's "last contact" time). */
export const CONTACT_NEWS_MS = 5_000;

/** The online/offline state everyone shows, told to `onConnection` whenever it changes. */
export function createLinkStatus(onConnection: (state: ConnectionState) => void) {
  let state: ConnectionState = { online: false, lastContactAt: null, lastError: null, revoked: null };
  /** When the renderer last heard of a contact: it shows the time of the last one, so tell it now and then, not on every answer. */
  let announcedContactAt = 0;

  function set(patch: Partial<ConnectionState>) {
    const next = { ...state, ...patch };
    const contactNews = next.lastContactAt !== null && Date.parse(next.lastContactAt) - announcedContactAt >= CONTACT_NEWS_MS;
    const changed = next.online !== state.online || next.lastError !== state.lastError || next.revoked !== state.revoked || contactNews;
    state = next;
    if (!changed) return;
    if (next.lastContactAt) announcedContactAt = Date.parse(next.lastContactAt);
    onConnection(state);
  }

  return {
    current: () => state,
    set,
    /**
     * The server answered. A revoked station stays offline: a request in flight when the revocation
     * was heard still gets its answer (often the 401 that says so), and must not bring it back online.
     */
    contact() {
      if (!state.revoked) set({ online: true, lastContactAt: new Date().toISOString(), lastError: null });
    },
    /** The server revoked this credential: the station stops talking to it until it is enrolled again. */
    markRevoked(detail: string) {
      if (!state.revoked)
        set({ online: false, lastError: `this station was revoked: ${detail}`, revoked: { detail, since: new Date().toISOString() } });
    },
    /** A new enrollment lifts a revocation. */
    liftRevocation() {
      if (state.revoked) set({ revoked: null, lastError: null });
    },
    refusedAsRevoked: () =>
      new HandlerError(
        CREDENTIAL_REVOKED,
        `this station was revoked and no longer syncs: ${state.revoked?.detail ?? ''}. Its unsent events are kept here; an admin can re-enrol it.`,
        401,
      ),
  };
}
export type LinkStatus = ReturnType<typeof createLinkStatus>;

export function readJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (!text) return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}
