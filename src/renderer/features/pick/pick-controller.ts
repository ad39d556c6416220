import { mayRecord } from '../../../shared/domain/user-roles';
import type { BinLocationDocument } from '../../../shared/sync/bin-location-document';
import type { FulfillmentDocument } from '../../../shared/sync/fulfillment-document';
import { toPickOf } from '../../../shared/sync/pick-reducer';
import { actorNow } from '../../app/actor-now';
import type { StationRuntime } from '../../app/station-runtime';
import { useStation } from '../../app/station-store';
import type { NewEvent } from '../../db/sync-outbox';
import { playSound } from '../../feedback/sounds';
import { claimRecorded } from '../pack/assigned-work';
import { refuseUnlessBadge, refuseUntilAcknowledgedUnlessBadge, saidAsBadge } from '../sign-in/badge-hand-over';
import { loadView } from '../pack/fulfillment-view';
import { recordChecked } from '../pack/record-checked';
import { emptiedKey, pickPath, type CartOrder, type PickStop } from './pick-path';
import { readPickScan } from './pick-scan';
import { usePick } from './pick-store';
import { refusedAsNoTote } from './not-a-tote';
import { refusePickScan } from './refuse-pick-scan';
import { shortPickOf } from './short-pick';

/** What the pick screen shows: the cart (orders with their totes), and the path still to walk. */
export interface PickPlan {
  cart: (CartOrder & { orderNumber: string })[];
  /** The first order still waiting for a tote, if any: the next scan is its tote. */
  needsTote: { fulfillmentOrderId: string; orderNumber: string } | null;
  stops: PickStop[];
}

/**
 * What the picker's scans and buttons do on the pick screen: load a cart of orders this station
 * holds, give each a tote, then walk the path: scan the bin (unless the picker is still at it
 * from the last stop), each unit, then the tote. A wrong bin, item or tote, or a unit too many,
 * is the error sound and a message to acknowledge, as at packing. Every pick and short pick is
 * an event in the outbox, so picking works offline.
 */
