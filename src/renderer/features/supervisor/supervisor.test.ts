import { describe, expect, it } from 'vitest';
import type { StationOption, StationPeople, StationUser, SupervisorCancelPreview } from '../../../shared/contract/index';
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
  const preview: Omit<SupervisorCancelPreview, 'orderId'> = {
    orderNumber: 'ORD-1042',
    customerName: 'Ada Lovelace',
    units: 3,
    elsewhere: [],
    unitStates: { picked: 3, notPicked: 0, backordered: 0 },
    money: { kind: 'refund', amountMinor: 5899, currency: 'GBP' },
  };

  it('asks first, naming the order, every unit of it and what becomes of them, and the refund the cancel makes', () => {
    expect(cancelOrderQuestion(preview, true)).toBe(
      'Cancel ORD-1042 for Ada Lovelace? Its 3 units will not ship and go back to stock, and 58.99 GBP is refunded. This cannot be undone.',
    );
    const one = { units: 1, unitStates: { picked: 1, notPicked: 0, backordered: 0 } };
    expect(cancelOrderQuestion({ ...preview, ...one, money: { kind: 'refund', amountMinor: 1200, currency: 'GBP' } }, false)).toBe(
      'Cancel ORD-1042 for Ada Lovelace? Its 1 unit will not ship and is written off, and 12.00 GBP is refunded. This cannot be undone.',
    );
  });

  it('says only picked units go back to stock: those not picked yet or on backorder are simply not sent', () => {
    const states = (picked: number, notPicked: number, backordered: number) => ({ picked, notPicked, backordered });
    expect(cancelOrderQuestion({ ...preview, unitStates: states(0, 3, 0) }, true)).toBe(
      'Cancel ORD-1042 for Ada Lovelace? Its 3 units will not ship: not picked yet, they are simply not sent, and 58.99 GBP is refunded. This cannot be undone.',
    );
    expect(cancelOrderQuestion({ ...preview, units: 1, unitStates: states(0, 0, 1) }, true)).toContain(
      'Its 1 unit will not ship: on backorder, it is simply not sent, and',
    );
    expect(cancelOrderQuestion({ ...preview, unitStates: states(1, 0, 2) }, true)).toContain(
      'Its 3 units will not ship: 1 picked goes back to stock; 2 on backorder are simply not sent, and',
    );
    expect(cancelOrderQuestion({ ...preview, units: 4, unitStates: states(2, 1, 1) }, true)).toContain(
      'Its 4 units will not ship: 2 picked go back to stock; 1 not picked yet and 1 on backorder are simply not sent, and',
    );
    // Not routed yet (a pending order): none at a warehouse, none picked.
    expect(cancelOrderQuestion({ ...preview, unitStates: states(0, 0, 0) }, true)).toContain(
      'Its 3 units will not ship: not picked yet, they are simply not sent',
    );
  });

  it('says in general what becomes of picked and unpicked units when an older server does not say where they stand', () => {
    expect(cancelOrderQuestion({ ...preview, unitStates: null }, true)).toBe(
      'Cancel ORD-1042 for Ada Lovelace? Its 3 units will not ship: any picked go back to stock, the rest are simply not sent, and 58.99 GBP is refunded. This cannot be undone.',
    );
    expect(cancelOrderQuestion({ ...preview, units: 1, unitStates: null }, false)).toContain(
      'Its 1 unit will not ship: if picked, it is written off; if not, it is simply not sent, and',
    );
  });

  it('writing off takes only the picked units; those not picked yet or on backorder are simply not sent', () => {
    const states = (picked: number, notPicked: number, backordered: number) => ({ picked, notPicked, backordered });
    expect(cancelOrderQuestion({ ...preview, units: 4, unitStates: states(1, 2, 1) }, false)).toContain(
      'Its 4 units will not ship: 1 picked is written off; 2 not picked yet and 1 on backorder are simply not sent, and',
    );
    expect(cancelOrderQuestion({ ...preview, unitStates: states(0, 3, 0) }, false)).toContain(
      'Its 3 units will not ship: not picked yet, they are simply not sent, and',
    );
    expect(cancelOrderQuestion({ ...preview, unitStates: states(0, 0, 3) }, false)).toContain(
      'Its 3 units will not ship: on backorder, they are simply not sent, and',
    );
  });

  it('counts the units at other warehouses too, and names how many are where', () => {
    expect(cancelOrderQuestion({ ...preview, elsewhere: [{ warehouse: 'MAN-1', units: 1 }] }, true)).toBe(
      'Cancel ORD-1042 for Ada Lovelace? Its 3 units (1 of them at MAN-1) will not ship and go back to stock, and 58.99 GBP is refunded. This cannot be undone.',
    );
    const two = [
      { warehouse: 'MAN-1', units: 1 },
      { warehouse: 'BRS-1', units: 2 },
    ];
    expect(cancelOrderQuestion({ ...preview, units: 4, elsewhere: two }, true)).toContain(
      'Its 4 units (1 of them at MAN-1, 2 at BRS-1) will',
    );
    expect(cancelOrderQuestion({ ...preview, elsewhere: [{ warehouse: 'MAN-1', units: 3 }] }, true)).toContain(
      'Its 3 units (all at MAN-1) will',
    );
  });

  it('promises no refund when nothing was captured, and says nothing of money when nothing was paid', () => {
    expect(cancelOrderQuestion({ ...preview, money: { kind: 'authorization' } }, true)).toBe(
      "Cancel ORD-1042 for Ada Lovelace? Its 3 units will not ship and go back to stock. Nothing was captured: the payment's authorization is no longer needed. This cannot be undone.",
    );
    expect(cancelOrderQuestion({ ...preview, money: { kind: 'none' } }, true)).toBe(
      'Cancel ORD-1042 for Ada Lovelace? Its 3 units will not ship and go back to stock. This cannot be undone.',
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
