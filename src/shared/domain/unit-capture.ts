import { labelExpiry } from './lot-expiry';
import { TrackingText, trackingInScan, trackingTextProblem, type TrackingMode, type UnitIdentity } from './unit-tracking';

/**
 * Capturing a unit's lot or serial, as a small state machine any scanning screen (pack, pick)
 * drives: the item's scan either carries what its line needs (a GS1 code with AI 21, or AI 10
 * with AI 17) and the unit is ready, or the screen asks for it and the next scan or typed entry
 * completes it. Pure: the screen says where a serial is already packed (`serialTaken`).
 */
export interface CaptureLine {
  lineId: string;
  sku: string;
  name: string;
  tracking?: TrackingMode | null;
}

/** A unit scanned whose lot or serial is still to come. */
export interface PendingCapture {
  lineId: string;
  sku: string;
  name: string;
  mode: 'lot' | 'serial';
  /** The item's own scan, recorded with the unit. */
  barcode: string;
}

export type CaptureStep =
  /** Record the unit now; `unit` null for a line that is not tracked. */
  | { kind: 'ready'; lineId: string; barcode: string; unit: UnitIdentity | null }
  | { kind: 'ask'; pending: PendingCapture; prompt: string }
  | { kind: 'refused'; code: CaptureRefusal; message: string; pending: PendingCapture | null };

export type CaptureRefusal = 'serial_already_packed' | 'invalid_tracking_text' | 'lot_expired' | 'expiry_not_a_date';

/** Where a serial of a SKU has been packed already (order and package), or null when it is free. */
export type SerialTaken = (sku: string, serial: string) => string | null;

export function promptFor(p: Pick<PendingCapture, 'mode' | 'name'>): string {
  return p.mode === 'serial' ? `Scan or type the serial number of this ${p.name}` : `Scan or type the lot of this ${p.name}`;
}

/** The item's scan on `line`: ready when the line is untracked or the scan carries what it needs, else ask. */
export function startCapture(line: CaptureLine, scan: string, serialTaken: SerialTaken, today = new Date()): CaptureStep {
  const mode = line.tracking ?? 'none';
  if (mode === 'none') return { kind: 'ready', lineId: line.lineId, barcode: scan, unit: null };
  const pending: PendingCapture = { lineId: line.lineId, sku: line.sku, name: line.name, mode, barcode: scan };
  const found = trackingInScan(scan, today);
  if ((mode === 'serial' && found.serial) || (mode === 'lot' && found.lot)) return finish(pending, scan, found, serialTaken, today);
  return { kind: 'ask', pending, prompt: promptFor(pending) };
}

/** The next scan or typed text while `pending` waits: a GS1 code with the AI, or the lot or serial as plain text. */
export function completeCapture(pending: PendingCapture, input: string, serialTaken: SerialTaken, today = new Date()): CaptureStep {
  const inScan = trackingInScan(input, today);
  const gs1 = inScan.serial !== null || inScan.lot !== null;
  const found = gs1 ? inScan : { serial: input.trim(), lot: input.trim(), expiry: null };
  return finish(pending, input, found, serialTaken, today);
}

function finish(
  pending: PendingCapture,
  scan: string,
  found: { serial: string | null; lot: string | null; expiry: string | null },
  serialTaken: SerialTaken,
  today: Date,
): CaptureStep {
  const raw = pending.mode === 'serial' ? found.serial : found.lot;
  const what = pending.mode === 'serial' ? 'serial number' : 'lot';
  const text = TrackingText.safeParse(raw ?? '');
  if (!text.success) {
    const why = trackingTextProblem(raw ?? '', what) ?? text.error.issues[0]?.message;
    return { kind: 'refused', code: 'invalid_tracking_text', message: `That is not a ${what} (${why}). ${promptFor(pending)}`, pending };
  }
  if (pending.mode === 'lot') return lotReady(pending, text.data, scan, today);
  const where = serialTaken(pending.sku, text.data);
  if (where)
    return {
      kind: 'refused',
      code: 'serial_already_packed',
      message: `Serial ${text.data} of ${pending.sku} is already packed (${where}). Put this unit aside and scan another.`,
      pending: null,
    };
  return { kind: 'ready', lineId: pending.lineId, barcode: pending.barcode, unit: { serial: text.data, lot: null, expiry: null } };
}

/** A lot's unit, unless its label says it is past its expiry or has an expiry that is no date: then another unit is taken. */
function lotReady(pending: PendingCapture, lot: string, scan: string, today: Date): CaptureStep {
  const expiry = labelExpiry(scan, today);
  if (expiry.kind === 'expired')
    return {
      kind: 'refused',
      code: 'lot_expired',
      message: `Lot ${lot} expired on ${expiry.expiry}: put this unit aside and take another.`,
      pending: null,
    };
  if (expiry.kind === 'not-a-date')
    return {
      kind: 'refused',
      code: 'expiry_not_a_date',
      message: `The label's expiry date ${expiry.text} is not a date: put this unit aside and take another.`,
      pending: null,
    };
  const unit = { serial: null, lot, expiry: expiry.kind === 'good' ? expiry.expiry : null };
  return { kind: 'ready', lineId: pending.lineId, barcode: pending.barcode, unit };
}
