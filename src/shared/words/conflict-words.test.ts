import { describe, expect, it } from 'vitest';
import type { FulfillmentStationEvent } from '../events/station-events';
import { conflictSentence } from './conflict-words';

const mug = '00000000-0000-4000-8000-000000000005';
const doc = {
  orderNumber: 'ORD-1042',
  status: 'on_hold' as const,
  holds: ['incorrect_address'],
  lease: null,
  lines: [{ lineId: mug, name: 'Mug', sku: 'MUG-01' }],
} as unknown as Parameters<typeof conflictSentence>[1];
let n = 0;
const scan = (): FulfillmentStationEvent =>
  ({
    id: `00000000-0000-4000-8000-00000000010${(n += 1)}`,
    type: 'item-verified',
    payload: { lineId: mug, barcode: 'MUG-01', quantity: 1 },
  }) as unknown as FulfillmentStationEvent;
const onHold = {
  code: 'fulfillment_order_not_in_progress',
  message: 'ORD-1042 is on hold (incorrect address): it cannot be worked on now',
};

describe('conflict sentences', () => {
  it('names the order, the item, the station and why, with no status codes', () => {
    expect(conflictSentence([scan()], doc, 'Pack 1', onHold)).toBe(
      'ORD-1042: 1 × Mug (MUG-01) was scanned at Pack 1 while the order was on hold (incorrect address)',
    );
  });

  it('adds up one item scanned twice, so one mistake reads as one fact', () => {
    expect(conflictSentence([scan(), scan()], doc, 'Pack 1', onHold)).toBe(
      'ORD-1042: 2 × Mug (MUG-01) were scanned at Pack 1 while the order was on hold (incorrect address)',
    );
  });

  it("says a refusal that is not about the order's state in the refusal's words", () => {
    expect(conflictSentence([scan()], doc, 'Pack 1', { code: 'line_over_verified', message: 'MUG-01: all 1 already scanned' })).toBe(
      'ORD-1042: 1 × Mug (MUG-01) was scanned at Pack 1: MUG-01: all 1 already scanned',
    );
  });
});
