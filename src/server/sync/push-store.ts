import type { Queryable } from '../db/database';
import { unitsOf } from '../../shared/sync/fulfillment-document';
import { consumeMany } from '../inventory/inventory-store';
import { saveFulfillmentOrders } from '../fulfillment/fulfillment-store';
import { appendTimelineBatch } from '../timeline/timeline';
import { refreshOrdersProgress } from '../orders/order-progress';
import { recordStationSeen } from '../stations/station-store';
import { openTasks } from '../tasks/task-store';
import { joinOpenConflictTasks } from './push-conflict-tasks';
import type { PushEffects } from './push-effects';
import { applyPickFacts } from '../picking/pick-facts';
import { recordPackedUnits, releasePackedUnits } from '../lots/packed-unit-store';
import { saveDetails } from '../packages/package-store';
import { flagSharedSsccs } from '../packages/shared-sscc';
import { askLabelRefunds } from '../carriers/carrier-label-store';

/**
 * Writes a batch's effects with a fixed number of statements, whatever its size, each through its
 * table's owner: one timeline insert (the acknowledgements), one insert of the supervisor tasks
 * (conflicts first join the station's tasks still open for them: push-conflict-tasks.ts), the
 * stock of shipped packages (a fixed-order lock, then one update), the lots and serials unpacked
 * then packed, one write of the changed documents (taking their sync revisions late, so the
 * revision lock is held briefly), the order-status refresh of the orders whose fulfillment
 * progress moved, and the station's last seq. Picks add their bin moves and, for each short pick,
 * its re-routing and task (picking/pick-facts.ts). Returns the station's last seq (the highest it
 * has ever had recorded) and the version each changed fulfillment order was saved at.
 */
export async function storePushEffects(
  tx: Queryable,
  stationId: string,
  effects: PushEffects,
): Promise<{ lastSeq: number; savedVersions: Map<string, number> }> {
  await appendTimelineBatch(tx, effects.timeline);
  // A conflict joins the station's task still open for it, if any (queries only when there are conflicts).
  await openTasks(tx, [...effects.tasks, ...(await joinOpenConflictTasks(tx, stationId, effects.conflicts))]);
  await consumeMany(tx, effects.shipped);
  await releasePackedUnits(
    tx,
    effects.unpacked.map((u) => u.packageId),
  );
  // The one write per item: a package's void reason. Boxes are unpacked one at a time, seldom.
  for (const u of effects.unpacked)
    await saveDetails(tx, { id: u.fulfillmentOrderId, orderId: u.orderId }, u.packageId, { voidReason: u.reason });
  // A label bought for an unpacked box is paid for: refunded in the background (carriers/carrier-label-refunds.ts).
  await askLabelRefunds(
    tx,
    effects.unpacked.map((u) => ({ packageId: u.packageId, reason: `package unpacked at a station: ${u.reason}` })),
  );
  await recordPackedUnits(tx, effects.packed);
  const changed = effects.changedDocs;
  // Orders whose fulfillment progress (status or shipped units) moved get their status refreshed.
  const moved = new Set(
    changed
      .filter(({ before, after }) => before.status !== after.status || unitsOf(before, 'shipped') !== unitsOf(after, 'shipped'))
      .map(({ after }) => after.orderId),
  );
  const saved = await saveFulfillmentOrders(
    tx,
    changed.map(({ after }) => after),
  );
  await flagSharedSsccs(tx, changed);
  // Picks take units out of bins; a short pick re-routes or backorders the missing units (after the documents are saved).
  for (const orderId of await applyPickFacts(tx, effects.picks)) moved.add(orderId);
  await refreshOrdersProgress(tx, [...moved], { kind: 'system', id: 'order-progress' });
  // Only recorded events raise it: a duplicate, a reused seq or another station's event is not this station's work.
  const lastSeq = await recordStationSeen(tx, stationId, effects.lastRecordedSeq);
  return { lastSeq, savedVersions: new Map(saved.map((d) => [d.id, d.version])) };
}
