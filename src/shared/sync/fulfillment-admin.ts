import { checkTransition } from '../domain/state-machine';
import { fulfillmentMachine, holdReasonsText, type FulfillmentStatus } from '../domain/fulfillment-status';
import type { FulfillmentAdminEvent } from '../events/fulfillment-admin-events';
import type { StationEvent } from '../events/station-events';
import { newPackage, unitsOf, type FulfillmentDocument } from './fulfillment-document';
import { movePackage, orderEndedRefusal, unpackPackage } from './package-moves';
import { heldElsewhereMessage, holderOf } from './fulfillment-lease';
import { applyStationEvent, type ReduceResult } from './fulfillment-reducer';
import { randomUuid } from '../random-uuid';

const refuse = (code: string, message: string): ReduceResult => ({ ok: false, code, message });

const livePackages = (doc: FulfillmentDocument) => doc.packages.filter((p) => p.status !== 'voided');

/** A line with only its boxed units scanned: no loose scans, nor their lots and serials. */
const withoutLooseScans = (l: FulfillmentDocument['lines'][number]) =>
  l.verified > l.packed ? { ...l, verified: l.packed, captured: l.captured ? [] : l.captured } : l;

type AdminEventOf<T extends FulfillmentAdminEvent['type']> = Extract<FulfillmentAdminEvent, { type: T }>;

/** What each handler works with: the document as it was, the copy it changes, and the status move. */
interface AdminStep<E> {
  doc: FulfillmentDocument;
  next: FulfillmentDocument;
  event: E;
  move: (to: FulfillmentStatus, ctx?: Record<string, unknown>) => ReduceResult | null;
}

/** One handler per API-made change (statuses as data, transitions through the shared machines). */
const ADMIN_HANDLERS: { [T in FulfillmentAdminEvent['type']]: (step: AdminStep<AdminEventOf<T>>) => ReduceResult } = {
  'fulfillment-order-held': ({ doc, next, event, move }) => {
    const added = event.payload.reasons.filter((r) => !next.holds.includes(r));
    next.holds = [...next.holds, ...added];
    if (doc.status === 'on_hold') return { ok: true, doc: next };
    return move('on_hold') ?? { ok: true, doc: next };
  },
  'fulfillment-order-released': ({ doc, next, event, move }) => {
    if (doc.status !== 'on_hold') return refuse('fulfillment_order_not_on_hold', `the fulfillment order is ${doc.status}, not on hold`);
    const releasing = event.payload.reasons ?? doc.holds;
    const missing = releasing.filter((r) => !doc.holds.includes(r));
    if (missing.length) return refuse('hold_reason_not_present', `not held for ${holdReasonsText(missing)}`);
    next.holds = doc.holds.filter((r) => !releasing.includes(r));
    if (next.holds.length) return { ok: true, doc: next };
    // Back to where the work was: a claimed or started order resumes in progress.
    return move(doc.claimedBy || livePackages(doc).length ? 'in_progress' : 'open') ?? { ok: true, doc: next };
  },
  'fulfillment-order-assigned': ({ doc, next, event, move }) => {
    const { stationId: target, stationName, expiresAt, takeover } = event.payload;
    const holder = holderOf(doc);
    if (holder && holder.stationId !== target && !takeover)
      return refuse('fulfillment_order_in_progress_elsewhere', heldElsewhereMessage(doc));
    next.claimedBy = target;
    next.lease = { stationName, expiresAt };
    // A new holder scans its own: units scanned and not boxed at the last holder are on that
    // station's bench (told to put them back), so they no longer count as scanned here.
    if (holder?.stationId !== target) next.lines = next.lines.map(withoutLooseScans);
    // Held already (by it, or taken over from another station), or on hold: the station gets it when the hold is released.
    if (holder || doc.status === 'on_hold') return { ok: true, doc: next };
    return move('in_progress') ?? { ok: true, doc: next };
  },
  'fulfillment-order-unclaimed': ({ doc, next, move }) => {
    if (doc.status === 'on_hold' && doc.claimedBy) {
      next.claimedBy = null;
      next.lease = null;
      return { ok: true, doc: next };
    }
    if (doc.status !== 'in_progress') return refuse('fulfillment_order_not_claimed', `the fulfillment order is ${doc.status}`);
    next.claimedBy = null;
    next.lease = null;
    return move('open') ?? { ok: true, doc: next };
  },
  'fulfillment-order-moved': ({ doc, next, event }) => {
    const { fromWarehouseId, toWarehouseId } = event.payload;
    if (doc.warehouseId !== fromWarehouseId)
      return refuse('fulfillment_order_moved_already', 'the fulfillment order is no longer at that warehouse');
    if (toWarehouseId === fromWarehouseId)
      return refuse('fulfillment_order_same_warehouse', 'the fulfillment order is already at that warehouse');
    if (doc.status === 'in_progress')
      return refuse('fulfillment_order_in_progress_elsewhere', `${heldElsewhereMessage(doc)}; take it back first`);
    if (doc.status !== 'open' && doc.status !== 'on_hold')
      return refuse(`fulfillment_order_${doc.status}`, `the fulfillment order is ${doc.status}`);
    if (livePackages(doc).length || unitsOf(doc, 'verified') > 0) {
      return refuse('fulfillment_order_work_started', 'items were already picked or packed at this warehouse');
    }
    next.warehouseId = toWarehouseId;
    next.claimedBy = null;
    next.lease = null;
    return { ok: true, doc: next };
  },
  'fulfillment-order-cancelled': ({ next, move }) => {
    return move('cancelled') ?? { ok: true, doc: next };
  },
  'package-recorded': ({ doc, next, event, move }) => {
    if (doc.status === 'on_hold')
      return refuse('fulfillment_order_on_hold', `the fulfillment order is on hold (${holdReasonsText(doc.holds)})`);
    if (doc.status !== 'open' && doc.status !== 'in_progress')
      return refuse(`fulfillment_order_${doc.status}`, `the fulfillment order is ${doc.status}`);
    if (doc.status === 'in_progress' && doc.claimedBy && doc.claimedBy !== event.stationId) {
      return refuse('fulfillment_order_in_progress_elsewhere', heldElsewhereMessage(doc));
    }
    if (doc.packages.some((p) => p.id === event.payload.packageId)) return refuse('package_exists', 'package already recorded');
    for (const c of event.payload.contents) {
      const line = next.lines.find((l) => l.lineId === c.lineId);
      if (!line) return refuse('line_not_in_fulfillment_order', 'package holds an item that is not on the order');
      if (line.packed + c.quantity > line.quantity) {
        return refuse('line_over_packed', `${line.sku}: ${line.quantity - line.packed} of ${line.quantity} left to pack`);
      }
      line.packed += c.quantity;
      // Packed through the API means the units were checked there.
      line.verified = Math.max(line.verified, line.packed);
    }
    if (doc.status === 'open') {
      const blocked = move('in_progress');
      if (blocked) return blocked;
      // Held on no terms yet: the station's next renewal gives it some.
      next.claimedBy = event.stationId;
      next.lease = null;
    }
    next.packages.push(newPackage(event.payload, event.occurredAt));
    return { ok: true, doc: next };
  },
  'package-labelled': ({ doc, next, event }) => {
    const moved = orderEndedRefusal(doc) ?? movePackage(next, event.payload.packageId, 'labelled');
    if (!moved.ok) return moved;
    const { pkg } = moved;
    pkg.sscc = event.payload.sscc ?? pkg.sscc;
    pkg.trackingNumber = event.payload.trackingNumber;
    pkg.carrier = event.payload.carrier;
    pkg.labelFormat = event.payload.format;
    pkg.printJobId = event.payload.printJobId;
    if (event.payload.service !== undefined) pkg.service = event.payload.service;
    if (event.payload.trackingUrl !== undefined) pkg.trackingUrl = event.payload.trackingUrl;
    return { ok: true, doc: next };
  },
  'package-relabelled': ({ next, event }) => {
    const pkg = next.packages.find((p) => p.id === event.payload.packageId);
    if (!pkg) return refuse('package_not_found', 'no such package on this fulfillment order');
    if (pkg.status === 'voided') return refuse('package_voided', 'the package was unpacked');
    // Another relabel (or label) got there first: this one was decided on an SSCC the parcel no longer carries.
    if (pkg.sscc !== event.payload.previousSscc)
      return refuse('package_sscc_changed', `the parcel carries SSCC ${pkg.sscc ?? 'none'} now, not ${event.payload.previousSscc}`);
    pkg.sscc = event.payload.sscc;
    // Kept on the parcel so every station learns its old label must never print again.
    const { previousSscc, sscc, stationName } = event.payload;
    const relabel = { previousSscc, sscc, by: event.actor.name ?? null, stationName: stationName ?? null, at: event.occurredAt };
    pkg.relabels = [...(pkg.relabels ?? []), relabel].slice(-20);
    return { ok: true, doc: next };
  },
  'package-voided': ({ next, event }) => {
    const unpacked = unpackPackage(next, event.payload.packageId);
    return unpacked.ok ? { ok: true, doc: next } : unpacked;
  },
  'package-tracking-updated': ({ next, event }) => {
    const moved = movePackage(next, event.payload.packageId, event.payload.status);
    if (!moved.ok) return moved;
    const { pkg } = moved;
    if (event.payload.trackingNumber) pkg.trackingNumber = event.payload.trackingNumber;
    return { ok: true, doc: next };
  },
};

