import type { Queryable } from '../db/database';
import { toInt } from '../db/database';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import type { PullRequest, PullResponse, PulledDocument } from '../../shared/sync/sync-protocol';

/** Checkpoint pull, scoped to the station's warehouse (from its credential, never from the request). */
export async function pullChanges(db: Queryable, warehouseId: string, request: PullRequest): Promise<PullResponse<FulfillmentDocument>> {
  const since = request.checkpoint?.rev ?? 0;
  const rows = await db.query<{ id: string; rev: unknown; doc: FulfillmentDocument | null }>(
    `select id, rev, doc from (
       select id, rev, doc from fulfillment_orders where warehouse_id = $1 and rev > $2
       union all
       select doc_id as id, rev, null as doc from sync_tombstones where collection = 'fulfillment_orders' and warehouse_id = $1 and rev > $2
     ) changes order by rev limit $3`,
    [warehouseId, since, request.limit],
  );
  const documents: PulledDocument<FulfillmentDocument>[] = rows.map((r) =>
    r.doc ? { ...r.doc, _deleted: false as const } : { id: r.id, _deleted: true as const },
  );
  const last = rows.length ? toInt(rows[rows.length - 1]!.rev) : since;
  let remaining = 0;
  if (rows.length === request.limit) {
    const [count] = await db.query<{ n: unknown }>(
      `select (select count(*) from fulfillment_orders where warehouse_id = $1 and rev > $2)
            + (select count(*) from sync_tombstones where collection = 'fulfillment_orders' and warehouse_id = $1 and rev > $2) as n`,
      [warehouseId, last],
    );
    remaining = toInt(count!.n);
  }
  return { documents, checkpoint: { rev: last }, remaining };
}
