import { describe, expect, it } from 'vitest';
import type { StationOption, StationPeople, StationUser } from '../../../shared/contract/index';
import { ageText } from './age';
import { cancelOrderQuestion } from './cancel-order-words';
import { moveTargets } from './move-targets';
import { maySupervise } from './supervisor-access';
import { STATION_KIND_NAMES, stationSeenWords } from './station-words';
import { taskKindName } from './task-kind';

const signedIn = (role: StationUser['role'] | null): StationPeople => ({
  users: [],
  refreshedAt: null,
  signedIn: role ? { id: 'u', name: 'Someone', role } : null,
});

describe('supervisor screen access', () => {
  it('is offered to supervisors and admins only', () => {
    expect(maySupervise(signedIn('supervisor'))).toBe(true);
    expect(maySupervise(signedIn('admin'))).toBe(true);
    expect(maySupervise(signedIn('packer'))).toBe(false);
    expect(maySupervise(signedIn('returns'))).toBe(false);
    expect(maySupervise(signedIn(null))).toBe(false);
    expect(maySupervise(null)).toBe(false);
  });
});

describe('age of waiting work', () => {
  const now = Date.parse('2026-12-02T12:00:00Z');
  it('says minutes, hours, then days', () => {
    expect(ageText('2026-12-02T11:59:40Z', now)).toBe('just now');
    expect(ageText('2026-12-02T11:15:00Z', now)).toBe('45 min');
    expect(ageText('2026-12-02T09:00:00Z', now)).toBe('3 h');
    expect(ageText('2026-11-30T11:00:00Z', now)).toBe('2 d');
    // A station clock behind the server's does not show negative ages.
    expect(ageText('2026-12-02T12:05:00Z', now)).toBe('just now');
  });
});

describe('task kinds', () => {
  it('are said in words, not as identifiers', () => {
    expect(taskKindName('sync-conflict')).toBe('Conflict');
    expect(taskKindName('return-label-refund-failed')).toBe('Return label refund failed');
    expect(taskKindName('pick-short')).toBe('Pick short');
  });
});

describe('stations an order can be moved to', () => {
  const station = (name: string, kind: StationOption['kind'], warehouseId = 'lon', current = false): StationOption => ({
    id: name,
    name,
    warehouseId,
    kind,
    current,
    enrolled: true,
    lastSeenAt: null,
  });
  it("are this warehouse's packing stations other than the holder: never a returns desk, nor another warehouse's", () => {
    const stations = [
      station('Pack 1', 'packing', 'lon', true),
      station('Pack 2', 'packing'),
      station('Pack 3', 'packing'),
      station('Returns desk', 'returns'),
      station('Manchester pack 1', 'packing', 'man'),
    ];
    expect(moveTargets(stations, 'Pack 2').map((s) => s.name)).toEqual(['Pack 1', 'Pack 3']);
    expect(moveTargets(stations, null).map((s) => s.name)).toEqual(['Pack 1', 'Pack 2', 'Pack 3']);
  });
});

describe("cancelling a customer's order", () => {
  it('asks first, naming the order and what becomes of its units', () => {
    const fo = { orderNumber: 'ORD-1042', customerName: 'Ada Lovelace', units: 3 };
    expect(cancelOrderQuestion(fo, true)).toBe(
      'Cancel ORD-1042 for Ada Lovelace? Its 3 units go back to stock, and what was paid is refunded. This cannot be undone.',
    );
    expect(cancelOrderQuestion({ ...fo, units: 1 }, false)).toBe(
      'Cancel ORD-1042 for Ada Lovelace? Its 1 unit is written off, and what was paid is refunded. This cannot be undone.',
    );
  });
});

describe('the stations panel', () => {
  it('says what each station is for, whether it has enrolled and when it was last seen', () => {
    expect(STATION_KIND_NAMES).toEqual({ packing: 'Packing station', returns: 'Returns desk' });
    const now = Date.parse('2026-12-02T12:00:00Z');
    const s = { current: false, enrolled: true, lastSeenAt: '2026-12-02T11:15:00Z' };
    expect(stationSeenWords(s, now)).toBe('last seen 45 min ago');
    expect(stationSeenWords({ ...s, lastSeenAt: '2026-12-02T11:59:50Z' }, now)).toBe('last seen just now');
    expect(stationSeenWords({ ...s, lastSeenAt: null }, now)).toBe('enrolled, not seen yet');
    expect(stationSeenWords({ ...s, enrolled: false, lastSeenAt: null }, now)).toBe('not enrolled yet');
    expect(stationSeenWords({ ...s, current: true }, now)).toBe('this station');
  });
});
