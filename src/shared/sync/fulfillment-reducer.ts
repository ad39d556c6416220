import { checkTransition } from '../domain/state-machine';
import { fulfillmentMachine } from '../domain/fulfillment-status';
import { orderStateWords } from '../words/order-words';
import type { FulfillmentStationEvent } from '../events/station-events';
import { describeUnits, sameIdentity, type TrackedUnits } from '../domain/unit-tracking';
import {
  newPackage,
  unitsOf,
  unitsToPack,
  type FulfillmentDocument,
  type FulfillmentLease,
  type FulfillmentLine,
  type PackageContent,
  type PackageDoc,
} from './fulfillment-document';
import { heldElsewhereMessage } from './fulfillment-lease';
import { foldItemPicked, foldPickShorted } from './pick-reducer';
import { movePackage, orderEndedRefusal, unpackPackage } from './package-moves';

export type ReduceResult = { ok: true; doc: FulfillmentDocument } | { ok: false; code: string; message: string };

const refuse = (code: string, message: string): ReduceResult => ({ ok: false, code, message });

type Fold<T extends FulfillmentStationEvent['type']> = (
  doc: FulfillmentDocument,
  next: FulfillmentDocument,
  event: Extract<FulfillmentStationEvent, { type: T }>,
  lease: FulfillmentLease | undefined,
) => ReduceResult;

/**
 * Folds one station event into a fulfillment document. Pure and deterministic: the station uses
 * it to show its pending work, the server uses it to apply pushed events. It never mutates `doc`.
 * Each event kind has its fold in `folds` below (reading `doc`, writing `next`, a copy of it).
 */
export function applyStationEvent(doc: FulfillmentDocument, event: FulfillmentStationEvent, lease?: FulfillmentLease): ReduceResult {
  if (event.fulfillmentOrderId !== doc.id) return refuse('event_wrong_document', 'event belongs to another fulfillment order');
  const next = structuredClone(doc);
  next.updatedAt = event.occurredAt > doc.updatedAt ? event.occurredAt : doc.updatedAt;
  return (folds[event.type] as Fold<typeof event.type>)(doc, next, event, lease);
}

/** Work on the order (picks, scans, packages) needs it in progress at this station first. */
const whenWorkable =
  <T extends FulfillmentStationEvent['type']>(fold: Fold<T>): Fold<T> =>
  (doc, next, event, lease) =>
    workableRefusal(doc, event.stationId) ?? fold(doc, next, event, lease);

const folds: { [T in FulfillmentStationEvent['type']]: Fold<T> } = {
  /**
   * A claim is the station starting to pack: on an order it holds it changes nothing (the server
   * granted the hold before the station recorded it); on an order in the pool (the hold lapsed, or
   * an older station claimed offline) it takes the order on `lease`, the terms the server grants
   * (none in a station's own fold: the server's document brings them); on an order another
   * station holds it is refused, and the work that follows it is a conflict for a supervisor.
   */
  'fulfillment-order-claimed': (doc, next, event, lease) => {
    if (doc.status === 'in_progress' && doc.claimedBy === event.stationId) return { ok: true, doc: next };
    if (doc.status === 'in_progress') return refuse('fulfillment_order_in_progress_elsewhere', heldElsewhereMessage(doc));
    // A hold is lifted by a release, not by a claim (the machine's on_hold -> in_progress is the release).
    if (doc.status === 'on_hold') return refuse('fulfillment_order_on_hold', `${doc.orderNumber} is ${orderStateWords(doc)}`);
    const t = checkTransition(fulfillmentMachine, doc.status, 'in_progress', {});
    if (!t.ok) return t;
    next.status = 'in_progress';
    next.claimedBy = event.stationId;
    next.lease = lease ?? null;
    return { ok: true, doc: next };
  },
  'item-picked': whenWorkable((_doc, next, event) => foldItemPicked(next, event)),
  'pick-shorted': whenWorkable((_doc, next, event) => foldPickShorted(next, event)),
  'item-verified': whenWorkable((_doc, next, event) => {
    const line = next.lines.find((l) => l.lineId === event.payload.lineId);
    if (!line) return refuse('line_not_in_fulfillment_order', 'this item is not on the order');
    if (line.verified + event.payload.quantity > line.quantity) {
      return refuse('line_over_verified', `${line.sku}: all ${line.quantity} already scanned`);
    }
    const captured = captureUnit(next, line, event.payload);
    if (captured) return captured;
    line.verified += event.payload.quantity;
    return { ok: true, doc: next };
  }),
  'package-created': whenWorkable((_doc, next, event) => {
    if (next.packages.some((p) => p.id === event.payload.packageId)) return refuse('package_exists', 'package already recorded');
    const refused = packContents(next, event.payload.contents);
    if (refused) return refused;
    next.packages.push(newPackage(event.payload, event.occurredAt));
    return { ok: true, doc: next };
  }),
  'label-printed': (_doc, next, event) => {
    const moved = movePackage(next, event.payload.packageId, 'labelled');
    if (!moved.ok) return moved;
    const { pkg } = moved;
    pkg.sscc = event.payload.sscc;
    pkg.trackingNumber = event.payload.trackingNumber;
    pkg.carrier = event.payload.carrier;
    copyCarrierService(pkg, event.payload);
    pkg.labelFormat = event.payload.format;
    pkg.printJobId = event.payload.printJobId;
    return { ok: true, doc: next };
  },
  'package-shipped': (doc, next, event) => {
    const moved = orderEndedRefusal(doc) ?? movePackage(next, event.payload.packageId, 'shipped');
    if (!moved.ok) return moved;
    const { pkg } = moved;
    pkg.shippedAt = event.occurredAt;
    for (const c of pkg.contents) {
      const line = next.lines.find((l) => l.lineId === c.lineId)!;
      line.shipped += c.quantity;
    }
    if (unitsOf(next, 'shipped') >= unitsOf(next, 'quantity')) {
      const close = checkTransition(fulfillmentMachine, next.status, 'closed', { unshippedUnits: 0 });
      if (close.ok) next.status = 'closed';
    }
    return { ok: true, doc: next };
  },
  /**
   * The box was taken apart at the station: a physical fact, so it needs no hold (an order
   * cancelled meanwhile is exactly when a box is unpacked). A package that has shipped cannot be.
   */
  'package-voided': (_doc, next, event) => {
    const unpacked = unpackPackage(next, event.payload.packageId);
    return unpacked.ok ? { ok: true, doc: next } : unpacked;
  },
};

