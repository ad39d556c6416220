import { z } from 'zod';
import { listOf } from './list-page';

/** What a station is for: `packing` picks, packs and ships orders; a `returns` desk receives returns and packs nothing. */
export const STATION_KINDS = ['packing', 'returns'] as const;
export const StationKind = z.enum(STATION_KINDS);
export type StationKind = z.infer<typeof StationKind>;

/** Whether orders may be moved or assigned to a station of this kind. */
export const stationPacks = (kind: StationKind) => kind === 'packing';

/** A live station, as GET /v1/stations lists it (the targets of a move: those that pack). */
export const StationListing = z.object({
  id: z.string(),
  name: z.string(),
  warehouseId: z.string(),
  kind: StationKind,
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