export function createPickController(rt: StationRuntime) {
  const say = (...a: Parameters<ReturnType<typeof useStation.getState>['say']>) => useStation.getState().say(...a);
  const pick = () => usePick.getState();

  async function heldDocs(): Promise<FulfillmentDocument[]> {
    const stored = await rt.db.fulfillment_orders
      .find({ selector: { claimedBy: rt.stationId, status: 'in_progress' }, sort: [{ status: 'asc' }, { createdAt: 'asc' }] })
      .exec();
    const views = await Promise.all(stored.map((d) => loadView(rt.db, rt.stationId, d.id)));
    return views.flatMap((v) => (v && v.doc.status === 'in_progress' && v.doc.claimedBy === rt.stationId ? [v.doc] : []));
  }

  async function bins(): Promise<BinLocationDocument[]> {
    return (await rt.db.bins.find().exec()).map((b) => b.toMutableJSON() as BinLocationDocument);
  }

  async function plan(): Promise<PickPlan> {
    const { cart, emptied } = pick();
    const views = await Promise.all(cart.map((c) => loadView(rt.db, rt.stationId, c.fulfillmentOrderId)));
    const loaded = cart.flatMap((c, i) => {
      const doc = views[i]?.doc;
      return doc ? [{ doc, tote: c.tote ?? '', orderNumber: c.orderNumber }] : [];
    });
    const waiting = cart.find((c) => !c.tote) ?? null;
    const stops = waiting ? [] : pickPath(loaded, await bins(), new Set(emptied));
    return {
      cart: loaded,
      needsTote: waiting && { fulfillmentOrderId: waiting.fulfillmentOrderId, orderNumber: waiting.orderNumber },
      stops,
    };
  }

  /** Loads up to `count` held orders with units to pick onto the cart (one for single-order picking). */
  async function startCart(count: number): Promise<void> {
    const docs = (await heldDocs()).filter((d) => d.lines.some((l) => toPickOf(l) > 0)).slice(0, count);
    if (!docs.length) return say('info', 'No orders to pick here: take orders first');
    for (const doc of docs) await claimOnce(rt, doc);
    pick().loadCart(docs.map((d) => ({ fulfillmentOrderId: d.id, orderNumber: d.orderNumber, tote: null })));
    say('success', `Cart of ${docs.length}: scan a tote for ${docs[0]!.orderNumber}`, 'success');
  }

  async function record(stop: PickStop, event: Omit<NewEvent, 'fulfillmentOrderId' | 'orderId' | 'actor'>): Promise<boolean> {
    const view = await loadView(rt.db, rt.stationId, stop.fulfillmentOrderId);
    if (!view) return (say('error', `${stop.orderNumber} is no longer at this station`), false);
    return recordChecked(rt, view.doc, {
      ...event,
      fulfillmentOrderId: view.doc.id,
      orderId: view.doc.orderId,
      actor: actorNow(rt.stationId),
    } as NewEvent);
  }

  async function onScan(raw: string): Promise<void> {
    const code = raw.trim();
    if (useStation.getState().message?.needsAck) return refuseUntilAcknowledgedUnlessBadge(rt.client, code);
    // A code the screen refuses may be someone's badge, as at packing: its holder takes over, and it is never shown.
    const user = useStation.getState().people?.signedIn;
    if (user && !mayRecord(user.role, 'item-picked'))
      return refuseUnlessBadge(rt.client, code, `${user.name} (${user.role}) cannot pick orders`);
    const p = await plan();
    if (!p.cart.length) return refusePickScan(rt, code, p.cart, () => 'Load a cart first: press Start picking');
    if (p.needsTote) return giveTote(rt, p, code);
    const stop = p.stops[0];
    const picked = 'Everything on this cart is picked: take the totes to packing';
    // A badge hands over; while badge checks are paused the screen cannot tell, and says so.
    if (!stop) return void ((await saidAsBadge(rt.client, code, picked)) || say('info', picked));
    const { inHand } = pick();
    const bin = stop.bin;
    const totes = p.cart.map((c) => c.tote);
    switch (readPickScan(stop, pick(), code, totes)) {
      case 'at-bin':
        pick().arrive(bin!.id);
        return say('success', `At ${bin!.code}: pick ${stop.quantity} × ${stop.sku}${inHandSaid(pick().inHand)}`, 'success');
      case 'wrong-bin':
        return refusePickScan(rt, code, p.cart, () => `Wrong bin: go to ${bin!.code} and scan its label`);
      case 'bin-first':
        return say('error', `Scan the label of bin ${bin!.code} first, then ${stop.sku}`);
      case 'no-bin':
        return refusePickScan(rt, code, p.cart, () => `No bin holds ${stop.sku}: press Short pick`);
      case 'one-too-many':
        return say('error', `One too many: ${stop.quantity} × ${stop.sku} here. Put it back.`);
      case 'unit':
        pick().addUnit();
        return inHand + 1 === stop.quantity
          ? say('success', `${stop.quantity} × ${stop.sku} in hand: scan tote ${stop.tote}`, 'complete')
          : say('success', `${stop.sku} ✓ (${inHand + 1} of ${stop.quantity})`, 'success');
      case 'tote-before-units':
        return say('error', `Pick ${stop.sku} first, then scan the tote`);
      case 'tote':
        return putInTote(stop, inHand);
      case 'wrong-tote':
        return say('error', `Wrong tote: ${stop.sku} for ${stop.orderNumber} goes in ${stop.tote}`);
      case 'not-the-item':
        return refusePickScan(rt, code, p.cart, (named) => `${named} is not ${stop.sku}: put it back`);
    }
  }

  /** The units in hand go in the stop's tote: recorded, then the next stop (from this bin, when the picker need not move). */
  async function putInTote(stop: PickStop, inHand: number): Promise<void> {
    const ok = await record(stop, {
      type: 'item-picked',
      payload: { lineId: stop.lineId, binId: stop.bin!.id, binCode: stop.bin!.code, tote: stop.tote, quantity: inHand },
    } as never);
    if (!ok) return;
    pick().stopDone();
    const next = (await plan()).stops[0];
    say('success', next ? `In tote ${stop.tote}. Next${nextStopSaid(stop, next)}` : 'Cart picked: take the totes to packing', 'success');
  }

  /**
   * The bin holds fewer than the stop needs: the units in hand are recorded into the stop's tote
   * (the picker puts them there), the rest short with what the picker counted left in the bin
   * (`leftInBin` as typed, 0 when empty), and the path never sends anyone back to that bin for it.
   * False when nothing was recorded (the picker is told why).
   */
  async function shortPick(leftInBin = ''): Promise<boolean> {
    if (useStation.getState().message?.needsAck) return (playSound('error'), false);
    const stop = (await plan()).stops[0];
    if (!stop) return false;
    const { inHand } = pick();
    const short = shortPickOf(stop, inHand, leftInBin);
    // Refused as every refusal at the station is: the error sound, and a message that waits for its OK (as a
    // package weight that is not a weight does at Ship, or a lot that is not a lot); the form stays open as typed.
    if (!short.ok) return (say('error', short.message), false);
    if (short.picked && !(await record(stop, { type: 'item-picked', payload: short.picked } as never))) return false;
    if (!(await record(stop, { type: 'pick-shorted', payload: short.shorted } as never))) return false;
    if (stop.bin) pick().markEmptied(emptiedKey(stop.bin.id, stop.sku));
    pick().stopDone();
    const { shortQuantity, remainingInBin } = short.shorted;
    say(
      'info',
      `${shortQuantity} × ${stop.sku} reported short for ${stop.orderNumber}, ${remainingInBin} left in the bin` +
        (inHand ? `: put the ${inHand} in hand in tote ${stop.tote}` : ''),
    );
    return true;
  }

  return { onScan, startCart, shortPick, plan, clearCart: () => pick().clearCart() };
}
export type PickController = ReturnType<typeof createPickController>;

