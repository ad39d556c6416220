import { describe, expect, it } from 'vitest';
import type { InspectedUnitRecord } from '../api/returns';
import { refundOnCompletion } from '../domain/return-refund';
import { StationEvent, type ReturnStationEvent, type UnitGrade } from '../events/station-events';
import type { ReturnStationDocument } from './return-document';
import { foldReturnView } from './return-fold';
import { applyReturnEvent } from './return-reducer';

const STATION = '11111111-1111-4111-8111-111111111111';
const CLERK = '33333333-3333-4333-8333-333333333333';
const MUGS = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const RETURN_ID = 'dddddddd-dddd-4ddd-8ddd-dddddddddddd';
const ORDER_ID = 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee';
const T0 = '2026-11-22T08:00:00.000Z';

const graded = (condition: UnitGrade['condition'], disposition: UnitGrade['disposition']): InspectedUnitRecord => ({
  condition,
  disposition,
  notes: null,
  serial: null,
  inspectedAt: T0,
  inspectedBy: CLERK,
});

/** Two mugs received (12.00 each + 2.40 tax); `units` of them graded. */
function mugs(status: ReturnStationDocument['status'], units: InspectedUnitRecord[]): ReturnStationDocument {
  return {
    id: RETURN_ID,
    number: 'RMA-20261122-00001',
    orderId: ORDER_ID,
    orderNumber: 'ORD-20261122-00001',
    customerName: 'Ada',
    currency: 'GBP',
    warehouseId: 'ffffffff-ffff-4fff-8fff-ffffffffffff',
    status,
    method: 'ship',
    resolution: 'refund',
    customerNote: null,
    rejectionReason: null,
    lines: [
      {
        id: MUGS,
        orderLineId: crypto.randomUUID(),
        sku: 'SKU-MUG',
        barcode: '111',
        name: 'Mug',
        quantity: 2,
        receivedQuantity: 2,
        reasonCode: 'damaged',
        reasonNote: null,
        exchange: null,
        units,
        price: { orderedQuantity: 2, unitPriceMinor: 1200, discountMinor: 0, taxMinor: 480, refundedBefore: 0 },
      },
    ],
    replacementOrderId: null,
    refundRequest: null,
    milestones: { requested: T0 },
    appliedSeq: {},
    version: 5,
    createdAt: T0,
    updatedAt: T0,
  };
}

let seq = 0;
const at = () => `2026-11-22T09:00:${String(++seq % 60).padStart(2, '0')}.000Z`;
function regrade(unit: number, previous: UnitGrade, grade: UnitGrade, note: string | null = null): ReturnStationEvent {
  return StationEvent.parse({
    id: crypto.randomUUID(),
    stationId: STATION,
    seq: ++seq,
    type: 'return-unit-regraded',
    returnId: RETURN_ID,
    orderId: ORDER_ID,
    actor: { kind: 'user', id: CLERK, name: 'Rae Returns' },
    occurredAt: at(),
    payload: { returnLineId: MUGS, unit, previous, grade, note },
  }) as ReturnStationEvent;
}
const completeIt = () =>
  StationEvent.parse({
    id: crypto.randomUUID(),
    stationId: STATION,
    seq: ++seq,
    type: 'return-inspection-completed',
    returnId: RETURN_ID,
    orderId: ORDER_ID,
    actor: { kind: 'user', id: CLERK },
    occurredAt: at(),
    payload: { note: null },
  }) as ReturnStationEvent;

const NEW_RESTOCK = { condition: 'new', disposition: 'restock' } as const;
const DAMAGED_QUARANTINE = { condition: 'damaged', disposition: 'quarantine' } as const;
const TO_CUSTOMER = { condition: 'good', disposition: 'return_to_customer' } as const;

