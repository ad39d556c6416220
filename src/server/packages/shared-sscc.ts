import { SHARED_SSCC_TASK } from '../../shared/api/tasks';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import type { Queryable } from '../db/database';
import { openTasks } from '../tasks/task-store';

/** Read by a shift lead as "Duplicate sscc" (task-kind.ts); relabelled from the supervisor desk (tasks/relabel-package.ts). */
export { SHARED_SSCC_TASK };

interface Carrier {
  packageId: string;
  fulfillmentOrderId: string;
  orderId: string;
  orderNumber: string;
  warehouseId: string;
}

/**
 * After documents are saved: an SSCC newly put on a package that another package already carries
 * (two stations numbering alike, a label restored from a copy) is kept as it arrived, since the
 * parcel exists and nothing may be lost, and a supervisor task says which parcels share it so all
 * but one are relabelled before a carrier sees two parcels as one. One task per shared SSCC.
 */
export async function flagSharedSsccs(
  tx: Queryable,
  changes: readonly { before: FulfillmentDocument | null; after: FulfillmentDocument }[],
): Promise<void> {
  const labelled = new Map<string, Carrier>();
  for (const { before, after } of changes)
    for (const p of after.packages) {
      const was = before?.packages.find((b) => b.id === p.id)?.sscc ?? null;
      if (p.sscc && p.sscc !== was) labelled.set(p.sscc, carrierOf(after, p.id));
    }
  if (!labelled.size) return;
  const ssccs = [...labelled.keys()];
  // One containment test per SSCC, OR-ed, so the packages GIN index (0003) finds the documents.
  const rows = await tx.query<{
    sscc: string;
    package_id: string;
    id: string;
    order_id: string;
    order_number: string;
    warehouse_id: string;
  }>(
    `select p ->> 'sscc' as sscc, p ->> 'id' as package_id, fo.id, fo.order_id, fo.doc ->> 'orderNumber' as order_number, fo.warehouse_id
       from fulfillment_orders fo, jsonb_array_elements(fo.doc -> 'packages') as p
      where (${ssccs.map((_, i) => `fo.doc -> 'packages' @> $${i + 1}::jsonb`).join(' or ')})
        and p ->> 'sscc' = any($${ssccs.length + 1}::text[])`,
    [...ssccs.map((sscc) => JSON.stringify([{ sscc }])), ssccs],
  );
  const tasks = ssccs.flatMap((sscc) => {
    const carriers = rows.filter((r) => r.sscc === sscc);
    if (carriers.length < 2) return [];
    const newest = labelled.get(sscc)!;
    const orders = [...new Set(carriers.map((r) => r.order_number))].join(', ');
    return [
      {
        id: crypto.randomUUID(),
        kind: SHARED_SSCC_TASK,
        title: `${carriers.length} parcels carry one SSCC ${sscc} (${orders}): relabel all but one before they ship`,
        orderId: newest.orderId,
        fulfillmentOrderId: newest.fulfillmentOrderId,
        eventId: null,
        warehouseId: newest.warehouseId,
        detail: {
          sscc,
          packages: carriers.map((r) => ({
            packageId: r.package_id,
            fulfillmentOrderId: r.id,
            orderId: r.order_id,
            orderNumber: r.order_number,
          })),
        },
      },
    ];
  });
  await openTasks(tx, tasks);
}

function carrierOf(doc: FulfillmentDocument, packageId: string): Carrier {
  return { packageId, fulfillmentOrderId: doc.id, orderId: doc.orderId, orderNumber: doc.orderNumber, warehouseId: doc.warehouseId };
}
