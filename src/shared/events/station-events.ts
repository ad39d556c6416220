import { z } from 'zod';
import { CONDITION_GRADES, DISPOSITIONS } from '../domain/return-status';
import { ExpiryDate, TrackedUnits, TrackingText } from '../domain/unit-tracking';
import { StationTimestamp, withEventContentRules } from './event-content';
import { MAX_PACKAGE_GRAMS } from '../domain/package-weight';

/**
 * Events a station records offline and pushes with (stationId, seq). Past-tense facts.
 * Each is immutable once written to the outbox.
 */
export const Actor = z.object({
  kind: z.enum(['user', 'station', 'system', 'api', 'webhook']),
  id: z.string().max(100),
  name: z.string().max(200).optional(),
  /** The station a person acted through when online (supervisor work); the timeline's station id. */
  stationId: z.string().uuid().optional(),
});
export type Actor = z.infer<typeof Actor>;

/**
 * Every station event: who recorded it where, in which place of the station's one seq order.
 * The subject of the event is named by the envelope of its kind below: a fulfillment order
 * (packing) or a return (returns desk). The seq is station-wide whatever the subject.
 */
const commonEnvelope = {
  id: z.string().uuid(),
  stationId: z.string().uuid(),
  seq: z.number().int().min(1),
  orderId: z.string().uuid(),
  actor: Actor,
  /** The station clock's UTC time; one that cannot be right is refused (event-content.ts). */
  occurredAt: StationTimestamp,
};
const envelope = { ...commonEnvelope, fulfillmentOrderId: z.string().uuid() };
const returnEnvelope = { ...commonEnvelope, returnId: z.string().uuid() };

export const FulfillmentOrderClaimed = z.object({
  ...envelope,
  type: z.literal('fulfillment-order-claimed'),
  payload: z.object({}).strict(),
});

export const ItemVerified = z.object({
  ...envelope,
  type: z.literal('item-verified'),
  payload: z
    .object({
      lineId: z.string().uuid(),
      barcode: z.string().max(100),
      quantity: z.number().int().min(1).max(10_000),
      /** A tracked SKU's unit: its serial number, or its lot and expiry (absent for untracked SKUs and older stations). */
      serial: TrackingText.nullish(),
      lot: TrackingText.nullish(),
      expiry: ExpiryDate.nullish(),
    })
    .refine((p) => !(p.serial && p.lot), { message: 'a serial or a lot, not both', path: ['serial'] })
    .refine((p) => !p.serial || p.quantity === 1, { message: 'a serial number is one unit', path: ['quantity'] })
    .refine((p) => !p.expiry || p.lot, { message: 'an expiry goes with a lot', path: ['expiry'] }),
});

/** A bin as a pick event names it: its id and the code the picker saw (kept for the record if the bin is renamed). */
const PickedFrom = { binId: z.string().uuid(), binCode: z.string().min(1).max(40) };
/** A tote on the picker's cart, by the code on its label. */
export const ToteCode = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[\x21-\x7e]+$/, 'a tote code is printable ASCII without spaces');

/**
 * Units taken from a bin into a tote (pick before pack). The person is the event's actor; the
 * station and its seq are the envelope's. A warehouse that runs pack-only never records one.
 */
export const ItemPicked = z.object({
  ...envelope,
  type: z.literal('item-picked'),
  payload: z.object({ lineId: z.string().uuid(), ...PickedFrom, tote: ToteCode, quantity: z.number().int().min(1).max(10_000) }),
});

/**
 * The picker found fewer units in the bin than the line needs: `shortQuantity` units of the line
 * leave this fulfillment order (the server re-routes or backorders them), and the bin holds
 * `remainingInBin` of the SKU (what the picker saw left, usually 0).
 */
export const PickShorted = z.object({
  ...envelope,
  type: z.literal('pick-shorted'),
  payload: z.object({
    lineId: z.string().uuid(),
    ...PickedFrom,
    shortQuantity: z.number().int().min(1).max(10_000),
    remainingInBin: z.number().int().min(0).max(1_000_000),
  }),
});

export const PackageCreated = z.object({
  ...envelope,
  type: z.literal('package-created'),
  payload: z.object({
    packageId: z.string().uuid(),
    contents: z
      .array(
        z.object({
          lineId: z.string().uuid(),
          quantity: z.number().int().min(1),
          /** The lots or serials of these units, for a tracked SKU; they add up to `quantity`. */
          units: z.array(TrackedUnits).max(1_000).optional(),
        }),
      )
      .min(1),
    weightGrams: z.number().int().min(0).max(MAX_PACKAGE_GRAMS).nullable(),
  }),
});

export const LabelPrinted = z.object({
  ...envelope,
  type: z.literal('label-printed'),
  payload: z.object({
    packageId: z.string().uuid(),
    printJobId: z.string().uuid(),
    format: z.enum(['zpl', 'escpos', 'pdf']),
    sscc: z
      .string()
      .regex(/^\d{18}$/)
      .nullable(),
    trackingNumber: z.string().max(64).nullable(),
    carrier: z.string().max(64).nullable(),
    /** The carrier service the label is for, and the tracking page (stations before carriers send neither). */
    service: z.string().max(80).nullish(),
    trackingUrl: z.string().url().max(300).nullish(),
  }),
});

