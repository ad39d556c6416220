import type { PrintJob, StationSettings } from '../../../shared/contract/index';
import type { Actor } from '../../../shared/events/station-events';
import { unitsToPack, type FulfillmentDocument } from '../../../shared/sync/fulfillment-document';
import type { StationRuntime } from '../../app/station-runtime';
import { useStation } from '../../app/station-store';
import type { NewEvent } from '../../db/sync-outbox';
import { StationCallError } from '../../station-client/index';
import { loadView, unpackedVerified } from './fulfillment-view';
import type { LabelShipments, LabelShipped } from './label-shipments';
import { packingSlipRequest, shippingLabelRequest } from './package-documents';
import { packageCarrier } from './carrier-choice';
import { orderEnded } from './ended-orders';
import { withShipTurn } from './ship-turn';
import { askWhetherPrinted } from '../printers/ask-whether-printed';
import { whyNotPrinted } from '../printers/job-state';
import { MAX_PACKAGE_GRAMS } from '../../../shared/domain/package-weight';
import { randomUuid } from '../../../shared/random-uuid';

interface ShipFlowDeps {
  recordChecked(doc: FulfillmentDocument, event: NewEvent): Promise<boolean>;
  actorNow(): Actor;
  shipments: LabelShipments;
}

const state = () => useStation.getState();

/**
 * Ship: pack every scanned, unpacked unit into a package, print its slip and label, and ship it
 * when the label prints. What the package waits for lives with its print jobs in main, so a
 * package waiting for its label keeps that label (and its SSCC) whatever happens to this page.
 */
