import { z } from 'zod';

/**
 * How a warehouse works its orders: pack-only (packers find the items themselves, as before
 * bins existed) or pick before pack (pickers follow a walk-ordered path of bins into totes).
 */
export const PICK_MODES = ['pack-only', 'pick-and-pack'] as const;
export type PickMode = (typeof PICK_MODES)[number];

const Part = z.string().trim().min(1).max(20);

/** Where a bin is: zone, aisle, bay, level and the bin itself (e.g. A / 01 / 03 / 2 / B). */
export const BinAddress = z.object({ zone: Part, aisle: Part, bay: Part, level: Part, bin: Part });
export type BinAddress = z.infer<typeof BinAddress>;

/** The code a picker reads on the shelf label: zone-aisle-bay-level-bin. */
export const binCodeOf = (a: BinAddress): string => [a.zone, a.aisle, a.bay, a.level, a.bin].join('-');

export const BinStock = z.object({ sku: z.string().min(1).max(64), quantity: z.number().int().min(0).max(1_000_000) });
export type BinStock = z.infer<typeof BinStock>;

/**
 * A bin location of a warehouse that picks, as its stations replicate it (collection `bins`):
 * where it is, the barcode on its label, its place on the walk (`walkOrder`, ascending), and the
 * units of each SKU in it. Bin stock says where units are; it is part of the warehouse's on
 * hand, never added to it (routing reads on hand alone).
 */
export const BinLocationDocument = BinAddress.extend({
  id: z.string().uuid(),
  warehouseId: z.string().uuid(),
  code: z.string().min(1).max(40),
  barcode: z.string().min(1).max(64),
  walkOrder: z.number().int().min(0).max(1_000_000_000),
  stock: z.array(BinStock).max(500),
  updatedAt: z.string(),
});
export type BinLocationDocument = z.infer<typeof BinLocationDocument>;
