import type { ReturnDocument, ReturnLabelView } from '../../shared/api/returns';
import { HANDED_OVER } from '../../shared/domain/package-status';
import type { Actor } from '../../shared/events/station-events';
import type { Principal } from '../auth/principal';
import type { Queryable } from '../db/database';
import { retryingTransaction } from '../db/retrying-transaction';
import { CarrierApiError } from '../carriers/carrier-adapter';
import { carrierProblem, type LabelContext } from '../carriers/carrier-labels';
import { fulfillmentOrdersOf } from '../fulfillment/fulfillment-store';
import { problems } from '../http/problem';
import { returnInScope } from './return-actions';
import { issuerFor, type IssuedReturnLabel, type ReturnParcel } from './return-label-issuer';
import {
  checkReturnable,
  claimReturnLabelPurchase,
  insertReturnLabel,
  readReturnLabelRow,
  releaseReturnLabelPurchase,
  requireLabelAddresses,
  returnLabelView,
} from './return-label-store';

export interface ReturnLabelAsk {
  accountId: string;
  serviceCode: string;
  weightGrams?: number;
}

/**
 * What the parcel coming back weighs, for a carrier to rate: as asked, else what the order's
 * shipped parcels weighed per unit, times the units authorized to come back (rounded up: a carrier
 * bills the next step). 422 weight_required when none of them was weighed.
 */
async function returnWeight(q: Queryable, doc: ReturnDocument, given?: number): Promise<number> {
  if (given) return given;
  let grams = 0;
  let units = 0;
  for (const fo of await fulfillmentOrdersOf(q, doc.orderId))
    for (const p of fo.packages)
      if (HANDED_OVER.has(p.status) && p.weightGrams) {
        grams += p.weightGrams;
        units += p.contents.reduce((n, c) => n + c.quantity, 0);
      }
  const coming = doc.lines.reduce((n, l) => n + l.quantity, 0);
  if (!grams || !units || !coming)
    throw problems.unprocessable(
      'weight_required',
      `no shipped parcel of ${doc.orderNumber} was weighed: give the return parcel's weightGrams, a carrier rates by weight`,
    );
  return Math.ceil((grams / units) * coming);
}

/**
 * An RMA's return label, made once: asking again answers the label it has (200). Numbered in one
 * transaction from an account's counter; or, for an account that buys its labels, claimed, bought
 * from the carrier outside any transaction, then recorded. A carrier's refusal releases the claim
 * and answers its 4xx or 5xx; nothing is recorded, and the label may be asked for again.
 */
export async function makeReturnLabel(
  ctx: LabelContext,
  principal: Principal,
  actor: Actor,
  returnId: string,
  ask: ReturnLabelAsk,
): Promise<{ created: boolean; label: ReturnLabelView }> {
  const request = { accountId: ask.accountId, serviceCode: ask.serviceCode };
  type Step = { done: { created: boolean; label: ReturnLabelView } } | { buy: () => Promise<IssuedReturnLabel> };
  const step = await retryingTransaction(ctx.db, async (tx): Promise<Step> => {
    const doc = await returnInScope(tx, principal, returnId, true);
    const made = await readReturnLabelRow(tx, doc.id);
    if (made?.voided_at)
      throw problems.conflict(
        'return_label_voided',
        `the return label of ${doc.number} (${made.tracking_number}) was voided for a refund: it is not printed again`,
      );
    if (made) return { done: { created: false, label: await returnLabelView(tx, doc) } };
    checkReturnable(doc);
    const { from, returnTo } = await requireLabelAddresses(tx, doc);
    const issuer = await issuerFor(ctx, tx, doc.warehouseId!, request);
    if (issuer.kind === 'buys') {
      const parcel: ReturnParcel = { rmaId: doc.id, from, returnTo, weightGrams: await returnWeight(tx, doc, ask.weightGrams) };
      await claimReturnLabelPurchase(tx, doc.id, request);
      return { buy: () => issuer.buy(parcel) };
    }
    const issued = await issuer.issue(tx, { warehouseId: doc.warehouseId!, ...request });
    await insertReturnLabel(tx, doc, request, issued, actor);
    return { done: { created: true, label: await returnLabelView(tx, doc) } };
  });
  if ('done' in step) return step.done;

  let issued: IssuedReturnLabel;
  try {
    issued = await step.buy();
  } catch (e) {
    await releaseReturnLabelPurchase(ctx.db, returnId);
    throw e instanceof CarrierApiError ? carrierProblem(e) : e;
  }
  // Bought: recorded whatever happened to the RMA meanwhile, so a label paid for is never lost.
  const label = await retryingTransaction(ctx.db, async (tx) => {
    const doc = await returnInScope(tx, principal, returnId, true);
    await insertReturnLabel(tx, doc, request, issued, actor);
    return returnLabelView(tx, doc);
  });
  return { created: true, label };
}
