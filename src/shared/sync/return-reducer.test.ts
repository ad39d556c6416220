import { describe, expect, it } from 'vitest';
import { RETURN_STATUSES, type ReturnStatus } from '../domain/return-status';
import { mayRecord, USER_ROLES } from '../domain/user-roles';
import { isReturnEvent, RETURN_EVENT_TYPES, StationEvent, subjectIdOf, type ReturnStationEvent } from '../events/station-events';
import type { ReturnStationDocument } from './return-document';
import { foldReturnView } from './return-fold';
import { applyReturnEvent, receiveUnits } from './return-reducer';

const STATION = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const LINE_A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const LINE_B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const RETURN_ID = 'dddddddd-dddd-4ddd-8ddd-dddddddddddd';
const ORDER_ID = 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee';
const T0 = '2026-11-22T08:00:00.000Z';

function doc(overrides: Partial<ReturnStationDocument> = {}): ReturnStationDocument {
  return {
    id: RETURN_ID,
    number: 'RMA-20261122-00001',
    orderId: ORDER_ID,
    orderNumber: 'ORD-20261122-00001',
    customerName: 'Ada',
    currency: 'GBP',
    warehouseId: 'ffffffff-ffff-4fff-8fff-ffffffffffff',
    status: 'authorized',
    method: 'ship',
    resolution: 'refund',
    customerNote: null,
    rejectionReason: null,
    lines: [
      {
        id: LINE_A,
        orderLineId: crypto.randomUUID(),
        sku: 'A',
        barcode: '111',
        name: 'Mug',
        quantity: 2,
        receivedQuantity: 0,
        reasonCode: 'damaged',
        reasonNote: null,
        exchange: null,
        units: [],
      },
      {
        id: LINE_B,
        orderLineId: crypto.randomUUID(),
        sku: 'B',
        barcode: '222',
        name: 'Tee',
        quantity: 1,
        receivedQuantity: 0,
        reasonCode: 'size_fit',
        reasonNote: null,
        exchange: null,
        units: [],
      },
    ],
    replacementOrderId: null,
    refundRequest: null,
    milestones: { requested: T0, authorized: T0 },
    appliedSeq: {},
    version: 2,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

/** A return in `status` with its lines as they would be there. */
function inStatus(status: ReturnStatus): ReturnStationDocument {
  const d = doc({ status });
  const got = (n: number) => d.lines.map((l) => ({ ...l, receivedQuantity: Math.min(n, l.quantity) }));
  if (status === 'partially_received') d.lines = got(1);
  if (status === 'received') d.lines = got(2);
  if (status === 'inspected' || status === 'completed' || status === 'rejected') {
    d.lines = got(2).map((l) => ({
      ...l,
      units: Array.from({ length: l.receivedQuantity }, () => ({
        condition: 'new' as const,
        disposition: 'restock' as const,
        notes: null,
        serial: null,
        inspectedAt: T0,
        inspectedBy: STATION,
      })),
    }));
  }
  return d;
}

let seq = 0;
function ev<T extends ReturnStationEvent['type']>(
  type: T,
  payload: Extract<ReturnStationEvent, { type: T }>['payload'],
  stationId = STATION,
): ReturnStationEvent {
  seq += 1;
  return StationEvent.parse({
    id: crypto.randomUUID(),
    stationId,
    seq,
    type,
    returnId: RETURN_ID,
    orderId: ORDER_ID,
    actor: { kind: 'station', id: stationId },
    occurredAt: `2026-11-22T09:00:${String(seq % 60).padStart(2, '0')}.000Z`,
    payload,
  }) as ReturnStationEvent;
}
const receiveOne = (line = LINE_A) =>
  ev('return-units-received', { lines: [{ returnLineId: line, quantity: 1, barcode: null }], final: false });
const gradeOne = (line = LINE_A) =>
  ev('return-unit-inspected', { returnLineId: line, condition: 'damaged', disposition: 'quarantine', note: 'cracked handle' });
const completeIt = () => ev('return-inspection-completed', { note: null });
/** The first mug, graded new → restock (as inStatus grades it), found cracked on a second look. */
const regradeOne = () =>
  ev('return-unit-regraded', {
    returnLineId: LINE_A,
    unit: 1,
    previous: { condition: 'new', disposition: 'restock' },
    grade: { condition: 'damaged', disposition: 'quarantine' },
    note: 'crack found on a second look',
  });

describe('returns-desk event schemas', () => {
  it('parses each return event with a returnId envelope, and keeps fulfillment events as they were', () => {
    const r = receiveOne();
    expect(isReturnEvent(r)).toBe(true);
    expect(subjectIdOf(r)).toBe(RETURN_ID);
    expect('fulfillmentOrderId' in r).toBe(false);
    const fo = StationEvent.parse({
      id: crypto.randomUUID(),
      stationId: STATION,
      seq: 1,
      type: 'fulfillment-order-claimed',
      fulfillmentOrderId: RETURN_ID,
      orderId: ORDER_ID,
      actor: { kind: 'station', id: STATION },
      occurredAt: T0,
      payload: {},
    });
    expect(isReturnEvent(fo)).toBe(false);
    expect(subjectIdOf(fo)).toBe(RETURN_ID);
    expect(RETURN_EVENT_TYPES).toEqual(
      new Set(['return-units-received', 'return-unit-inspected', 'return-unit-regraded', 'return-inspection-completed']),
    );
  });

  it('refuses malformed return events', () => {
    const envelope = {
      id: crypto.randomUUID(),
      stationId: STATION,
      seq: 1,
      orderId: ORDER_ID,
      actor: { kind: 'station', id: STATION },
      occurredAt: T0,
    };
    // A return event must name its return, not a fulfillment order.
    expect(
      StationEvent.safeParse({ ...envelope, fulfillmentOrderId: RETURN_ID, type: 'return-inspection-completed', payload: { note: null } })
        .success,
    ).toBe(false);
    expect(
      StationEvent.safeParse({ ...envelope, returnId: RETURN_ID, type: 'return-units-received', payload: { lines: [], final: false } })
        .success,
    ).toBe(false);
    expect(
      StationEvent.safeParse({ ...envelope, returnId: RETURN_ID, type: 'return-units-received', payload: { lines: [], final: true } })
        .success,
    ).toBe(true);
    expect(
      StationEvent.safeParse({
        ...envelope,
        returnId: RETURN_ID,
        type: 'return-units-received',
        payload: { lines: [{ returnLineId: LINE_A, quantity: 0, barcode: null }], final: false },
      }).success,
    ).toBe(false);
    expect(
      StationEvent.safeParse({
        ...envelope,
        returnId: RETURN_ID,
        type: 'return-unit-inspected',
        payload: { returnLineId: LINE_A, condition: 'mint', disposition: 'restock', note: null },
      }).success,
    ).toBe(false);
    expect(
      StationEvent.safeParse({
        ...envelope,
        returnId: RETURN_ID,
        type: 'return-unit-inspected',
        payload: { returnLineId: LINE_A, condition: 'new', disposition: 'sell', note: null },
      }).success,
    ).toBe(false);
  });

  it('lets returns clerks, supervisors and admins record returns work, and keeps packers and returns clerks apart', () => {
    for (const type of RETURN_EVENT_TYPES) {
      expect(USER_ROLES.filter((r) => mayRecord(r, type))).toEqual(['admin', 'supervisor', 'returns']);
    }
    expect(mayRecord('returns', 'item-verified')).toBe(false);
    expect(mayRecord('packer', 'return-units-received')).toBe(false);
  });
});

describe('return reducer: every status against every returns-desk event', () => {
  const allowed: Record<ReturnStationEvent['type'], ReturnStatus[]> = {
    'return-units-received': ['authorized', 'partially_received'],
    'return-unit-inspected': ['received'],
    // Only a graded unit's grade changes: inStatus grades units on an inspected return (a received one is tested apart).
    'return-unit-regraded': ['inspected'],
    'return-inspection-completed': ['inspected'],
  };
  const refusalCode = (type: ReturnStationEvent['type'], from: ReturnStatus): string => {
    if (type === 'return-units-received') return from === 'requested' ? 'return_not_authorized' : 'return_transition_forbidden';
    if (type === 'return-unit-inspected') return 'return_not_received';
    if (type === 'return-unit-regraded')
      return from === 'completed'
        ? 'return_grades_final'
        : from === 'rejected' || from === 'cancelled'
          ? 'return_status_final'
          : 'return_unit_not_graded';
    if (from === 'authorized' || from === 'partially_received' || from === 'received') return 'return_not_inspected';
    return from === 'requested' ? 'return_transition_forbidden' : 'return_status_final';
  };
  const event = {
    'return-units-received': () => receiveOne(LINE_A),
    'return-unit-inspected': () => gradeOne(),
    'return-unit-regraded': regradeOne,
    'return-inspection-completed': completeIt,
  };

  for (const type of Object.keys(allowed) as ReturnStationEvent['type'][]) {
    for (const from of RETURN_STATUSES) {
      const ok = allowed[type].includes(from);
      it(`${type} on a ${from} return is ${ok ? 'applied' : 'refused'}`, () => {
        const before = inStatus(from);
        const frozen = structuredClone(before);
        const r = applyReturnEvent(before, event[type]());
        expect(before).toEqual(frozen); // never mutates
        if (ok) expect(r.ok).toBe(true);
        else expect(r).toMatchObject({ ok: false, code: refusalCode(type, from) });
      });
    }
  }
});

describe('return reducer: receiving and grading', () => {
  it('receives unit by unit: partially received, then received when every authorized unit is in', () => {
    let d = doc();
    for (const [line, status] of [
      [LINE_A, 'partially_received'],
      [LINE_A, 'partially_received'],
      [LINE_B, 'received'],
    ] as const) {
      const r = applyReturnEvent(d, receiveOne(line));
      if (!r.ok) throw new Error(r.message);
      d = r.doc;
      expect(d.status).toBe(status);
    }
    expect(d.lines.map((l) => l.receivedQuantity)).toEqual([2, 1]);
    expect(d.milestones.received).toMatch(/^2026-11-22T09:/);
  });

  it('refuses too many units, an unknown line, and closing receiving with nothing received', () => {
    const full = inStatus('partially_received');
    expect(
      applyReturnEvent({ ...full, lines: full.lines.map((l) => ({ ...l, receivedQuantity: l.quantity })) }, receiveOne()),
    ).toMatchObject({ ok: false });
    expect(applyReturnEvent(full, receiveOne(LINE_B))).toMatchObject({ ok: false, code: 'return_over_received' });
    expect(applyReturnEvent(doc(), receiveOne(crypto.randomUUID()))).toMatchObject({ ok: false, code: 'line_not_in_return' });
    expect(applyReturnEvent(doc(), ev('return-units-received', { lines: [], final: true }))).toMatchObject({
      ok: false,
      code: 'return_nothing_received',
    });
  });

  it('closes receiving with what arrived', () => {
    const r = applyReturnEvent(inStatus('partially_received'), ev('return-units-received', { lines: [], final: true }));
    expect(r).toMatchObject({ ok: true, doc: { status: 'received' } });
    expect(receiveUnits(doc(), [{ returnLineId: LINE_A, quantity: 1 }], true, T0)).toMatchObject({ ok: true, doc: { status: 'received' } });
  });

  it('never restocks a damaged, defective or incomplete unit as sellable stock', () => {
    const d = inStatus('received');
    for (const condition of ['damaged', 'defective', 'missing_parts'] as const) {
      const r = applyReturnEvent(d, ev('return-unit-inspected', { returnLineId: LINE_A, condition, disposition: 'restock', note: null }));
      expect(r).toMatchObject({ ok: false, code: 'return_unit_not_sellable' });
      expect(
        applyReturnEvent(d, ev('return-unit-inspected', { returnLineId: LINE_A, condition, disposition: 'refurbish', note: null })).ok,
      ).toBe(true);
    }
    const good = applyReturnEvent(
      d,
      ev('return-unit-inspected', { returnLineId: LINE_A, condition: 'like_new', disposition: 'restock', note: null }),
    );
    expect(good.ok).toBe(true);
  });

  it('grades each received unit, moves to inspected with the last, and refuses a unit too many', () => {
    let d = inStatus('received');
    for (const line of [LINE_A, LINE_A]) {
      const r = applyReturnEvent(d, gradeOne(line));
      if (!r.ok) throw new Error(r.message);
      d = r.doc;
      expect(d.status).toBe('received');
    }
    expect(applyReturnEvent(d, gradeOne(LINE_A))).toMatchObject({ ok: false, code: 'return_over_inspected' });
    const last = applyReturnEvent(d, gradeOne(LINE_B));
    expect(last).toMatchObject({ ok: true, doc: { status: 'inspected' } });
    if (last.ok)
      expect(last.doc.lines[0]!.units[0]).toMatchObject({
        condition: 'damaged',
        disposition: 'quarantine',
        notes: 'cracked handle',
        inspectedBy: STATION,
      });
  });

  it('refuses an event about another return', () => {
    expect(applyReturnEvent({ ...doc(), id: crypto.randomUUID() }, receiveOne())).toMatchObject({
      ok: false,
      code: 'event_wrong_document',
    });
  });
});

describe('the station view of a return', () => {
  it('folds only its own events above appliedSeq, in seq order, and lists what no longer fits', () => {
    const a = receiveOne();
    const b = receiveOne();
    const c = receiveOne(LINE_B);
    const tooMany = receiveOne();
    const others = receiveOne(LINE_B);
    const foreign = { ...others, stationId: OTHER } as ReturnStationEvent;
    const view = foldReturnView(
      doc({
        appliedSeq: { [STATION]: a.seq },
        lines: doc().lines.map((l) => (l.id === LINE_A ? { ...l, receivedQuantity: 1 } : l)),
        status: 'partially_received',
      }),
      [tooMany, c, b, a, foreign],
      STATION,
    );
    expect(view.pending.map((e) => e.seq)).toEqual([b.seq, c.seq, tooMany.seq]);
    expect(view.doc.status).toBe('received');
    expect(view.doc.lines.map((l) => l.receivedQuantity)).toEqual([2, 1]);
    expect(view.refused).toEqual([expect.objectContaining({ code: 'return_transition_forbidden', event: tooMany })]);
  });
});
