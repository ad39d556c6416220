import type { Row } from '../db/schema';
import type { RefundQueue } from '../carriers/label-refunds';
import { openTask } from '../tasks/task-store';
import { loadReturn } from './return-store';
import {
  claimDueReturnLabelVoids,
  recordReturnLabelVoided,
  recordReturnLabelVoidFailed,
  RETURN_LABEL_REFUNDS_CHANNEL,
} from './return-label-store';

/** Cancelled RMAs' bought, unused return labels, refunded in the background (carriers/label-refunds.ts). */
export const returnLabelRefunds: RefundQueue<Row<'return_labels'>> = {
  name: 'return label refunds',
  channel: RETURN_LABEL_REFUNDS_CHANNEL,
  claim: claimDueReturnLabelVoids,
  target: (row) => ({
    accountId: row.account_id,
    shipmentId: row.shipment_id!,
    reason: row.void_reason ?? 'RMA cancelled',
    attempts: row.void_attempts,
  }),
  voided: (tx, row, v) => recordReturnLabelVoided(tx, row.return_id, v),
  failed: (q, row, error, retryMs) => recordReturnLabelVoidFailed(q, row.return_id, error, retryMs),
  async givenUp(tx, row, failure, attempts) {
    const rma = await loadReturn(tx, row.return_id);
    await openTask(tx, {
      id: crypto.randomUUID(),
      kind: 'return-label-refund-failed',
      title: `Return label ${row.tracking_number} of ${rma.number} was not refunded: ${failure}`.slice(0, 300),
      orderId: rma.orderId,
      fulfillmentOrderId: null,
      eventId: null,
      warehouseId: rma.warehouseId,
      detail: { returnId: rma.id, rmaNumber: rma.number, trackingNumber: row.tracking_number, attempts, error: failure },
    });
  },
};
