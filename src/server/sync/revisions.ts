import type { Queryable } from '../db/database';
import { toInt } from '../db/database';
import type { SyncCollection } from '../../shared/sync/sync-protocol';

/**
 * The next sync revision. Taking a transaction-scoped advisory lock first makes revisions
 * commit in the order they were handed out, so a station pulling "rev > checkpoint" can never
 * skip a change that commits late (the classic sequence-gap problem under concurrency).
 */
export async function nextRev(tx: Queryable): Promise<number> {
  await tx.query('select pg_advisory_xact_lock(7202)');
  const [row] = await tx.query<{ rev: unknown }>("select nextval('sync_rev') as rev");
  return toInt(row!.rev);
}

/** `n` consecutive revisions under the same lock (one round trip for a whole push batch). */
export async function nextRevs(tx: Queryable, n: number): Promise<number[]> {
  if (n <= 0) return [];
  await tx.query('select pg_advisory_xact_lock(7202)');
  const rows = await tx.query<{ rev: unknown }>("select nextval('sync_rev') as rev from generate_series(1, $1)", [n]);
  return rows.map((r) => toInt(r.rev));
}

export const CHANGES_CHANNEL = 'dockside_changes';

/** Tells live streams (in this and every other server process) that a warehouse's data changed; delivered at commit. */
export async function notifyChange(
  tx: Queryable,
  warehouseId: string,
  rev: number,
  collection: SyncCollection = 'fulfillment_orders',
): Promise<void> {
  await tx.query('select pg_notify($1, $2)', [CHANGES_CHANNEL, JSON.stringify({ warehouseId, collection, rev })]);
}