describe('changing a unit’s grade before the return is completed', () => {
  it('changes that unit only, keeps the return where it was, and says who changed it and when', () => {
    const before = mugs('inspected', [graded('new', 'restock'), graded('new', 'restock')]);
    const frozen = structuredClone(before);
    const e = regrade(2, NEW_RESTOCK, DAMAGED_QUARANTINE, 'crack found on a second look');
    const r = applyReturnEvent(before, e);
    expect(before).toEqual(frozen);
    if (!r.ok) throw new Error(r.message);
    expect(r.doc.status).toBe('inspected');
    expect(r.doc.lines[0]!.units).toEqual([
      graded('new', 'restock'),
      { ...graded('damaged', 'quarantine'), notes: 'crack found on a second look', regradedAt: e.occurredAt, regradedBy: CLERK },
    ]);
    expect(r.doc.updatedAt).toBe(e.occurredAt);
  });

  it('works on a return still being graded, on a unit already graded only', () => {
    const half = mugs('received', [graded('new', 'restock')]);
    const r = applyReturnEvent(half, regrade(1, NEW_RESTOCK, DAMAGED_QUARANTINE));
    expect(r).toMatchObject({ ok: true, doc: { status: 'received', lines: [{ units: [{ condition: 'damaged' }] }] } });
    expect(applyReturnEvent(half, regrade(2, NEW_RESTOCK, DAMAGED_QUARANTINE))).toMatchObject({
      ok: false,
      code: 'return_unit_not_graded',
      message: 'SKU-MUG: unit 2 is not graded yet, so there is no grade to change',
    });
  });

  it('refuses a change once the return is completed: its grades are final', () => {
    const done = mugs('completed', [graded('new', 'restock'), graded('new', 'restock')]);
    expect(applyReturnEvent(done, regrade(1, NEW_RESTOCK, DAMAGED_QUARANTINE))).toEqual({
      ok: false,
      code: 'return_grades_final',
      message: 'RMA-20261122-00001 is completed: its grades are final (the refund and the stock were decided on them)',
    });
  });

  it('refuses a unit graded otherwise meanwhile, the grade it already has, and restocking a damaged unit', () => {
    const d = mugs('inspected', [graded('good', 'refurbish'), graded('new', 'restock')]);
    expect(applyReturnEvent(d, regrade(1, NEW_RESTOCK, DAMAGED_QUARANTINE))).toMatchObject({
      ok: false,
      code: 'return_grade_changed',
      message: 'SKU-MUG: unit 1 is graded good → refurbish now, not new → restock: look at it again',
    });
    expect(applyReturnEvent(d, regrade(2, NEW_RESTOCK, NEW_RESTOCK))).toMatchObject({ ok: false, code: 'return_grade_unchanged' });
    expect(applyReturnEvent(d, regrade(2, NEW_RESTOCK, { condition: 'damaged', disposition: 'restock' }))).toMatchObject({
      ok: false,
      code: 'return_unit_not_sellable',
    });
  });

  it('completes with the latest grade: the refund on completion follows the change, in the station’s view too', () => {
    const d = mugs('inspected', [graded('new', 'restock'), graded('new', 'restock')]);
    expect(refundOnCompletion(d)).toBe(2 * 1440);
    // Graded back to the customer on a second look, then completed offline: the refund is one mug.
    const view = foldReturnView(d, [regrade(1, NEW_RESTOCK, TO_CUSTOMER), completeIt()], STATION);
    expect(view.refused).toEqual([]);
    expect(view.doc.status).toBe('completed');
    expect(view.doc.lines[0]!.units.map((u) => u.disposition)).toEqual(['return_to_customer', 'restock']);
    expect(refundOnCompletion(view.doc)).toBe(1440);
    // A change recorded after the completion no longer fits: the view lists it as refused.
    const completed = completeIt();
    const late = regrade(2, NEW_RESTOCK, DAMAGED_QUARANTINE);
    const after = foldReturnView(d, [completed, late], STATION);
    expect(after.refused).toEqual([expect.objectContaining({ code: 'return_grades_final', event: late })]);
  });

  it('reads a regrade event only with a unit place from 1 and known grades', () => {
    expect(() => regrade(0, NEW_RESTOCK, DAMAGED_QUARANTINE)).toThrow();
    expect(() => regrade(1, NEW_RESTOCK, { condition: 'mint', disposition: 'restock' } as unknown as UnitGrade)).toThrow();
    expect(() => regrade(1, { condition: 'new' } as UnitGrade, DAMAGED_QUARANTINE)).toThrow();
  });
});