export function createShipFlow(rt: StationRuntime, deps: ShipFlowDeps) {
  /** The package still packing, else a new one holding what was scanned. */
  async function packageToShip(id: string, weightGrams: number | null): Promise<{ doc: FulfillmentDocument; packageId: string } | null> {
    const view = await loadView(rt.db, rt.stationId, id);
    if (!view) return null;
    const packing = view.doc.packages.find((p) => p.status === 'packing');
    if (packing) return { doc: view.doc, packageId: packing.id };
    const contents = unpackedVerified(view.doc);
    if (!contents.length) return (state().say('error', 'Nothing scanned to ship yet'), null);
    const packageId = randomUuid();
    const created = await deps.recordChecked(view.doc, {
      type: 'package-created',
      fulfillmentOrderId: id,
      orderId: view.doc.orderId,
      actor: deps.actorNow(),
      payload: { packageId, contents, weightGrams },
    });
    if (!created) return null;
    state().setPackageWeight(null);
    return { doc: (await loadView(rt.db, rt.stationId, id))!.doc, packageId };
  }

  /**
   * The packing slip goes into the box before the label goes on it, so it prints first, and
   * only where the station routes packing slips to a printer. A slip that cannot print does not
   * stop the shipment: the packer is told and can print it from the queue.
   */
  async function printPackingSlip(doc: FulfillmentDocument, packageId: string, settings: StationSettings): Promise<string | null> {
    if (!settings.routes['packing-slip']) return null;
    try {
      const purpose = { kind: 'package-slip' as const, fulfillmentOrderId: doc.id, orderId: doc.orderId, packageId };
      const job = await rt.client.call('printing.print', { ...packingSlipRequest(doc, packageId, settings.shipFrom), purpose });
      return job.state === 'printed' ? null : `packing slip waiting for ${job.printerName} (${whyNotPrinted(job)})`;
    } catch (err) {
      return `packing slip not printed: ${err instanceof Error ? err.message : String(err)}`;
    }
  }

  /** The package's label: a new one, or the one it already has (main never gives a package a second). */
  async function printLabel(
    doc: FulfillmentDocument,
    packageId: string,
    settings: StationSettings,
    jobId: string,
  ): Promise<PrintJob | null> {
    const purpose = { kind: 'ship-package' as const, fulfillmentOrderId: doc.id, orderId: doc.orderId, packageId, actor: deps.actorNow() };
    // The rules' service (or the packer's): main numbers the label from that carrier's block.
    const carrier = packageCarrier(state().carriers, doc, null, state().carrierOverride);
    try {
      const label = shippingLabelRequest(doc, packageId, settings.shipFrom);
      const job = await rt.client.call('printing.print', {
        ...label,
        jobId,
        purpose,
        ...(carrier ? { carrierService: carrier.choice } : {}),
      });
      state().setCarrierOverride(null);
      return job;
    } catch (err) {
      const message = err instanceof StationCallError ? err.message : (err as Error).message;
      state().say('error', `No label: ${message}`);
      return null;
    }
  }

  async function ship(weightGrams: number | null = state().packageWeightGrams): Promise<void> {
    const id = state().openFulfillmentOrderId;
    if (!id) return state().say('error', 'Scan an order first');
    // A weight typed wrong is not shipped without: the rules and the label would go unweighed.
    const unreadable = state().packageWeightUnreadable;
    if (unreadable)
      return state().say(
        'error',
        `Weight "${unreadable}" is not a weight: type kilograms up to ${MAX_PACKAGE_GRAMS / 1000} (e.g. 1.25), read the scale, or clear the field`,
      );
    // The package holds what is scanned as the database has it: the last scans' writes land first.
    await rt.outbox.settled();
    const view = await loadView(rt.db, rt.stationId, id);
    if (!view) return;
    await withShipTurn(rt, view.doc, () => shipWithTurn(id, weightGrams));
  }

  /** Ship once no other screen of the station is shipping the order (ship-turn.ts). */
  async function shipWithTurn(id: string, weightGrams: number | null): Promise<void> {
    const target = await packageToShip(id, weightGrams);
    if (!target) return;
    const { doc, packageId } = target;
    if (!hasSomethingToShip(doc)) return state().say('error', `${doc.orderNumber} is ${doc.status}: nothing of it ships`);
    const settings = await rt.client.call('settings.get');
    // A slow printer can take seconds to answer: the packer sees the wait, not the last scan's words.
    const printing = `Printing ${doc.orderNumber}'s label…`;
    state().say('info', printing);
    const slipProblem = await printPackingSlip(doc, packageId, settings);
    const requested = randomUuid();
    const job = await printLabel(doc, packageId, settings, requested);
    if (!job) return;
    const also = slipProblem ? ` Also: ${slipProblem}.` : '';
    if (job.state === 'printed') {
      const settled = await deps.shipments.settle(job, { evenIfPackedElsewhere: true });
      if (settled.outcome === 'recorded-before')
        state().say('info', `This package's label printed and its shipment is already recorded.${also}`);
      else if (slipProblem) state().say('error', `Shipped, but the ${slipProblem}`);
      else if (settled.outcome !== 'shipped' && state().message?.text === printing)
        state().say('info', `${doc.orderNumber}'s label printed.`);
      return;
    }
    // It may have printed: main sends it again only on the packer's answer (LabelWaiting asks too).
    if (job.state === 'unconfirmed') {
      const again = job.id === requested ? '' : ' No new label was printed: it would carry a new SSCC.';
      return askWhetherPrinted(job, `${again}${also}`);
    }
    if (job.id === requested) {
      return state().say(
        'error',
        `Printer ${job.printerName} has not taken ${doc.orderNumber}'s label (${whyNotPrinted(job)}). It is queued and retrying; the package ships when it prints.${also}`,
      );
    }
    state().say(
      'error',
      `This package's label (SSCC ${job.sscc ?? 'none'}) is already waiting for ${job.printerName} (${whyNotPrinted(job)}). No new label was printed: it would carry a new SSCC. Reprint it (same SSCC) or move it to another printer; the package ships when it prints.${also}`,
    );
  }

  return { ship };
}

/** Scanned units not in a package yet, or a package still waiting for its label; nothing on an order that was cancelled or moved away. */
export function hasSomethingToShip(doc: FulfillmentDocument): boolean {
  if (orderEnded(doc)) return false;
  return doc.lines.some((l) => unitsToPack(l) > 0) || doc.packages.some((p) => p.status === 'packing');
}

/** Tells the packer a package shipped: the one in front of them, or one whose label printed later. */
export async function announceShipped(rt: StationRuntime, { job, purpose, orderNumber }: LabelShipped): Promise<void> {
  state().setLastLabel(job.id);
  const after = await loadView(rt.db, rt.stationId, purpose.fulfillmentOrderId);
  const closed = after?.doc.status === 'closed';
  if (state().openFulfillmentOrderId === purpose.fulfillmentOrderId) {
    state().say(
      'success',
      closed ? `${orderNumber} shipped. Scan the next order.` : `Package shipped. Scan the remaining items.`,
      'complete',
    );
    if (closed) state().openOrder(null);
  } else if (!state().message?.needsAck) {
    // Not over an error the packer has yet to read.
    state().say('success', `${orderNumber}: its label printed, so the package shipped.`, 'complete');
  }
}
