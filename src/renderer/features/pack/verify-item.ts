import type { Actor } from '../../../shared/events/station-events';
import { notALotOrSerial } from '../../../shared/domain/not-a-lot-or-serial';
import { completeCapture, promptFor, startCapture, type CaptureStep } from '../../../shared/domain/unit-capture';
import { unitsOf, type FulfillmentDocument } from '../../../shared/sync/fulfillment-document';
import type { StationRuntime } from '../../app/station-runtime';
import { useStation } from '../../app/station-store';
import type { NewEvent } from '../../db/sync-outbox';
import { productCodesOf } from '../../scanner/scanned-code';
import { DEFAULT_SCAN_CODE_RULES } from '../../scanner/wedge-config';
import { codesKnownHere, itemAsScanned, storedItemOf } from './codes-known-here';
import { refusedAsBadgeAtSerial } from '../sign-in/badge-at-serial';
import { serialsHeldLocally } from './local-serials';
import type { OpenOrderView } from './open-order-view';

interface VerifyDeps {
  openView: OpenOrderView;
  /** Done once the scan counts in the open order's view; its write follows (record-checked.ts). */
  recordCounted(doc: FulfillmentDocument, event: NewEvent, shown?: () => void): Promise<boolean>;
  actorNow(): Actor;
}

const state = () => useStation.getState();

/**
 * Scan-to-verify of the open order's items. A line of a tracked SKU needs each unit's lot or
 * serial (unit-capture.ts): from the item's own GS1 scan, else the packer is asked and the next
 * scan or typed entry gives it. A serial already scanned or packed here is refused at once, and
 * so is someone's badge (badge-at-serial.ts).
 */
export function createItemVerifier(rt: StationRuntime, deps: VerifyDeps) {
  const serialTaken = async (sku: string) => {
    // Read from the database: the serials of scans still being written must be there.
    await rt.outbox.settled();
    const held = await serialsHeldLocally(rt.db, rt.stationId, sku);
    return (_: string, serial: string) => held.get(serial) ?? null;
  };

  async function scanItem(code: string): Promise<void> {
    const id = state().openFulfillmentOrderId!;
    const view = await deps.openView.viewOf(id);
    if (!view) return state().say('error', 'This order is no longer assigned to this station');
    const matches = linesMatching(view.doc, code);
    if (!matches.length)
      return state().say(
        'error',
        `${itemAsScanned(await storedItemOf(rt.db, code), code)} is not on ${view.doc.orderNumber}. Put it back.`,
      );
    const line = matches.find((l) => l.verified < l.quantity);
    if (!line) return state().say('error', `All ${matches[0]!.quantity} × ${matches[0]!.name} are already scanned: put this one back`);
    const taken = line.tracking === 'serial' ? await serialTaken(line.sku) : () => null;
    await act(view.doc, startCapture(line, code, taken));
  }

  /** The packer's answer while a unit waits for its lot or serial. */
  async function captureInput(code: string): Promise<void> {
    const pending = state().unitCapture!;
    const view = await deps.openView.viewOf(state().openFulfillmentOrderId!);
    if (!view) return state().setUnitCapture(null);
    // A code the station knows as something else (an order number, an item's barcode, a tote…) is no lot or serial: ask again.
    const known = await codesKnownHere(rt.db, view.doc);
    const other = notALotOrSerial(code, pending, known, DEFAULT_SCAN_CODE_RULES);
    if (other)
      return state().say(
        'error',
        `That is ${other}, not ${pending.mode === 'serial' ? 'a serial number' : 'a lot'}. ${promptFor(pending)}`,
      );
    const taken = pending.mode === 'serial' ? await serialTaken(pending.sku) : () => null;
    const step = completeCapture(pending, code, taken);
    // About to be recorded: a badge is a credential, never a serial or lot (asked of main only when it could be one).
    if (step.kind === 'ready' && (await refusedAsBadgeAtSerial(rt.client, code, pending.mode))) return;
    await act(view.doc, step);
  }

  async function act(doc: FulfillmentDocument, step: CaptureStep): Promise<void> {
    if (step.kind === 'ask') {
      state().setUnitCapture(step.pending);
      return state().say('info', step.prompt, 'success');
    }
    if (step.kind === 'refused') {
      state().setUnitCapture(step.pending);
      return state().say('error', step.message);
    }
    state().setUnitCapture(null);
    const line = doc.lines.find((l) => l.lineId === step.lineId)!;
    const after = unitsOf(doc, 'verified') + 1;
    const total = unitsOf(doc, 'quantity');
    const unit = step.unit
      ? { serial: step.unit.serial ?? undefined, lot: step.unit.lot ?? undefined, expiry: step.unit.expiry ?? undefined }
      : {};
    const what = step.unit?.serial ? ` SN ${step.unit.serial}` : step.unit?.lot ? ` LOT ${step.unit.lot}` : '';
    // Said (and the count shown) as soon as the scan has its seq; the write follows (a failed one is withdrawn and said).
    await deps.recordCounted(
      doc,
      {
        type: 'item-verified',
        fulfillmentOrderId: doc.id,
        orderId: doc.orderId,
        actor: deps.actorNow(),
        payload: { lineId: line.lineId, barcode: step.barcode, quantity: 1, ...dropUndefined(unit) },
      },
      () => {
        if (after >= total) state().say('success', `${what ? `${line.name}${what} ✓. ` : ''}All items scanned. Press Ship.`, 'complete');
        else state().say('success', `${line.name}${what} ✓ (${after} of ${total} scanned)`, 'success');
      },
    );
  }

  return { scanItem, captureInput, cancelCapture: () => state().setUnitCapture(null) };
}

function dropUndefined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The order's lines a scanned code is (by barcode, GS1 GTIN or SKU). */
export function linesMatching(doc: FulfillmentDocument, code: string) {
  const codes = productCodesOf(code);
  return doc.lines.filter((l) => codes.includes(l.barcode ?? '') || codes.includes(l.sku));
}
