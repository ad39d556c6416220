import { z } from 'zod';
import { AnyPullResponse, PullRequest, PushRequest, PushResponse, StationConflicts, SyncHello } from '../sync/sync-protocol';
import { handler } from './handler';

export const ConnectionState = z.object({
  online: z.boolean(),
  /** When the server last answered, UTC ISO. */
  lastContactAt: z.string().nullable(),
  lastError: z.string().nullable(),
  /**
   * The server refused this station's credential as revoked (an admin revoked or replaced it):
   * the station stops syncing and keeps its unsent events until an admin re-enrols it.
   */
  revoked: z.object({ detail: z.string(), since: z.string() }).nullable(),
});
export type ConnectionState = z.infer<typeof ConnectionState>;

/** The server's code for a credential an admin revoked or replaced. */
export const CREDENTIAL_REVOKED = 'credential_revoked';

/**
 * A block of seqs for one device's outbox. Main hands them out to every device of the station,
 * so no two devices ever share a (stationId, seq); a seq a device never uses is a gap, which the
 * server accepts.
 */
export const NextSeqsRequest = z
  .object({
    count: z.number().int().min(1).max(500),
    /** The highest seq the calling device already holds (its outbox): the block starts above it. */
    above: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  })
  .strict();
export type NextSeqsRequest = z.infer<typeof NextSeqsRequest>;

/** Seqs first..last, all this device's. */
export const SeqBlock = z.object({ first: z.number().int(), last: z.number().int() });
export type SeqBlock = z.infer<typeof SeqBlock>;

export const syncHandlers = {
  'sync.hello': handler(z.undefined().optional(), SyncHello),
  'sync.pull': handler(PullRequest, AnyPullResponse),
  'sync.push': handler(PushRequest, PushResponse),
  'sync.connection': handler(z.undefined().optional(), ConnectionState),
  'sync.next-seqs': handler(NextSeqsRequest, SeqBlock),
  'sync.conflicts': handler(z.undefined().optional(), StationConflicts),
};
