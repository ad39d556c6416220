import type { z } from 'zod';
import type { HoldOrderRequest, ReleaseOrderRequest } from '../../../shared/api/order-commands';
import type { HoldRecord, OrderDocument } from '../../../shared/api/orders';
import type { HoldReason } from '../../../shared/domain/fulfillment-status';
import type { Actor } from '../../../shared/events/station-events';
import type { Queryable } from '../../db/database';
import { releaseOrderBackorders } from '../../backorders/release-backorders';
import { problems } from '../../http/problem';
import { holdFulfillment, releaseFulfillment } from '../fulfillment-effects';
import type { CommandContext } from '../order-command';
import { moveOrder, recordChange } from '../order-transition';
import { appendTimeline } from '../../timeline/timeline';

/**
 * Holds: several reasons can hold an order at once; the order stays on hold
 * until the last is released, then returns to where it was. Its fulfillment orders are held
 * with the same reasons so no station ships it meanwhile.
 */
export async function holdOrder({ tx, order, actor }: CommandContext, body: z.output<typeof HoldOrderRequest>): Promise<void> {
  const added = body.reasons.filter((r) => !order.holds.includes(r));
  if (!added.length) {
    throw problems.conflict('order_hold_exists', `the order is already held for ${body.reasons.join(', ')}`, {
      holds: order.holds,
      currentVersion: order.version,
    });
  }
  const at = new Date().toISOString();
  const holdDetails: HoldRecord[] = [
    ...(order.holdDetails ?? []),
    ...added.map((reason) => ({ reason, note: body.note ?? null, placedBy: actor, placedAt: at })),
  ];
  const holds = [...order.holds, ...added];
  if (order.status === 'on_hold') {
    await recordChange(tx, { ...order, holds, holdDetails }, actor, 'order-hold-placed', {
      reasons: added,
      note: body.note ?? null,
      holds,
    });
  } else {
    await moveOrder(tx, order, 'on_hold', actor, {
      command: 'hold',
      reason: body.note ?? added.join(', '),
      patch: { holds, holdDetails, statusBeforeHold: order.status },
      payload: { reasons: added },
    });
    await appendTimeline(tx, {
      type: 'order-hold-placed',
      orderId: order.id,
      payload: { reasons: added, note: body.note ?? null, holds },
      actor,
    });
  }
  await holdFulfillment(tx, order.id, added as HoldReason[], body.note ?? null, actor);
}

export async function releaseOrder({ tx, order, actor }: CommandContext, body: z.output<typeof ReleaseOrderRequest>): Promise<void> {
  await releaseHolds(tx, order, (body.reasons ?? order.holds) as HoldReason[], body.resolution ?? null, actor);
}

/** Lifts some holds; when none remain the order goes back to the status it had before the first. */
export async function releaseHolds(
  tx: Queryable,
  order: OrderDocument,
  releasing: HoldReason[],
  resolution: string | null,
  actor: Actor,
): Promise<OrderDocument> {
  if (order.status !== 'on_hold')
    throw problems.conflict('order_not_on_hold', `the order is ${order.status}, not on hold`, { currentVersion: order.version });
  const missing = releasing.filter((r) => !order.holds.includes(r));
  if (missing.length)
    throw problems.conflict('order_hold_not_found', `the order is not held for ${missing.join(', ')}`, {
      holds: order.holds,
      currentVersion: order.version,
    });
  const holds = order.holds.filter((r) => !releasing.includes(r as HoldReason));
  const holdDetails = (order.holdDetails ?? []).filter((h) => holds.includes(h.reason));
  const payload = { reasons: releasing, resolution, holds };
  let saved: OrderDocument;
  if (holds.length) {
    saved = await recordChange(tx, { ...order, holds, holdDetails }, actor, 'order-hold-released', payload);
  } else {
    saved = await moveOrder(tx, order, order.statusBeforeHold ?? 'pending', actor, {
      command: 'release',
      reason: resolution,
      patch: { holds: [], holdDetails: [], statusBeforeHold: null },
      payload: { reasons: releasing },
    });
    await appendTimeline(tx, { type: 'order-hold-released', orderId: order.id, payload, actor });
  }
  await releaseFulfillment(tx, order.id, releasing, resolution, actor);
  // Backorders allocated stock while the order was held; now they get their fulfillment orders.
  if (!holds.length) await releaseOrderBackorders(tx, order.id, actor, resolution ?? 'order hold released');
  return saved;
}
