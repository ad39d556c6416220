import type { Actor } from '../../../shared/events/station-events';
import { noOrderOpenMessage } from './no-order-open';
import { notAnItemMessage } from './not-an-item';
import { storedItemOf } from './codes-known-here';
import { leftBehindNote } from './left-behind';
import { unsettledParcelHere } from './unsettled-parcel';
import { refuseUnlessBadge, refuseUntilAcknowledgedUnlessBadge } from '../sign-in/badge-hand-over';
import { saidAsBadgeAtPack } from './badge-at-pack';
import { rememberOpenOrders } from './remembered-order';
import { mayRecord } from '../../../shared/domain/user-roles';
import type { FulfillmentDocument } from '../../../shared/sync/fulfillment-document';
import { actorNow as actorOf } from '../../app/actor-now';
import type { StationRuntime } from '../../app/station-runtime';
import { useStation } from '../../app/station-store';
import type { NewEvent } from '../../db/sync-outbox';
import { playSound } from '../../feedback/sounds';
import { sayNotRecorded } from '../../scanner/one-scan-at-a-time';
import { heldHereNow } from './assigned-work';
import { fulfillmentOrderInTote } from '../pick/tote-lookup';
import { viewOf, withEvents, type StoredOrder } from './fulfillment-view';
import type { StationView } from '../../../shared/sync/fold-view';
import { createOpenOrderView, type OpenOrderView } from './open-order-view';
import { watchOpenOrderTakenAway } from './open-order-taken-away';
import { watchFewerWanted } from './fewer-wanted';
import { expectCodes, itemCodesOf } from '../../scanner/codes-expected';
import { saidToteMovedAway } from './tote-moved-away';
import { startLabelShipments } from './label-shipments';
import { recordChecked as recordCheckedIn, recordCounted } from './record-checked';
import { announceShipped, createShipFlow, hasSomethingToShip } from './ship-flow';
import { createItemVerifier, linesMatching } from './verify-item';
import { createUnpack } from './unpack-package';
import { orderEnded, sayVoidedLabels, scannedEndedOrder } from './ended-orders';
import { askAboutUnconfirmedLabels } from '../printers/ask-whether-printed';
import { askToTake, closeOrdersLeft, onHoldSaid } from './order-screen';
import { dropOfferOnChange } from './take-here-offer';

/**
 * What the packer's scans and buttons do: open an order, verify items (here), ship (ship-flow.ts),
 * and ship packages whose labels print later (label-shipments.ts). Every change is a station
 * event in the outbox, folded into the view at once, so packing works the same with or without the server.
 */
