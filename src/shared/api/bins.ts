import { z } from 'zod';
import { BinAddress, BinStock, PICK_MODES } from '../sync/bin-location-document';

/** PUT /v1/warehouses/{id}/pick-mode */
export const SetPickModeRequest = z.object({ mode: z.enum(PICK_MODES) }).strict();

/** POST /v1/warehouses/{id}/bins: a bin added, or changed when its code (zone-aisle-bay-level-bin) is on file. */
export const PutBinRequest = BinAddress.extend({
  barcode: z.string().trim().min(1).max(64),
  walkOrder: z.number().int().min(0).max(1_000_000_000),
  /** The units of each SKU in the bin, when given: replaces what the bin held. */
  stock: z.array(BinStock).max(500).optional(),
}).strict();
export type PutBinRequest = z.infer<typeof PutBinRequest>;

/** PUT /v1/warehouses/{id}/bins/{binId}/stock/{sku}: the units counted in the bin. */
export const SetBinStockRequest = z.object({ quantity: z.number().int().min(0).max(1_000_000) }).strict();

/**
 * POST /v1/warehouses/{id}/bins/import: CSV with a header row naming zone, aisle, bay, level,
 * bin, barcode, walk_order, and optionally sku and quantity (a bin on several rows, one per SKU).
 */
export const ImportBinsRequest = z.object({ csv: z.string().min(1).max(2_000_000) }).strict();
