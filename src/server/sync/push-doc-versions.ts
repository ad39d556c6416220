import type { Queryable } from '../db/database';
import { isReturnEvent } from '../../shared/events/station-events';
import type { PushOutcome } from '../../shared/sync/sync-protocol';
import type { ReadableItem } from './push-intake';

/**
 * Adds to each applied or conflicted answer the version its document (the fulfillment order or
 * return it is about) has once this push commits: a copy of that document at this version or
 * later reflects the event. The fulfillment orders this push saved are known (`saved`); the rest
 * (a duplicate's, a return's) are read inside the push's transaction, after its writes.
 *
 * Why not the seq alone: every device of a station draws seqs from one counter in blocks, so one
 * device's event can be applied after another's with a higher seq. A document whose appliedSeq
 * passed an event's seq need not hold it yet, and a station that dropped its acknowledged event
 * from its view on the seq would lose it until the next pull (a box vanishing from the screen).
 */
export async function withDocVersions(
  tx: Queryable,
  items: readonly ReadableItem[],
  outcomes: readonly PushOutcome[],
  saved: ReadonlyMap<string, number>,
): Promise<PushOutcome[]> {
  const subjects = new Map<string, { id: string; isReturn: boolean }>();
  for (const item of items)
    if (item.kind === 'event')
      subjects.set(
        item.id,
        isReturnEvent(item.event) ? { id: item.event.returnId, isReturn: true } : { id: item.event.fulfillmentOrderId, isReturn: false },
      );
  const answered = outcomes.filter((o) => o.outcome !== 'rejected' && subjects.has(o.id));
  if (!answered.length) return [...outcomes];
  const versions = new Map(saved);
  const ids = (isReturn: boolean) => [
    ...new Set(
      answered
        .map((o) => subjects.get(o.id)!)
        .filter((s) => s.isReturn === isReturn && !versions.has(s.id))
        .map((s) => s.id),
    ),
  ];
  const read = async (sql: string, list: string[]) => {
    if (!list.length) return;
    for (const r of await tx.query<{ id: string; version: unknown }>(sql, [list])) versions.set(r.id, Number(r.version));
  };
  await read(`select id, (doc->>'version')::int as version from fulfillment_orders where id = any($1::uuid[])`, ids(false));
  await read('select id, version from returns where id = any($1::uuid[])', ids(true));
  return outcomes.map((o) => {
    const subject = o.outcome === 'rejected' ? undefined : subjects.get(o.id);
    const version = subject && versions.get(subject.id);
    return version === undefined ? o : { ...o, docVersion: version };
  });
}
