import { describe, expect, it } from 'vitest';
import { CheckedStationEvent, type FulfillmentStationEvent } from '../events/station-events';
import type { FulfillmentDocument } from './fulfillment-document';
import { applyStationEvent } from './fulfillment-reducer';
import { isUntouched } from './fulfillment-lease';
import { freshLine, fulfillmentDoc, LINE_A, LINE_B, OTHER_STATION, STATION } from './testing/fulfillment-fixtures';

const OTHER = OTHER_STATION;
const BIN = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';

/** Held by this station, 3 × Mug and 1 × Tee to pick. */
function held(overrides: Partial<FulfillmentDocument> = {}): FulfillmentDocument {
  return fulfillmentDoc({
    status: 'in_progress',
    claimedBy: STATION,
    lines: [freshLine(LINE_A, 'A', '111', 'Mug', 3), freshLine(LINE_B, 'B', '222', 'Tee', 1)],
    ...overrides,
  });
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
