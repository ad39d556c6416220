import type { ReturnLabelView } from '../../shared/api/returns';
import type { Principal } from '../auth/principal';
import { retryingTransaction } from '../db/retrying-transaction';
import { voidAtCarrier, type LabelContext } from '../carriers/carrier-labels';
import { problems } from '../http/problem';
import { returnInScope } from './return-actions';
import { readReturnLabelRow, recordReturnLabelVoided, returnLabelView } from './return-label-store';

/** Once a unit arrived, the carrier has carried the parcel: its label is used. */
const UNUSED = new Set(['requested', 'authorized', 'cancelled', 'rejected']);

/**
 * Voids an RMA's bought return label at the carrier, for a refund (the customer will not ship
 * with it: the return was cancelled, or goes another way). The carrier is asked outside any
 * transaction; what it said is recorded, and the label is never printed again. Voiding a voided
 * label answers it as it is, without asking the carrier again.
 */
export async function voidReturnLabel(ctx: LabelContext, principal: Principal, returnId: string, reason: string): Promise<ReturnLabelView> {
  const doc = await returnInScope(ctx.db, principal, returnId);
  const row = await readReturnLabelRow(ctx.db, doc.id);
  if (!row) throw problems.notFound(`return label of ${doc.number}`);
  if (row.voided_at) return returnLabelView(ctx.db, doc);
  if (row.source !== 'adapter' || !row.shipment_id)
    throw problems.conflict(
      'return_label_not_bought',
      `${row.tracking_number} was numbered from the account's own tracking numbers: nothing was paid, so there is nothing to refund`,
    );
  if (!UNUSED.has(doc.status))
    throw problems.conflict('return_label_in_use', `${doc.number} is ${doc.status}: its parcel came back with this label`);
  const refundStatus = await voidAtCarrier(ctx, row.account_id, row.shipment_id);
  return retryingTransaction(ctx.db, async (tx) => {
    await recordReturnLabelVoided(tx, doc.id, { reason, refundStatus });
    return returnLabelView(tx, doc);
  });
}
