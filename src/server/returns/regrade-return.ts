import type { z } from 'zod';
import type { Queryable } from '../db/database';
import type { RegradeReturnUnitRequest, ReturnDocument } from '../../shared/api/returns';
import { regradeUnit } from '../../shared/sync/return-regrade';
import { allocateBackorders } from '../backorders/allocate-backorders';
import { addOnHand, takeOffHand } from '../inventory/inventory-store';
import { accepted, record, returnInScope, type ReturnActionContext } from './return-actions';
import { loadReturn, saveReturn } from './return-store';

/**
 * Changes a graded unit's grade before the return is completed (the shared rule, regradeUnit).
 * Restocked units went back on hand when graded, so the stock follows the new grade at once: a
 * unit taken off the shelf again (found damaged) comes off hand, one now sent to the shelf goes on
 * it and serves waiting backorders. The refund is computed at completion from the grades then.
 */
export async function regradeReturn(
  tx: Queryable,
  id: string,
  input: z.output<typeof RegradeReturnUnitRequest>,
  ctx: ReturnActionContext,
): Promise<ReturnDocument> {
  const doc = await returnInScope(tx, ctx.principal, id, true);
  const change = { ...input, note: input.note ?? null };
  const next = accepted(regradeUnit(doc, change, new Date().toISOString(), ctx.actor.id));
  const line = doc.lines.find((l) => l.id === input.returnLineId)!;
  const before = line.units[input.unit - 1]!;
  const stock = (input.grade.disposition === 'restock' ? 1 : 0) - (before.disposition === 'restock' ? 1 : 0);
  const saved = await saveReturn(tx, next);
  if (stock > 0) await addOnHand(tx, doc.warehouseId!, line.sku, stock);
  if (stock < 0) await takeOffHand(tx, doc.warehouseId!, line.sku, -stock);
  await record(
    tx,
    saved,
    'return-regraded',
    {
      returnLineId: line.id,
      sku: line.sku,
      unit: input.unit,
      previous: { condition: before.condition, disposition: before.disposition },
      grade: input.grade,
      // Units of the SKU put on hand (1) or taken off it (-1) by the change.
      restocked: stock,
      reason: input.note ?? 'grade changed',
    },
    ctx.actor,
    { returnLineId: line.id },
  );
  if (stock > 0) await allocateBackorders(tx, doc.warehouseId!, line.sku, ctx.actor, `returned unit regraded to restock (${doc.number})`);
  return loadReturn(tx, id);
}
