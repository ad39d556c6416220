import { z } from 'zod';
import { ReturnDocument } from '../api/returns';
import { RETURN_STATUSES, type ReturnStatus } from '../domain/return-status';

/**
 * A return as a returns-desk station replicates it: the server's return document plus, like a
 * fulfillment document, the highest seq of each station the server has reflected in it, so the
 * station folds only its events the server has not seen yet (see return-fold.ts).
 */
export const ReturnStationDocument = ReturnDocument.extend({ appliedSeq: z.record(z.string(), z.number().int()) });
export type ReturnStationDocument = z.infer<typeof ReturnStationDocument>;

/** Returns the desk works on: units can still arrive, be graded or be released. */
export const OPEN_RETURN_STATUSES: readonly ReturnStatus[] = ['authorized', 'partially_received', 'received', 'inspected'];

export function isOpenReturn(status: ReturnStatus): boolean {
  return OPEN_RETURN_STATUSES.includes(status);
}

/** Units received but not graded yet, per line (in line order). */
export function ungradedUnits(doc: ReturnDocument): { returnLineId: string; count: number }[] {
  return doc.lines.map((l) => ({ returnLineId: l.id, count: l.receivedQuantity - l.units.length })).filter((u) => u.count > 0);
}

/**
 * Why a return left the returns desk, carried on its tombstone: the desk that had it open says
 * what happened to it (cancelled, rejected, completed elsewhere) and why, not just that it is gone.
 */
export const ReturnClosure = z.object({
  number: z.string(),
  status: z.enum(RETURN_STATUSES),
  /** The cancellation's or rejection's reason as the office gave it; null when none was given. */
  reason: z.string().nullable(),
});
export type ReturnClosure = z.infer<typeof ReturnClosure>;
