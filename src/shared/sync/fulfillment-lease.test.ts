import { describe, expect, it } from 'vitest';
import type { FulfillmentStationEvent } from '../events/station-events';
import type { FulfillmentDocument } from './fulfillment-document';
import { foldStationView } from './fold-view';
import { hasLapsed, holderOf, isInPool, leaseTerms, offlineRefusal, renewLease } from './fulfillment-lease';
import { applyStationEvent } from './fulfillment-reducer';

const HERE = '11111111-1111-4111-8111-111111111111';
const THERE = '22222222-2222-4222-8222-222222222222';
const LINE = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const EXPIRES = '2026-03-01T16:00:00.000Z';
const BEFORE = '2026-03-01T15:59:59.999Z';
const AFTER = '2026-03-01T16:00:00.001Z';

function doc(over: Partial<FulfillmentDocument> = {}): FulfillmentDocument {
  return {
    id: 'dddddddd-dddd-4ddd-8ddd-dddddddddddd',
    orderId: 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee',
    orderNumber: 'ORD-20260301-00007',
    warehouseId: 'ffffffff-ffff-4fff-8fff-ffffffffffff',
    status: 'open',
    holds: [],
    claimedBy: null,
    lease: null,
    customerName: 'Ada',
    shipTo: { name: 'Ada', line1: '1 Road', city: 'London', country: 'GB' },
    lines: [{ lineId: LINE, sku: 'A', barcode: '111', name: 'Mug', quantity: 2, verified: 0, packed: 0, shipped: 0 }],
    packages: [],
    appliedSeq: {},
    version: 1,
    createdAt: '2026-03-01T08:00:00.000Z',
    updatedAt: '2026-03-01T08:00:00.000Z',
    ...over,
  };
}
const heldBy = (stationId: string, stationName: string, over: Partial<FulfillmentDocument> = {}) =>
  doc({ status: 'in_progress', claimedBy: stationId, lease: { stationName, expiresAt: EXPIRES }, ...over });

let seq = 0;
function ev(type: FulfillmentStationEvent['type'], payload: Record<string, unknown>, stationId = HERE): FulfillmentStationEvent {
  seq += 1;
  const d = doc();
  return {
    id: crypto.randomUUID(),
    stationId,
    seq,
    type,
    fulfillmentOrderId: d.id,
    orderId: d.orderId,
    actor: { kind: 'station', id: stationId },
    occurredAt: '2026-03-01T10:00:00.000Z',
    payload,
  } as FulfillmentStationEvent;
}

describe('who holds an order', () => {
  it('is the holding station with its lease terms, or nobody for the pool and for finished orders', () => {
    expect(holderOf(heldBy(THERE, 'Pack 2'))).toEqual({ stationId: THERE, stationName: 'Pack 2', expiresAt: EXPIRES });
    expect(holderOf(doc())).toBeNull();
    expect(isInPool(doc())).toBe(true);
    expect(holderOf(heldBy(THERE, 'Pack 2', { status: 'closed' }))).toBeNull();
    // A hold written before leases (no terms): held, name unknown, never lapses.
    expect(holderOf(doc({ status: 'in_progress', claimedBy: THERE }))).toEqual({ stationId: THERE, stationName: null, expiresAt: null });
    expect(hasLapsed(doc({ status: 'in_progress', claimedBy: THERE }), AFTER)).toBe(false);
  });

  it('lapses after its expiry only when nothing was done under it', () => {
    const untouched = heldBy(HERE, 'Pack 1');
    expect(hasLapsed(untouched, BEFORE)).toBe(false);
    expect(hasLapsed(untouched, AFTER)).toBe(true);
    expect(hasLapsed(heldBy(HERE, 'Pack 1', { lines: [{ ...untouched.lines[0]!, verified: 1 }] }), AFTER)).toBe(false);
    expect(hasLapsed(heldBy(HERE, 'Pack 1', { status: 'on_hold', holds: ['other'] }), AFTER)).toBe(true);
  });

  it('is renewed only by its holder', () => {
    const terms = leaseTerms('Pack 1', new Date(EXPIRES), 60_000);
    expect(terms).toEqual({ stationName: 'Pack 1', expiresAt: '2026-03-01T16:01:00.000Z' });
    expect(renewLease(heldBy(HERE, 'Pack 1'), HERE, terms).lease).toEqual(terms);
    const elsewhere = heldBy(THERE, 'Pack 2');
    expect(renewLease(elsewhere, HERE, terms)).toBe(elsewhere);
    expect(renewLease(doc(), HERE, terms).lease).toBeNull();
  });
});

describe('a station offline', () => {
  it('works only on what it holds, names the holder of what it does not, and refuses the pool', () => {
    expect(offlineRefusal(heldBy(HERE, 'Pack 1'), HERE, BEFORE)).toBeNull();
    expect(offlineRefusal(heldBy(THERE, 'Pack 2'), HERE, BEFORE)).toEqual({
      code: 'fulfillment_order_in_progress_elsewhere',
      message: 'ORD-20260301-00007 is being packed at Pack 2: put it aside',
    });
    expect(offlineRefusal(doc(), HERE, BEFORE)).toMatchObject({
      code: 'fulfillment_order_not_held',
      message: expect.stringContaining('another station may take it'),
    });
  });

  it('does not start an order whose hold ran out while offline, but finishes one it had started', () => {
    expect(offlineRefusal(heldBy(HERE, 'Pack 1'), HERE, AFTER)).toMatchObject({
      code: 'lease_lapsed',
      message: expect.stringContaining('2026-03-01 16:00 UTC'),
    });
    // The station's own pending scan is folded into the view it checks.
    const view = foldStationView(heldBy(HERE, 'Pack 1'), [ev('item-verified', { lineId: LINE, barcode: '111', quantity: 1 })], HERE).doc;
    expect(offlineRefusal(view, HERE, AFTER)).toBeNull();
  });
});

describe('claims in the station reducer', () => {
  it('change nothing on an order the station holds, keeping its lease terms', () => {
    const held = heldBy(HERE, 'Pack 1');
    const r = applyStationEvent(held, ev('fulfillment-order-claimed', {}));
    expect(r).toMatchObject({ ok: true, doc: { status: 'in_progress', claimedBy: HERE, lease: held.lease } });
  });

  it('take an order in the pool on the terms the server grants (none in a station fold)', () => {
    const terms = { stationName: 'Pack 1', expiresAt: EXPIRES };
    expect(applyStationEvent(doc(), ev('fulfillment-order-claimed', {}), terms)).toMatchObject({
      ok: true,
      doc: { status: 'in_progress', claimedBy: HERE, lease: terms },
    });
    expect(applyStationEvent(doc(), ev('fulfillment-order-claimed', {}))).toMatchObject({
      ok: true,
      doc: { claimedBy: HERE, lease: null },
    });
  });

  it('refuse an order another station holds, and the work after it, naming the holder', () => {
    const elsewhere = heldBy(THERE, 'Pack 2');
    const message = 'ORD-20260301-00007 is being packed at Pack 2';
    expect(applyStationEvent(elsewhere, ev('fulfillment-order-claimed', {}))).toEqual({
      ok: false,
      code: 'fulfillment_order_in_progress_elsewhere',
      message,
    });
    expect(applyStationEvent(elsewhere, ev('item-verified', { lineId: LINE, barcode: '111', quantity: 1 }))).toEqual({
      ok: false,
      code: 'fulfillment_order_in_progress_elsewhere',
      message,
    });
  });
});
