import type { InputOf, PrintJob, StationContract, StationSettings } from '../../../shared/contract/index';
import type { Actor } from '../../../shared/events/station-events';
import { mayRecord } from '../../../shared/domain/user-roles';
import { applyStationEvent } from '../../../shared/sync/fulfillment-reducer';
import { unitsOf, type FulfillmentDocument } from '../../../shared/sync/fulfillment-document';
import type { StationRuntime } from '../../app/station-runtime';
import { useStation } from '../../app/station-store';
import { playSound } from '../../feedback/sounds';
import { productCodesOf } from '../../scanner/scanned-code';
import { StationCallError } from '../../station-client/index';
import { claimRecorded, takeForPacking } from './assigned-work';
import { loadView, unpackedVerified } from './fulfillment-view';

/**
 * What the packer's scans and buttons do. Every change is a station event in the outbox, folded
 * into the view at once, so packing works the same with or without the server.
 */
export function createPackController(rt: StationRuntime) {
  const state = () => useStation.getState();
  /** The person signed in does the work; with nobody set up for this warehouse, the station does. */
  const actorNow = (): Actor => {
    const user = state().people?.signedIn;
    return user ? { kind: 'user', id: user.id, name: user.name } : { kind: 'station', id: rt.stationId };
  };
  /** Labels sent to a printer that has not taken them yet: when the job prints, the package ships. */
  const awaitingLabel = new Map<string, { fulfillmentOrderId: string; packageId: string; actor: Actor }>();

  /** Checks the event against the current view with the shared reducer before recording it. */
  async function recordChecked(doc: FulfillmentDocument, event: Parameters<typeof rt.outbox.record>[0]): Promise<boolean> {
    const trial = applyStationEvent(doc, { ...event, id: crypto.randomUUID(), seq: Number.MAX_SAFE_INTEGER, stationId: rt.stationId, occurredAt: new Date().toISOString() } as never);
    if (!trial.ok) {
      state().say('error', trial.message);
      return false;
    }
    await rt.outbox.record(event);
    return true;
  }

  async function openByNumber(code: string): Promise<boolean> {
    const found = await rt.db.fulfillment_orders.findOne({ selector: { orderNumber: code.trim().toUpperCase() } }).exec();
    if (!found) return false;
    const view = await loadView(rt.db, rt.stationId, found.id);
    if (!view) return false;
    const doc = view.doc;
    // Scanning the open order's number again is the scanner-only way to ship what is scanned.
    if (doc.id === state().openFulfillmentOrderId && doc.status === 'in_progress' && doc.claimedBy === rt.stationId) {
      if (hasSomethingToShip(doc)) await ship();
      else state().say('info', `${doc.orderNumber} is open: scan its items, then scan the order number again to ship`);
      return true;
    }
    if (doc.status === 'closed') return state().say('error', `${doc.orderNumber} has already shipped`), true;
    if (doc.status === 'cancelled') return state().say('error', `${doc.orderNumber} was cancelled: do not pack it`), true;
    if (doc.status === 'on_hold') return state().say('error', `${doc.orderNumber} is on hold (${doc.holds.join(', ') || 'supervisor'}): put it aside`), true;
    // This station must hold the order before its first scan (assigned-work.ts).
    const refusal = await takeForPacking(rt, doc);
    if (refusal) return state().say('error', refusal.message), true;
    if (!(await claimRecorded(rt, doc.id))) {
      await rt.outbox.record({ type: 'fulfillment-order-claimed', fulfillmentOrderId: doc.id, orderId: doc.orderId, actor: actorNow(), payload: {} });
    }
    state().openOrder(doc.id);
    state().say('success', `Opened ${doc.orderNumber}: scan each item`, 'success');
    return true;
  }

  async function verifyItem(code: string): Promise<void> {
    const id = state().openFulfillmentOrderId!;
    const view = await loadView(rt.db, rt.stationId, id);
    if (!view) return state().say('error', 'This order is no longer assigned to this station');
    const codes = productCodesOf(code);
    const matches = view.doc.lines.filter((l) => codes.includes(l.barcode ?? '') || codes.includes(l.sku));
    if (!matches.length) return state().say('error', `${code} is not on ${view.doc.orderNumber}. Put it back.`);
    const line = matches.find((l) => l.verified < l.quantity);
    if (!line) return state().say('error', `All ${matches[0]!.quantity} × ${matches[0]!.name} are already scanned`);
    if (await recordChecked(view.doc, { type: 'item-verified', fulfillmentOrderId: id, orderId: view.doc.orderId, actor: actorNow(), payload: { lineId: line.lineId, barcode: code, quantity: 1 } })) {
      const after = unitsOf(view.doc, 'verified') + 1;
      const total = unitsOf(view.doc, 'quantity');
      if (after >= total) state().say('success', 'All items scanned. Press Ship.', 'complete');
      else state().say('success', `${line.name} ✓ (${after} of ${total} scanned)`, 'success');
    }
  }

  async function onScan(code: string): Promise<void> {
    if (state().message?.needsAck) {
      playSound('error');
      return;
    }
    // The server would record this person's packing as not authorized: say so here first.
    const user = state().people?.signedIn;
    if (user && !mayRecord(user.role, 'item-verified')) return state().say('error', `${user.name} (${user.role}) cannot pack orders. Sign out and let a packer sign in.`);
    if (await openByNumber(code)) return;
    if (!state().openFulfillmentOrderId) return state().say('error', `${code} is not an order assigned to this station`);
    await verifyItem(code);
  }

  async function printLabel(doc: FulfillmentDocument, packageId: string): Promise<PrintJob | null> {
    const settings = await rt.client.call('settings.get');
    try {
      return await rt.client.call('printing.print', shippingLabelRequest(doc, packageId, settings.shipFrom));
    } catch (err) {
      const message = err instanceof StationCallError ? err.message : (err as Error).message;
      state().say('error', `No label: ${message}`);
      return null;
    }
  }

  /** `actor` is whoever shipped it, even when the printer takes the label after they signed out. */
  async function labelPrinted(fulfillmentOrderId: string, packageId: string, job: PrintJob, actor: Actor) {
    const view = await loadView(rt.db, rt.stationId, fulfillmentOrderId);
    if (!view) return;
    const pkg = view.doc.packages.find((p) => p.id === packageId);
    if (!pkg || pkg.status !== 'packing') return;
    await rt.outbox.record({ type: 'label-printed', fulfillmentOrderId, orderId: view.doc.orderId, actor, payload: { packageId, printJobId: job.id, format: job.format, sscc: job.sscc, trackingNumber: null, carrier: null } });
    await rt.outbox.record({ type: 'package-shipped', fulfillmentOrderId, orderId: view.doc.orderId, actor, payload: { packageId } });
    state().setLastLabel(job.id);
    const after = await loadView(rt.db, rt.stationId, fulfillmentOrderId);
    const closed = after?.doc.status === 'closed';
    state().say('success', closed ? `${view.doc.orderNumber} shipped. Scan the next order.` : `Package shipped. Scan the remaining items.`, 'complete');
    if (closed) state().openOrder(null);
  }

  /**
   * The packing slip goes into the box before the label goes on it, so it prints first, and
   * only where the station routes packing slips to a printer. A slip that cannot print does not
   * stop the shipment: the packer is told and can print it from the queue.
   */
  async function printPackingSlip(doc: FulfillmentDocument, packageId: string, settings: StationSettings): Promise<string | null> {
    if (!settings.routes['packing-slip']) return null;
    try {
      const job = await rt.client.call('printing.print', packingSlipRequest(doc, packageId, settings.shipFrom));
      return job.state === 'printed' ? null : `packing slip waiting for ${job.printerName} (${job.lastError ?? job.state})`;
    } catch (err) {
      return `packing slip not printed: ${err instanceof Error ? err.message : String(err)}`;
    }
  }

  /** Packs every scanned, unpacked unit into one package, prints its label and ships it. */
  async function ship(weightGrams: number | null = state().packageWeightGrams): Promise<void> {
    const id = state().openFulfillmentOrderId;
    if (!id) return state().say('error', 'Scan an order first');
    const view = await loadView(rt.db, rt.stationId, id);
    if (!view) return;
    let doc = view.doc;
    let pkg = doc.packages.find((p) => p.status === 'packing');
    let slipProblem: string | null = null;
    if (!pkg) {
      const contents = unpackedVerified(doc);
      if (!contents.length) return state().say('error', 'Nothing scanned to ship yet');
      const packageId = crypto.randomUUID();
      if (!(await recordChecked(doc, { type: 'package-created', fulfillmentOrderId: id, orderId: doc.orderId, actor: actorNow(), payload: { packageId, contents, weightGrams } }))) return;
      state().setPackageWeight(null);
      doc = (await loadView(rt.db, rt.stationId, id))!.doc;
      pkg = doc.packages.find((p) => p.id === packageId)!;
      slipProblem = await printPackingSlip(doc, pkg.id, await rt.client.call('settings.get'));
    }
    const job = await printLabel(doc, pkg.id);
    if (!job) return;
    if (job.state === 'printed') {
      await labelPrinted(id, pkg.id, job, actorNow());
      if (slipProblem) state().say('error', `Shipped, but the ${slipProblem}`);
      return;
    }
    awaitingLabel.set(job.id, { fulfillmentOrderId: id, packageId: pkg.id, actor: actorNow() });
    state().say('error', `Printer ${job.printerName} has not taken the label (${job.lastError ?? job.state}). It is queued and retrying; the package ships when it prints.${slipProblem ? ` Also: ${slipProblem}.` : ''}`);
  }

  const unlisten = rt.client.listen('printing.job-updated', (job) => {
    // A label moved to another printer comes back as a reprint of the one the package waits for.
    const key = awaitingLabel.has(job.id) ? job.id : job.reprintOf;
    const waiting = key ? awaitingLabel.get(key) : undefined;
    if (waiting && key && job.state === 'printed') {
      awaitingLabel.delete(key);
      void labelPrinted(waiting.fulfillmentOrderId, waiting.packageId, job, waiting.actor);
    }
  });

  return { onScan, ship, close: unlisten };
}
export type PackController = ReturnType<typeof createPackController>;

