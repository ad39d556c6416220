import { z } from 'zod';
import { Address } from '../domain/address';
import { FULFILLMENT_STATUSES } from '../domain/fulfillment-status';
import { PACKAGE_STATUSES } from '../domain/package-status';
import { TRACKING_MODES, TrackedUnits } from '../domain/unit-tracking';

/**
 * The fulfillment order as a station sees it: one replicated document per fulfillment order,
 * carrying what a packer needs (order number, ship-to, lines with barcodes) and the progress
 * the shared reducer folds events into. The server is the source of record; stations add
 * their pending events on top (see fold-view.ts).
 */
export const FulfillmentLine = z.object({
  lineId: z.string().uuid(),
  sku: z.string().min(1).max(64),
  barcode: z.string().max(64).nullable(),
  name: z.string().min(1).max(300),
  /** Units this fulfillment order still owes; a short pick takes the missing units off (to 0 when none were found). */
  quantity: z.number().int().min(0),
  verified: z.number().int().min(0),
  packed: z.number().int().min(0),
  shipped: z.number().int().min(0),
  /** Pick before pack (absent where the warehouse runs pack-only): units in totes, units found missing, and the totes. */
  picked: z.number().int().min(0).optional(),
  shorted: z.number().int().min(0).optional(),
  totes: z.array(z.string().max(40)).max(50).optional(),
  /** Whether each unit's lot or serial is captured (the SKU's flag on the server); absent: none. */
  tracking: z.enum(TRACKING_MODES).nullish(),
  /** Lots and serials of units verified and not packed yet (they go into the next package). */
  captured: z.array(TrackedUnits).max(10_000).nullish(),
});
export type FulfillmentLine = z.infer<typeof FulfillmentLine>;

export const PackageContent = z.object({
  lineId: z.string().uuid(),
  quantity: z.number().int().min(1),
  /** The lots or serials of these units, for a tracked SKU (absent on untracked lines and older stations). */
  units: z.array(TrackedUnits).max(10_000).optional(),
});
export type PackageContent = z.infer<typeof PackageContent>;

/**
 * A supervisor gave the parcel a new SSCC (package-relabelled): the label with the old one was torn
 * off, so a station holding that label in its print queue voids it and refuses to reprint it. Who
 * did it, and the station the new label printed at, so the packer is told where to reprint it.
 */
export const PackageRelabel = z.object({
  previousSscc: z.string().regex(/^\d{18}$/),
  sscc: z.string().regex(/^\d{18}$/),
  by: z.string().max(200).nullable(),
  stationName: z.string().max(200).nullable(),
  at: z.string(),
});
export type PackageRelabel = z.infer<typeof PackageRelabel>;

export const PackageDoc = z.object({
  id: z.string().uuid(),
  status: z.enum(PACKAGE_STATUSES),
  contents: z.array(PackageContent),
  weightGrams: z.number().int().min(0).nullable(),
  sscc: z
    .string()
    .regex(/^\d{18}$/)
    .nullable(),
  trackingNumber: z.string().max(64).nullable(),
  carrier: z.string().max(64).nullable(),
  /** The carrier service and where the customer follows the parcel (absent on packages labelled before carriers). */
  service: z.string().max(80).nullish(),
  trackingUrl: z.string().max(300).nullish(),
  labelFormat: z.string().max(16).nullable(),
  printJobId: z.string().uuid().nullable(),
  createdAt: z.string(),
  shippedAt: z.string().nullable(),
  /** Each new SSCC a supervisor gave it, oldest first; absent when it kept the one it was packed with. */
  relabels: z.array(PackageRelabel).max(20).optional(),
});
export type PackageDoc = z.infer<typeof PackageDoc>;

/** A package as created at a bench: packing, no label yet. */
export function newPackage(created: { packageId: string; contents: PackageContent[]; weightGrams: number | null }, at: string): PackageDoc {
  return {
    id: created.packageId,
    status: 'packing',
    contents: created.contents,
    weightGrams: created.weightGrams,
    sscc: null,
    trackingNumber: null,
    carrier: null,
    labelFormat: null,
    printJobId: null,
    createdAt: at,
    shippedAt: null,
  };
}

/**
 * The terms on which the station in `claimedBy` holds a fulfillment order (see fulfillment-lease.ts):
 * its name, so any station can say who has the order while offline, and when the hold lapses
 * unless that station renews it. Absent on documents written before leases, and on a hold the
 * holder has not renewed since (it gets terms at its next renewal).
 */
export const FulfillmentLease = z.object({
  stationName: z.string().min(1).max(200),
  expiresAt: z.string().datetime({ offset: false }),
});
export type FulfillmentLease = z.infer<typeof FulfillmentLease>;

export const FulfillmentDocument = z.object({
  id: z.string().uuid(),
  orderId: z.string().uuid(),
  orderNumber: z.string(),
  warehouseId: z.string().uuid(),
  status: z.enum(FULFILLMENT_STATUSES),
  holds: z.array(z.string()),
  /** The station holding this order (null: in its warehouse's pool, for any station to take). */
  claimedBy: z.string().uuid().nullable(),
  lease: FulfillmentLease.nullish(),
  customerName: z.string(),
  shipTo: Address,
  /** The order's sales channel and total (minor units): what shipping rules match on offline. Absent on older documents. */
  channel: z.string().max(50).nullish(),
  orderValueMinor: z.number().int().min(0).nullish(),
  lines: z.array(FulfillmentLine),
  packages: z.array(PackageDoc),
  /** Highest station seq the server has reflected in this document, per station. */
  appliedSeq: z.record(z.string(), z.number().int()),
  version: z.number().int().min(0),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type FulfillmentDocument = z.infer<typeof FulfillmentDocument>;

/**
 * Units of a line scanned and not packed yet that the order still wants: the most a new package
 * may hold of it. Units cancelled after they were scanned stay scanned, but are not packed.
 */
export function unitsToPack(line: FulfillmentLine): number {
  return Math.min(line.verified, line.quantity) - line.packed;
}

export function unitsOf(doc: FulfillmentDocument, field: 'quantity' | 'verified' | 'packed' | 'shipped'): number {
  return doc.lines.reduce((n, l) => n + l[field], 0);
}