export function createPackController(rt: StationRuntime) {
  const state = () => useStation.getState();
  /** The person signed in does the work; with nobody set up for this warehouse, the station does. */
  const actorNow = (): Actor => actorOf(rt.stationId);
  // The open order lives in memory: scans read and update it at once (open-order-view.ts).
  const openView = createOpenOrderView(rt.db, rt.stationId);
  openView.follow(state().openFulfillmentOrderId);
  const unfollow = useStation.subscribe((s) => openView.follow(s.openFulfillmentOrderId));
  const remembered = rememberOpenOrders(rt); // after a reload, the order that was open opens again
  const unwatch = watchOpenOrder(rt, openView);
  const recordChecked = (doc: FulfillmentDocument, event: NewEvent, shown?: () => void) => recordCheckedIn(rt, doc, event, openView, shown);
  const shipments = startLabelShipments(rt, (shipped) => announceShipped(rt, shipped));
  // Labels main voided, and labels that may have printed (the packer says whether they did): said at once.
  const unlisten = [sayVoidedLabels(rt), askAboutUnconfirmedLabels(rt), closeOrdersLeft(rt), dropOfferOnChange()];
  const { ship } = createShipFlow(rt, { recordChecked, actorNow, shipments });
  const recordScan = (doc: FulfillmentDocument, event: NewEvent, shown?: () => void) => recordCounted(rt, doc, event, openView, shown);
  const verifier = createItemVerifier(rt, { openView, recordCounted: recordScan, actorNow });
  const { unpack } = createUnpack(rt, { recordChecked, actorNow, viewOf: (id) => openView.viewOf(id) });

  async function openByNumber(code: string): Promise<boolean> {
    // Orders are written by pulls, never by the outbox: their lookup need not wait for the event
    // writes this waits for (the order's events are read below, once those are written).
    const [byNumber] = await Promise.all([
      rt.db.fulfillment_orders.findOne({ selector: { orderNumber: code.trim().toUpperCase() } }).exec(),
      rt.outbox.settled(),
    ]);
    // Pick to pack: a tote from the pick cart opens the order picked into it.
    const inTote = byNumber ? null : await fulfillmentOrderInTote(rt, code);
    const found = byNumber ?? (inTote ? await rt.db.fulfillment_orders.findOne(inTote).exec() : null);
    // A tote of an order this station no longer holds is said as such (which order, where it went).
    if (!found) return saidToteMovedAway(rt, code);
    // The open order is in memory; another is read once (its events: the document is here), and handed to the view if it opens.
    const stored = found.id === state().openFulfillmentOrderId ? null : await withEvents(rt.db, found);
    const view = stored ? viewOf(stored.doc, stored.events, rt.stationId) : await openView.viewOf(found.id);
    if (!view) return false;
    const doc = view.doc;
    // Scanning the open order's number again is the scanner-only way to ship what is scanned.
    if (doc.id === state().openFulfillmentOrderId && doc.status === 'in_progress' && doc.claimedBy === rt.stationId) {
      if (hasSomethingToShip(doc)) await ship();
      else state().say('info', `${doc.orderNumber} is open: scan its items, then scan the order number again to ship`);
      return true;
    }
    if (doc.status === 'closed') return (state().say('error', `${doc.orderNumber} has already shipped`), true);
    if (orderEnded(doc)) return scannedEndedOrder(doc, () => openView.follow(doc.id, stored ?? undefined));
    if (onHoldSaid(doc)) return true;
    // Asked of the server already (scanned twice in a row): its answer decides.
    const asked = claiming.get(doc.id);
    if (asked) return (await asked, true);
    // This station must hold the order before its first scan is recorded (assigned-work.ts).
    // Online that is a round trip to the server: the order is shown meanwhile, and an item scan
    // waits for the answer (heldBeforeItems); another order number need not.
    const previous = state().openFulfillmentOrderId;
    const note = previous && previous !== doc.id ? leftBehindNote((await openView.viewOf(previous))?.doc) : '';
    // Held here, with a parcel shipped offline the server holds as a conflict: only the server knows if it is settled.
    const parcel = heldHereNow(doc, rt.stationId) ? await unsettledParcelHere(rt.db, found.toJSON() as FulfillmentDocument) : null;
    const askingServer = state().sync.connection.online && (!heldHereNow(doc, rt.stationId) || !!parcel);
    if (!askingServer) return (await take(doc, found, view, stored, null, { note, parcel }), true);
    openView.follow(doc.id, stored ?? undefined);
    state().openOrder(doc.id);
    // Not the previous order's message beside this order: "Opened" (or the refusal) replaces it.
    state().say('info', `Opening ${doc.orderNumber}: checking no other station has it…`);
    const taking = take(doc, found, view, stored, { previous }, { note, parcel })
      .catch(sayNotRecorded)
      .finally(() => claiming.delete(doc.id));
    claiming.set(doc.id, taking);
    return true;
  }

  /**
   * Takes the order for this station and opens it. `shown` (online): the order is on screen
   * already, and what was open before it comes back if the server refuses; if the packer has
   * opened another order meanwhile, this one is only held here. `note` is added to "Opened …";
   * `parcel`: one shipped from here offline that the server holds as a conflict (it must be asked).
   */
  async function take(
    doc: FulfillmentDocument,
    found: { claimedBy?: unknown; status: unknown; lease?: unknown },
    view: StationView,
    stored: StoredOrder | null,
    shown: { previous: string | null } | null,
    { note, parcel }: { note: string; parcel: string | null },
  ): Promise<void> {
    const stillOpen = () => !shown || state().openFulfillmentOrderId === doc.id;
    const [refusal, claimed, here] = await askToTake(rt, doc, parcel);
    if (refusal || !here) {
      // Refused (another station or screen has it, say): back to what was open before.
      if (shown && stillOpen()) state().openOrder(shown.previous);
      if (refusal?.code === 'fulfillment_order_not_held') logStoredCopy(found, view);
      return void (refusal && state().say('error', refusal.message));
    }
    const opened = () => {
      if (!stillOpen()) return;
      openView.follow(doc.id, stored ?? undefined);
      state().openOrder(doc.id);
      state().say('success', `Opened ${doc.orderNumber}: scan each item.${note}`, 'success');
    };
    if (claimed) return opened();
    // Shown as soon as the claim has its seq; its write follows (a failed one is said, and the next scan waits for it).
    // Not checked against the local copy: the server has just given the order to this station, whatever that copy still says.
    await rt.outbox
      .record(
        { type: 'fulfillment-order-claimed', fulfillmentOrderId: doc.id, orderId: doc.orderId, actor: actorNow(), payload: {} },
        opened,
      )
      .catch((err: unknown) => {
        if (stillOpen()) state().openOrder(null);
        throw err;
      });
  }

  /** Claims asked of the server for orders already on screen. */
  const claiming = new Map<string, Promise<void>>();
  /** An item scan of an order still being asked for waits for the answer; false when it was refused (its message is showing). */
  async function heldBeforeItems(openId: string): Promise<boolean> {
    const asked = claiming.get(openId);
    if (!asked) return true;
    await asked;
    if (state().openFulfillmentOrderId === openId) return true;
    playSound('error');
    return false;
  }

  async function onScan(code: string): Promise<void> {
    if (state().message?.needsAck) return refuseUntilAcknowledgedUnlessBadge(rt.client, code);
    // The server would record this person's packing as not authorized: say so here first.
    const user = state().people?.signedIn;
    if (user && !mayRecord(user.role, 'item-verified'))
      return refuseUnlessBadge(rt.client, code, `${user.name} (${user.role}) cannot pack orders. Sign out and let a packer sign in.`);
    // A unit waiting for its lot or serial takes the next scan or typed entry (verify-item.ts).
    if (state().unitCapture && state().openFulfillmentOrderId) return verifier.captureInput(code);
    // An item of the open order is read from memory; only other codes are looked up as order numbers.
    const openId = state().openFulfillmentOrderId;
    const open = openId ? await openView.viewOf(openId) : null;
    if (open && linesMatching(open.doc, code).length) return (await heldBeforeItems(openId!)) ? verifier.scanItem(code) : undefined;
    // Anything else reads the database: the item scans counted from memory are written first (openByNumber waits for them).
    if (await openByNumber(code)) return;
    // Neither an item of the open order nor an order: perhaps someone's badge (a hand-over), never shown.
    const stillOpen = state().openFulfillmentOrderId;
    const openDoc = stillOpen ? ((await openView.viewOf(stillOpen))?.doc ?? null) : null;
    if (user && (await saidAsBadgeAtPack(rt, code, openDoc))) return;
    if (!stillOpen) return state().say('error', noOrderOpenMessage(code));
    const notAnItem = notAnItemMessage(code, openDoc?.orderNumber ?? 'The open order', (await storedItemOf(rt.db, code)) !== null);
    if (notAnItem) return state().say('error', notAnItem);
    if (await heldBeforeItems(stillOpen)) await verifier.scanItem(code);
  }

  return {
    onScan,
    ship,
    unpack,
    cancelCapture: verifier.cancelCapture,
    openView,
    close: () => [unfollow, ...unwatch, remembered.stop, ...unlisten, openView.stop, shipments.stop].forEach((stop) => stop()),
  };
}
export type PackController = ReturnType<typeof createPackController>;

/** Beside the view's account of a refusal (assigned-work.ts), the stored copy's: a difference is a folding bug. */
function logStoredCopy(found: { claimedBy?: unknown; status: unknown; lease?: unknown }, view: StationView): void {
  console.info('offline refusal: stored copy', {
    claimedBy: found.claimedBy,
    status: found.status,
    lease: found.lease,
    pending: view.pending.map((e) => e.type),
    refused: view.refused.map((r) => r.code),
  });
}

/** What follows the open order on its own: it taken away, fewer units wanted, and its items' codes for the scanner. Answers the stops. */
function watchOpenOrder(rt: StationRuntime, openView: OpenOrderView): (() => void)[] {
  return [
    watchOpenOrderTakenAway(openView, rt.stationId, storedCopy(rt)),
    watchFewerWanted(openView, rt.stationId),
    expectCodes(() => itemCodesOf(openView.snapshot().view?.doc.lines ?? [])),
  ];
}
/** The server's copy of an order as this station stored it last (no events of its own folded in). */
function storedCopy(rt: StationRuntime) {
  return async (id: string) => ((await rt.db.fulfillment_orders.findOne(id).exec())?.toJSON() as FulfillmentDocument | undefined) ?? null;
}
