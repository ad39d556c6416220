import type { Row } from '../db/schema';
import { requireFulfillmentOrder } from '../fulfillment/fulfillment-store';
import { openTask } from '../tasks/task-store';
import { appendTimeline } from '../timeline/timeline';
import { CARRIER_LABEL_REFUNDS_CHANNEL, claimDueLabelVoids, recordLabelVoidFailed, recordRefund } from './carrier-label-store';
import type { RefundQueue } from './label-refunds';

const SYSTEM = { kind: 'system' as const, id: 'carrier-label-refunds', name: 'Label refunds' };

/**
 * Labels bought for packages a station unpacked (package-voided), refunded in the background
 * (label-refunds.ts): the station recorded the unpacking, maybe offline, so nobody waits for the
 * carrier's answer. The order's timeline says when the label was voided, or a task why not.
 */
export const carrierLabelRefunds: RefundQueue<Row<'carrier_labels'>> = {
  name: 'carrier label refunds',
  channel: CARRIER_LABEL_REFUNDS_CHANNEL,
  claim: claimDueLabelVoids,
  target: (row) => ({
    accountId: row.account_id,
    shipmentId: row.shipment_id!,
    reason: row.void_reason ?? 'package unpacked at a station',
    attempts: row.void_attempts,
  }),
  async voided(tx, row, { reason, refundStatus }) {
    await recordRefund(tx, row.id, { shipmentId: row.shipment_id!, status: refundStatus }, reason);
    const doc = await requireFulfillmentOrder(tx, row.fulfillment_order_id);
    await appendTimeline(tx, {
      type: 'carrier-label-voided',
      orderId: doc.orderId,
      fulfillmentOrderId: doc.id,
      entityIds: { fulfillmentOrderId: doc.id, packageId: row.package_id },
      payload: {
        packageId: row.package_id,
        trackingNumber: row.tracking_number,
        reason: `label ${row.tracking_number} voided (refund ${refundStatus}): ${reason}`,
      },
      actor: SYSTEM,
    });
  },
  failed: (q, row, error, retryMs) => recordLabelVoidFailed(q, row.id, error, retryMs),
  async givenUp(tx, row, failure, attempts) {
    const doc = await requireFulfillmentOrder(tx, row.fulfillment_order_id);
    await openTask(tx, {
      id: crypto.randomUUID(),
      kind: 'carrier-label-refund-failed',
      title: `Label ${row.tracking_number} of ${doc.orderNumber}'s unpacked package was not refunded: ${failure}`.slice(0, 300),
      orderId: doc.orderId,
      fulfillmentOrderId: doc.id,
      eventId: null,
      warehouseId: doc.warehouseId,
      detail: { packageId: row.package_id, trackingNumber: row.tracking_number, attempts, error: failure },
    });
  },
};