/**
 * Folds one API-made change into a fulfillment document, with the same rules as the station
 * reducer (fulfillment-reducer.ts) wherever the two overlap. Pure; never mutates `doc`.
 */
export function applyFulfillmentAdminEvent(doc: FulfillmentDocument, event: FulfillmentAdminEvent): ReduceResult {
  if (event.fulfillmentOrderId !== doc.id) return refuse('event_wrong_document', 'event belongs to another fulfillment order');
  const next = structuredClone(doc);
  next.updatedAt = event.occurredAt > doc.updatedAt ? event.occurredAt : doc.updatedAt;
  const move = (to: FulfillmentStatus, ctx = {}): ReduceResult | null => {
    const t = checkTransition(fulfillmentMachine, next.status, to, {
      shippedUnits: unitsOf(doc, 'shipped'),
      unshippedUnits: unitsOf(doc, 'quantity') - unitsOf(doc, 'shipped'),
      ...ctx,
    });
    if (!t.ok) return t;
    next.status = to;
    return null;
  };
  const handle = ADMIN_HANDLERS[event.type] as (step: AdminStep<FulfillmentAdminEvent>) => ReduceResult;
  return handle({ doc, next, event, move });
}

/**
 * Shipping through the API is the same fact as a station's package-shipped event, so it goes
 * through the station reducer itself: same checks, same line counters, same closing rule.
 */
export function applyPackageShipped(
  doc: FulfillmentDocument,
  input: { packageId: string; occurredAt: string; actor: StationEvent['actor']; stationId: string | null },
): ReduceResult {
  const event: StationEvent = {
    id: randomUuid(),
    stationId: input.stationId ?? '00000000-0000-0000-0000-000000000000',
    seq: 1,
    fulfillmentOrderId: doc.id,
    orderId: doc.orderId,
    actor: input.actor,
    occurredAt: input.occurredAt,
    type: 'package-shipped',
    payload: { packageId: input.packageId },
  };
  return applyStationEvent(doc, event);
}
