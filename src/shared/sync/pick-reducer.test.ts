import { describe, expect, it } from 'vitest';
import { CheckedStationEvent, type FulfillmentStationEvent } from '../events/station-events';
import type { FulfillmentDocument } from './fulfillment-document';
import { applyStationEvent } from './fulfillment-reducer';
import { isUntouched } from './fulfillment-lease';

const STATION = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const LINE_A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const LINE_B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const BIN = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';

function held(overrides: Partial<FulfillmentDocument> = {}): FulfillmentDocument {
  return {
    id: 'dddddddd-dddd-4ddd-8ddd-dddddddddddd',
    orderId: 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee',
    orderNumber: 'ORD-20261122-00001',
    warehouseId: 'ffffffff-ffff-4fff-8fff-ffffffffffff',
    status: 'in_progress',
    holds: [],
    claimedBy: STATION,
    customerName: 'Ada',
    shipTo: { name: 'Ada', line1: '1 Road', city: 'London', country: 'GB' },
    lines: [
      { lineId: LINE_A, sku: 'A', barcode: '111', name: 'Mug', quantity: 3, verified: 0, packed: 0, shipped: 0 },
      { lineId: LINE_B, sku: 'B', barcode: '222', name: 'Tee', quantity: 1, verified: 0, packed: 0, shipped: 0 },
    ],
    packages: [],
    appliedSeq: {},
    version: 1,
    createdAt: '2026-11-22T08:00:00.000Z',
    updatedAt: '2026-11-22T08:00:00.000Z',
    ...overrides,
  };
}

let seq = 0;
function ev(type: 'item-picked' | 'pick-shorted', payload: Record<string, unknown>, stationId = STATION): FulfillmentStationEvent {
  seq += 1;
  return CheckedStationEvent.parse({
    id: crypto.randomUUID(),
    stationId,
    seq,
    type,
    fulfillmentOrderId: held().id,
    orderId: held().orderId,
    actor: { kind: 'user', id: 'u-1', name: 'Pat Picker' },
    occurredAt: new Date().toISOString(),
    payload,
  }) as FulfillmentStationEvent;
}
const pick = (lineId: string, quantity: number, tote = 'T-01') =>
  ev('item-picked', { lineId, binId: BIN, binCode: 'A-01-1', tote, quantity });
const short = (lineId: string, shortQuantity: number) =>
  ev('pick-shorted', { lineId, binId: BIN, binCode: 'A-01-1', shortQuantity, remainingInBin: 0 });

function fold(doc: FulfillmentDocument, ...events: FulfillmentStationEvent[]) {
  let d = doc;
  for (const e of events) {
    const r = applyStationEvent(d, e);
    if (!r.ok) return r;
    d = r.doc;
  }
  return { ok: true as const, doc: d };
}

describe('pick events', () => {
  it('count picked units per line and remember the totes they went into', () => {
    const r = fold(held(), pick(LINE_A, 2, 'T-01'), pick(LINE_A, 1, 'T-02'));
    expect(r.ok && r.doc.lines[0]).toMatchObject({ picked: 3, totes: ['T-01', 'T-02'], quantity: 3 });
  });

  it('refuse a unit too many, an unknown line, and work on an order held elsewhere', () => {
    expect(fold(held(), pick(LINE_A, 3), pick(LINE_A, 1))).toMatchObject({ ok: false, code: 'line_over_picked' });
    expect(fold(held(), pick(BIN, 1))).toMatchObject({ ok: false, code: 'line_not_in_fulfillment_order' });
    expect(fold(held({ claimedBy: OTHER }), pick(LINE_A, 1))).toMatchObject({ ok: false, code: 'fulfillment_order_in_progress_elsewhere' });
    expect(fold(held({ status: 'open', claimedBy: null }), pick(LINE_A, 1))).toMatchObject({
      ok: false,
      code: 'fulfillment_order_not_in_progress',
    });
  });

  it('take shorted units off the line, so packing and shipping the rest closes the order', () => {
    const r = fold(held(), pick(LINE_A, 1), short(LINE_A, 2));
    expect(r.ok && r.doc.lines[0]).toMatchObject({ quantity: 1, picked: 1, shorted: 2 });
    expect(r.ok && r.doc.status).toBe('in_progress');
    // The picked unit cannot also be missing.
    expect(fold(held(), pick(LINE_A, 2), short(LINE_A, 2))).toMatchObject({ ok: false, code: 'line_over_shorted' });
  });

  it('end an order whose every unit was missing as incomplete: its work moved elsewhere', () => {
    const r = fold(held(), short(LINE_A, 3), short(LINE_B, 1));
    expect(r.ok && r.doc.status).toBe('incomplete');
    expect(r.ok && r.doc.lines.map((l) => l.quantity)).toEqual([0, 0]);
  });

  it('make the hold one with work on it, which does not lapse', () => {
    expect(isUntouched(held())).toBe(true);
    const r = fold(held(), pick(LINE_B, 1));
    expect(r.ok && isUntouched(r.doc)).toBe(false);
  });

  it('refuse a tote code with spaces and a zero short', () => {
    expect(() => pick(LINE_A, 1, 'T 01')).toThrow();
    expect(() => short(LINE_A, 0)).toThrow();
  });
});