export const PackageShipped = z.object({
  ...envelope,
  type: z.literal('package-shipped'),
  payload: z.object({ packageId: z.string().uuid() }),
});

/**
 * The packer took a package apart before its label printed (the printer was down, the box was
 * wrong): its label is void, and its units are scanned and unpacked again, for the next package.
 */
export const PackageVoided = z.object({
  ...envelope,
  type: z.literal('package-voided'),
  payload: z.object({ packageId: z.string().uuid(), reason: z.string().trim().min(1).max(200) }),
});

/** Units of an RMA that arrived at the returns desk; `final` closes receiving with what has arrived. */
export const ReturnUnitsReceived = z.object({
  ...returnEnvelope,
  type: z.literal('return-units-received'),
  payload: z
    .object({
      lines: z
        .array(
          z.object({
            returnLineId: z.string().uuid(),
            quantity: z.number().int().min(1).max(10_000),
            barcode: z.string().max(100).nullable(),
          }),
        )
        .max(500),
      final: z.boolean(),
    })
    .refine((p) => p.lines.length > 0 || p.final, { message: 'receive at least one unit, or close receiving', path: ['lines'] }),
});

/** One received unit graded: its condition and what happens to it. */
export const ReturnUnitInspected = z.object({
  ...returnEnvelope,
  type: z.literal('return-unit-inspected'),
  payload: z.object({
    returnLineId: z.string().uuid(),
    condition: z.enum(CONDITION_GRADES),
    disposition: z.enum(DISPOSITIONS),
    note: z.string().trim().max(1000).nullable(),
    /** The unit's serial number, for a serial-tracked SKU (absent from older stations). */
    serial: TrackingText.nullish(),
  }),
});

/** A unit's grade: its condition and what happens to it. */
export const UnitGrade = z.strictObject({ condition: z.enum(CONDITION_GRADES), disposition: z.enum(DISPOSITIONS) });
export type UnitGrade = z.infer<typeof UnitGrade>;

/**
 * A graded unit graded again before the return is completed (a wrong button, or damage found on a
 * second look). `unit` is its place among the line's graded units, from 1, in the order they were
 * graded (units are only ever added, so the place never moves). `previous` is the grade the clerk
 * saw, so a unit changed meanwhile elsewhere is not silently overwritten. Not a physical fact: a
 * judgement the refund and the stock follow, so the server applies it only while grades may change.
 */
export const ReturnUnitRegraded = z.object({
  ...returnEnvelope,
  type: z.literal('return-unit-regraded'),
  payload: z.object({
    returnLineId: z.string().uuid(),
    unit: z.number().int().min(1).max(100_000),
    previous: UnitGrade,
    grade: UnitGrade,
    /** Why it changed, in the clerk's words (replaces the unit's note when given). */
    note: z.string().trim().max(1000).nullable(),
  }),
});

/** The clerk finished the inspection and released the refund request. */
export const ReturnInspectionCompleted = z.object({
  ...returnEnvelope,
  type: z.literal('return-inspection-completed'),
  payload: z.object({ note: z.string().trim().max(1000).nullable() }),
});

export const StationEvent = z.discriminatedUnion('type', [
  FulfillmentOrderClaimed,
  ItemPicked,
  PickShorted,
  ItemVerified,
  PackageCreated,
  LabelPrinted,
  PackageShipped,
  PackageVoided,
  ReturnUnitsReceived,
  ReturnUnitInspected,
  ReturnUnitRegraded,
  ReturnInspectionCompleted,
]);
export type StationEvent = z.infer<typeof StationEvent>;
/**
 * A station event with the content rules checked first (event-content.ts): what the station
 * records and what the server accepts from a push. Refusals come out as `eventRefusal(issues)`.
 */
export const CheckedStationEvent = withEventContentRules(StationEvent);
export type StationEventType = StationEvent['type'];
/** Packing work: the subject is a fulfillment order. */
export type FulfillmentStationEvent = Extract<StationEvent, { fulfillmentOrderId: string }>;
/** Returns-desk work: the subject is a return (RMA). */
export type ReturnStationEvent = Extract<StationEvent, { returnId: string }>;

export const RETURN_EVENT_TYPES: ReadonlySet<StationEventType> = new Set([
  'return-units-received',
  'return-unit-inspected',
  'return-unit-regraded',
  'return-inspection-completed',
]);

export function isReturnEvent(event: StationEvent): event is ReturnStationEvent {
  return RETURN_EVENT_TYPES.has(event.type);
}

/** The id of the document an event is about (the outbox indexes events by it). */
export function subjectIdOf(event: StationEvent): string {
  return isReturnEvent(event) ? event.returnId : event.fulfillmentOrderId;
}

/** Facts about the physical world: the server records them even when they no longer fit its state. */
export const PHYSICAL_EVENT_TYPES: ReadonlySet<StationEventType> = new Set([
  'item-picked',
  'pick-shorted',
  'item-verified',
  'package-created',
  'label-printed',
  'package-shipped',
  'package-voided',
  'return-units-received',
  'return-unit-inspected',
]);
