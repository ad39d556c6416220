import { z } from 'zod';

/** A carrier as packages name it ("ups", "usps", or what an integrator labelled with). */
export const ManifestCarrier = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[\x20-\x7e]+$/, 'printable ASCII');

export const CloseManifestRequest = z.object({ carrier: ManifestCarrier }).strict();
export type CloseManifestRequest = z.infer<typeof CloseManifestRequest>;

export const ListManifestsQuery = z
  .object({
    carrier: ManifestCarrier.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

/** One package handed to the carrier, as the manifest lists it. */
export const ManifestPackage = z.object({
  packageId: z.string().uuid(),
  fulfillmentOrderId: z.string().uuid(),
  orderId: z.string().uuid(),
  orderNumber: z.string(),
  service: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  weightGrams: z.number().int().min(0).nullable(),
  shippedAt: z.string(),
});
export type ManifestPackage = z.infer<typeof ManifestPackage>;

/** Counts and weights of a manifest, per service and in all. */
export const ManifestTotals = z.object({
  service: z.string().nullable(),
  packageCount: z.number().int().min(0),
  totalWeightGrams: z.number().int().min(0),
  /** Packages shipped without a weight: counted, not weighed. */
  unweighedCount: z.number().int().min(0),
});
export type ManifestTotals = z.infer<typeof ManifestTotals>;

/** An end-of-day close-out: one carrier at one warehouse, every package shipped since its previous manifest. */
export const ManifestView = z.object({
  id: z.string().uuid(),
  /** e.g. "WH1-UPS-0003": the warehouse's code, the carrier and this carrier's running count there. */
  number: z.string(),
  warehouseId: z.string().uuid(),
  warehouseCode: z.string(),
  carrier: z.string(),
  sequence: z.number().int().min(1),
  packageCount: z.number().int().min(0),
  totalWeightGrams: z.number().int().min(0),
  unweighedCount: z.number().int().min(0),
  byService: z.array(ManifestTotals),
  closedAt: z.string(),
  closedBy: z.string(),
  packages: z.array(ManifestPackage),
});
export type ManifestView = z.infer<typeof ManifestView>;

/** A manifest without its package list, for lists. */
export const ManifestSummary = ManifestView.omit({ packages: true });
export type ManifestSummary = z.infer<typeof ManifestSummary>;

/** What would go on the next manifest of a carrier if it were closed now. */
export const PendingManifest = z.object({
  warehouseId: z.string().uuid(),
  carrier: z.string(),
  packageCount: z.number().int().min(0),
  totalWeightGrams: z.number().int().min(0),
  unweighedCount: z.number().int().min(0),
  packages: z.array(ManifestPackage),
});
export type PendingManifest = z.infer<typeof PendingManifest>;

export function manifestNumber(warehouseCode: string, carrier: string, sequence: number): string {
  return `${warehouseCode}-${carrier.toUpperCase()}-${String(sequence).padStart(4, '0')}`;
}

/** Counts and weights of packages, per service (in first-seen order) and in all. */
export function manifestTotals(packages: readonly Pick<ManifestPackage, 'service' | 'weightGrams'>[]): {
  all: Omit<ManifestTotals, 'service'>;
  byService: ManifestTotals[];
} {
  const sum = (list: readonly Pick<ManifestPackage, 'weightGrams'>[]) => ({
    packageCount: list.length,
    totalWeightGrams: list.reduce((a, p) => a + (p.weightGrams ?? 0), 0),
    unweighedCount: list.filter((p) => p.weightGrams === null).length,
  });
  const services = [...new Set(packages.map((p) => p.service))];
  return {
    all: sum(packages),
    byService: services.map((service) => ({ service, ...sum(packages.filter((p) => p.service === service)) })),
  };
}
