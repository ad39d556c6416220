import type { StationOption } from '../../../shared/contract/index';
import { ageText } from './age';

export const STATION_KIND_NAMES: Record<StationOption['kind'], string> = {
  packing: 'Packing station',
  returns: 'Returns desk',
};

/** Whether a station has come to life yet, and when the server last heard from it. */
export function stationSeenWords(s: Pick<StationOption, 'current' | 'enrolled' | 'lastSeenAt'>, now: number = Date.now()): string {
  if (s.current) return 'this station';
  if (!s.enrolled) return 'not enrolled yet';
  if (!s.lastSeenAt) return 'enrolled, not seen yet';
  const age = ageText(s.lastSeenAt, now);
  return age === 'just now' ? 'last seen just now' : `last seen ${age} ago`;
}
