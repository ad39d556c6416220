import type { StationOption } from '../../../shared/contract/index';
import { stationPacks } from '../../../shared/api/stations';

/**
 * The stations an order of this station's warehouse may be moved to: that warehouse's packing
 * stations, other than the one holding it. A returns desk packs nothing, so it is never offered.
 */
export function moveTargets(stations: readonly StationOption[], holder: string | null): StationOption[] {
  const warehouseId = stations.find((s) => s.current)?.warehouseId;
  return stations.filter((s) => s.warehouseId === warehouseId && stationPacks(s.kind) && s.id !== holder);
}