/** Counts a new package's contents as packed (with their lots or serials); a refusal for units not scanned. */
function packContents(next: FulfillmentDocument, contents: readonly PackageContent[]): ReduceResult | null {
  for (const c of contents) {
    const line = next.lines.find((l) => l.lineId === c.lineId);
    if (!line) return refuse('line_not_in_fulfillment_order', 'package holds an item that is not on the order');
    const room = unitsToPack(line);
    if (c.quantity > room) {
      if (line.packed + c.quantity > line.verified)
        return refuse('line_not_verified', `${line.sku}: only ${line.verified - line.packed} scanned and not yet packed`);
      return refuse('line_over_quantity', `${line.sku}: only ${room} more ${room === 1 ? 'is' : 'are'} wanted now: put the extra back`);
    }
    const left = c.units ? takeUnits(line, c.units, c.quantity) : null;
    if (left) return left;
    line.packed += c.quantity;
  }
  return null;
}

/** Keeps the lot or serial an item-verified event captured on its line; a refusal for a serial the order already has. */
function captureUnit(
  doc: FulfillmentDocument,
  line: FulfillmentLine,
  payload: { quantity: number; serial?: string | null; lot?: string | null; expiry?: string | null },
): ReduceResult | null {
  const unit = capturedUnit(payload);
  if (!unit) return null;
  if (unit.serial && serialInDocument(doc, line.sku, unit.serial))
    return refuse('serial_already_packed', `${line.sku}: serial ${unit.serial} is already on this order`);
  line.captured = addUnits(line.captured ?? [], unit);
  return null;
}

/** The unit an item-verified event captured, as tracked units (null for an untracked scan). */
function capturedUnit(p: { quantity: number; serial?: string | null; lot?: string | null; expiry?: string | null }): TrackedUnits | null {
  if (p.serial) return { serial: p.serial, lot: null, expiry: null, quantity: 1 };
  if (p.lot) return { serial: null, lot: p.lot, expiry: p.expiry ?? null, quantity: p.quantity };
  return null;
}

function addUnits(list: TrackedUnits[], unit: TrackedUnits): TrackedUnits[] {
  const same = list.find((u) => u.lot !== null && sameIdentity(u, unit));
  if (same) return list.map((u) => (u === same ? { ...u, quantity: u.quantity + unit.quantity } : u));
  return [...list, unit];
}

/** A serial of this SKU already scanned on the order, or packed in one of its packages. */
function serialInDocument(doc: FulfillmentDocument, sku: string, serial: string): boolean {
  const lineIds = new Set(doc.lines.filter((l) => l.sku === sku).map((l) => l.lineId));
  const captured = doc.lines.some((l) => lineIds.has(l.lineId) && l.captured?.some((u) => u.serial === serial));
  // A voided package's serials went back to its lines' captured units.
  const live = doc.packages.filter((p) => p.status !== 'voided');
  return captured || live.some((p) => p.contents.some((c) => lineIds.has(c.lineId) && c.units?.some((u) => u.serial === serial)));
}

/** Moves a package's units out of the line's captured ones; a refusal when they are not there or do not add up. */
function takeUnits(line: FulfillmentLine, units: readonly TrackedUnits[], quantity: number): ReduceResult | null {
  if (units.reduce((n, u) => n + u.quantity, 0) !== quantity)
    return refuse('package_units_mismatch', `${line.sku}: the lots or serials do not add up to ${quantity}`);
  let left = [...(line.captured ?? [])];
  for (const unit of units) {
    const at = left.findIndex((u) => sameIdentity(u, unit) && u.quantity >= unit.quantity);
    if (at < 0) return refuse('unit_not_captured', `${line.sku}: ${describeUnits([unit])} was not scanned on this order`);
    const rest = left[at]!.quantity - unit.quantity;
    left = rest > 0 ? left.map((u, i) => (i === at ? { ...u, quantity: rest } : u)) : left.filter((_, i) => i !== at);
  }
  line.captured = left;
  return null;
}

function workableRefusal(doc: FulfillmentDocument, stationId: string): ReduceResult | null {
  if (doc.status !== 'in_progress') {
    const what = doc.status === 'open' ? 'scan the order to take it first' : 'it cannot be worked on now';
    return refuse(`fulfillment_order_not_in_progress`, `${doc.orderNumber} is ${orderStateWords(doc)}: ${what}`);
  }
  if (doc.claimedBy !== stationId) return refuse('fulfillment_order_in_progress_elsewhere', heldElsewhereMessage(doc));
  return null;
}

/** A label numbered for a carrier service names it and its tracking page; older stations send neither. */
function copyCarrierService(pkg: PackageDoc, payload: { service?: string | null; trackingUrl?: string | null }): void {
  if (payload.service !== undefined) pkg.service = payload.service;
  if (payload.trackingUrl !== undefined) pkg.trackingUrl = payload.trackingUrl;
}