/** The units already in hand, when the picker scans the label of the bin they are at again. */
const inHandSaid = (inHand: number): string => (inHand ? ` (${inHand} in hand)` : '');

/** Where the next stop is, as told when a stop is done: from this bin when the picker need not move. */
function nextStopSaid(done: PickStop, next: PickStop): string {
  return next.bin && next.bin.id === done.bin?.id
    ? ` from this bin: ${next.quantity} × ${next.sku} for tote ${next.tote}`
    : `: ${next.bin?.code ?? next.sku}`;
}

/** Gives the first order still without a tote the tote just scanned. */
async function giveTote(rt: StationRuntime, p: PickPlan, tote: string): Promise<void> {
  const waiting = p.needsTote!;
  if (await refusedAsNoTote(rt, tote, waiting.orderNumber)) return;
  if (usePick.getState().cart.some((c) => c.tote === tote))
    return useStation.getState().say('error', `Tote ${tote} already holds another order`);
  usePick.getState().assignTote(waiting.fulfillmentOrderId, tote);
  const next = usePick.getState().cart.find((c) => !c.tote);
  useStation
    .getState()
    .say(
      'success',
      next
        ? `Tote ${tote} for ${waiting.orderNumber}. Scan a tote for ${next.orderNumber}`
        : `Tote ${tote} for ${waiting.orderNumber}. Go!`,
      'success',
    );
}

/** The station's first work on an order starts with its claim on the record, as at packing. */
async function claimOnce(rt: StationRuntime, doc: FulfillmentDocument): Promise<void> {
  if (await claimRecorded(rt, doc.id)) return;
  await rt.outbox.record({
    type: 'fulfillment-order-claimed',
    fulfillmentOrderId: doc.id,
    orderId: doc.orderId,
    actor: actorNow(rt.stationId),
    payload: {},
  });
}
