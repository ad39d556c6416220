import { z } from 'zod';
import { listOf } from './list-page';

/** A live station, as GET /v1/stations lists it (the targets of a move). */
export const StationListing = z.object({
  id: z.string(),
  name: z.string(),
  warehouseId: z.string(),
  enrolled: z.boolean(),
  lastSeenAt: z.string().nullable(),
});
export type StationListing = z.infer<typeof StationListing>;
export const StationList = listOf(StationListing);

/** A warehouse, as GET /v1/warehouses lists it. */
export const WarehouseListing = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  priority: z.number().int(),
  address: z.record(z.string(), z.unknown()).nullable(),
});
export type WarehouseListing = z.infer<typeof WarehouseListing>;
export const WarehouseList = listOf(WarehouseListing);
