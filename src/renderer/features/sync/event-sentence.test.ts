import { describe, expect, it } from 'vitest';
import type { StationEvent } from '../../../shared/events/station-events';
import { eventSentence, outcomeOf } from './event-sentence';

const base = {
  id: '00000000-0000-4000-8000-000000000001',
  stationId: '00000000-0000-4000-8000-000000000002',
  seq: 7,
  orderId: '00000000-0000-4000-8000-000000000003',
  occurredAt: '2026-12-04T10:42:13.000Z',
};
const lineId = '00000000-0000-4000-8000-000000000005';
const order = { number: 'ORD-1001', lines: [{ id: lineId, name: 'Enamel mug', sku: 'SKU-MUG' }] };

describe('eventSentence', () => {
  it('names the person, the item, the order and the time of a scan', () => {
    const e: StationEvent = {
      ...base,
      fulfillmentOrderId: '00000000-0000-4000-8000-000000000004',
      actor: { kind: 'user', id: 'u1', name: 'Priya Packer' },
      type: 'item-verified',
      payload: { lineId, barcode: '5012345678900', quantity: 1 },
    };
    expect(eventSentence(e, order, '10:42')).toBe('Priya Packer scanned 1 × Enamel mug (SKU-MUG) on ORD-1001 at 10:42.');
  });

  it('says "this station" when nobody was signed in, and what was received of an RMA', () => {
    const e: StationEvent = {
      ...base,
      returnId: '00000000-0000-4000-8000-000000000006',
      actor: { kind: 'station', id: base.stationId },
      type: 'return-units-received',
      payload: { lines: [{ returnLineId: lineId, quantity: 2, barcode: null }], final: true },
    };
    expect(eventSentence(e, { ...order, number: 'RMA-1002' }, '10:42')).toBe(
      'This station received 2 × Enamel mug (SKU-MUG) of RMA-1002 and closed receiving at 10:42.',
    );
  });

  it('still reads when the subject is no longer at the station', () => {
    const e: StationEvent = {
      ...base,
      returnId: '00000000-0000-4000-8000-000000000006',
      actor: { kind: 'user', id: 'u2', name: 'Rae Returns' },
      type: 'return-unit-inspected',
      payload: { returnLineId: lineId, condition: 'like_new', disposition: 'restock', note: null },
    };
    expect(eventSentence(e, null, '10:42')).toBe('Rae Returns graded a unit of an item on a return as like new: restock at 10:42.');
  });
});

describe('outcomeOf', () => {
  it('says what the server made of the event', () => {
    expect(outcomeOf({ state: 'pending' })).toBe('Waiting to go to the server.');
    // The code stays on the record (and in the tooltip), not in the sentence.
    expect(outcomeOf({ state: 'rejected', outcomeCode: 'event_time_implausible', outcomeMessage: 'clock far ahead' })).toBe(
      'Set aside: the server refused it: clock far ahead.',
    );
    expect(
      outcomeOf({
        state: 'conflicted',
        outcomeCode: 'fulfillment_order_not_in_progress',
        outcomeMessage: 'ORD-1001 is on hold (damaged goods): it cannot be worked on now',
      }),
    ).toBe('Recorded on the server as a conflict for a supervisor: ORD-1001 is on hold (damaged goods): it cannot be worked on now.');
  });

  it('says which unit’s grade changed, from what to what', () => {
    const e: StationEvent = {
      ...base,
      returnId: '00000000-0000-4000-8000-000000000006',
      actor: { kind: 'user', id: 'u2', name: 'Rae Returns' },
      type: 'return-unit-regraded',
      payload: {
        returnLineId: lineId,
        unit: 2,
        previous: { condition: 'new', disposition: 'restock' },
        grade: { condition: 'damaged', disposition: 'quarantine' },
        note: null,
      },
    };
    expect(eventSentence(e, { ...order, number: 'RMA-1002' }, '10:42')).toBe(
      'Rae Returns changed the grade of unit 2 of Enamel mug (SKU-MUG) on RMA-1002 from new: restock to damaged: quarantine at 10:42.',
    );
  });
});