/** Scanned units not in a package yet, or a package still waiting for its label. */
export function hasSomethingToShip(doc: FulfillmentDocument): boolean {
  return doc.lines.some((l) => l.verified > l.packed) || doc.packages.some((p) => p.status === 'packing');
}

/** The packing slip of a package: what is in this box, with its place in the shipment. */
export function packingSlipRequest(doc: FulfillmentDocument, packageId: string, shipFrom: StationSettings['shipFrom']): Extract<InputOf<StationContract['printing.print']>, { template: 'packing-slip' }> {
  const index = doc.packages.findIndex((p) => p.id === packageId);
  const pkg = doc.packages[index];
  if (!pkg) throw new Error(`package ${packageId} is not on ${doc.orderNumber}`);
  const lines = pkg.contents.map((c) => {
    const line = doc.lines.find((l) => l.lineId === c.lineId)!;
    return { sku: line.sku, name: line.name, quantity: c.quantity, ...(line.barcode ? { barcode: line.barcode } : {}) };
  });
  const complete = unitsOf(doc, 'packed') >= unitsOf(doc, 'quantity');
  return {
    template: 'packing-slip',
    data: {
      orderNumber: doc.orderNumber,
      orderDate: doc.createdAt.slice(0, 10),
      shipTo: doc.shipTo,
      ...(shipFrom ? { shipFrom } : {}),
      lines,
      packageIndex: index + 1,
      packageCount: complete ? index + 1 : index + 2,
    },
  };
}

/** The shipping label of a package, as printed (and as previewed before printing). */
export function shippingLabelRequest(doc: FulfillmentDocument, packageId: string, shipFrom: StationSettings['shipFrom']): Extract<InputOf<StationContract['printing.print']>, { template: 'shipping-label' }> {
  const index = doc.packages.findIndex((p) => p.id === packageId);
  const packageIndex = index >= 0 ? index + 1 : doc.packages.length + 1;
  const packedAfter = index >= 0 ? unitsOf(doc, 'packed') : unitsOf(doc, 'verified');
  const completes = packedAfter >= unitsOf(doc, 'quantity');
  return {
    template: 'shipping-label',
    data: {
      orderNumber: doc.orderNumber,
      packageId,
      packageIndex,
      packageCount: completes ? packageIndex : packageIndex + 1,
      shipTo: doc.shipTo,
      ...(shipFrom ? { shipFrom } : {}),
      carrier: null,
      service: null,
      trackingNumber: null,
      weightGrams: doc.packages[index]?.weightGrams ?? null,
    },
  };
}
