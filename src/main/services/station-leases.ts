import { ACTING_USER_HEADER } from '../../shared/api/acting-user';
import { HandlerError } from '../../shared/contract/dispatch';
import type { Caller, Implementation, StationUser } from '../../shared/contract/index';
import type { ClaimOutcome, leaseHandlers } from '../../shared/contract/leases';
import { GrantedLease, LeaseRefusalBody, RenewLeasesResponse, TakeLeasesResponse } from '../../shared/sync/lease-protocol';
import type { ServerLink, ServerRefusal } from './server-link';

export interface StationLeasesOptions {
  link: ServerLink;
  /** The person signed in on the calling device: the server records them as the one who took the work. */
  signedIn: (deviceId: string) => StationUser | null;
  /** How often the station renews what it holds while online. */
  renewEveryMs?: number;
  /** How long after coming online it renews them (renewSoon). */
  renewAfterOnlineMs?: number;
}

/**
 * A renewal rewrites the orders whose hold is past half its term (and every station pulls them
 * again), and on an embedded database it holds up the pushes behind it: a station back online
 * sends its backlog first. Holds last hours; a few seconds change nothing.
 */
export const RENEW_AFTER_ONLINE_MS = 3_000;

/**
 * This station's side of assigned work: taking orders on the server (one to pack now, or a batch
 * ahead), and renewing what it holds while online, so its holds last as long as it is reachable.
 */
export function createStationLeases({
  link,
  signedIn,
  renewEveryMs = 10 * 60_000,
  renewAfterOnlineMs = RENEW_AFTER_ONLINE_MS,
}: StationLeasesOptions) {
  const asPerson = (caller: Caller): Record<string, string> => {
    const who = signedIn(caller.deviceId);
    return who ? { [ACTING_USER_HEADER]: who.id } : {};
  };
  const requireOnline = () => {
    if (!link.state().online)
      throw new HandlerError(
        'server_unreachable',
        'Taking orders needs the server, and this station cannot reach it. It works on the orders it holds until then.',
        503,
      );
  };

  async function claim({ fulfillmentOrderId }: { fulfillmentOrderId: string }, caller: Caller): Promise<ClaimOutcome> {
    requireOnline();
    try {
      return {
        granted: true,
        lease: await link.request(GrantedLease, 'POST', '/v1/sync/leases/claim', { fulfillmentOrderId }, asPerson(caller)),
      };
    } catch (err) {
      const refusal = refusalOf(err);
      if (!refusal) throw err;
      return { granted: false, code: refusal.code, message: refusal.detail, holder: refusal.holder ?? null };
    }
  }

  async function renew(): Promise<void> {
    if (!link.state().online) return;
    // Offline or refused: the holds keep their terms, and the next renewal tries again.
    await link.request(RenewLeasesResponse, 'POST', '/v1/sync/leases/renew').catch(() => undefined);
  }
  const timer = setInterval(() => void renew(), renewEveryMs);
  timer.unref?.();
  let soon: ReturnType<typeof setTimeout> | undefined;
  /** Renews a moment after coming online (RENEW_AFTER_ONLINE_MS); coming online again meanwhile renews once. */
  function renewSoon(): void {
    clearTimeout(soon);
    soon = setTimeout(() => void renew(), renewAfterOnlineMs);
    soon.unref?.();
  }

  const handlers: Implementation<typeof leaseHandlers> = {
    'leases.claim': claim,
    'leases.take': async ({ count }, caller) => {
      requireOnline();
      return link.request(TakeLeasesResponse, 'POST', '/v1/sync/leases/take', { count }, asPerson(caller));
    },
  };
  return {
    handlers,
    renew,
    renewSoon,
    stop: () => {
      clearInterval(timer);
      clearTimeout(soon);
    },
  };
}
export type StationLeases = ReturnType<typeof createStationLeases>;

/** The server's answer when it refused the claim itself (4xx with a problem body); anything else is not a refusal. */
function refusalOf(err: unknown): LeaseRefusalBody | null {
  if (!(err instanceof HandlerError) || err.code === 'server_unreachable') return null;
  const details = err.details as ServerRefusal | undefined;
  if (!details || details.httpStatus < 400 || details.httpStatus >= 500 || details.httpStatus === 401) return null;
  const body = LeaseRefusalBody.safeParse(details.problem);
  return body.success ? body.data : null;
}
