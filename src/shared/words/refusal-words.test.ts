import { describe, expect, it } from 'vitest';
import { backorderRefusalWords, orderNotReleasableWords, orderRefusalWords } from './refusal-words';

const doc = {
  orderNumber: 'ORD-20261206-00042',
  status: 'in_progress' as const,
  holds: [],
  lease: { stationName: 'Pack 1', expiresAt: '2026-12-06T18:00:00Z' },
};

describe('refusals in words', () => {
  it('say who has an order and what to ask them, for the action refused', () => {
    const refusal = { code: 'fulfillment_order_in_progress_elsewhere', message: 'ORD-20261206-00042 is being packed at Pack 1' };
    expect(orderRefusalWords(refusal, doc, 'fulfillment-order-moved')).toBe(
      'ORD-20261206-00042 is being packed at Pack 1: ask them to put it aside first, then move it',
    );
    const closed = { ...doc, status: 'closed' as const, lease: null };
    expect(
      orderRefusalWords(
        { code: 'fulfillment_order_status_final', message: 'fulfillment_order is closed, which is final' },
        closed,
        'fulfillment-order-held',
      ),
    ).toBe('ORD-20261206-00042 is already closed, so it can no longer be held');
    // A code with no words of its own keeps its message.
    expect(orderRefusalWords({ code: 'line_over_packed', message: 'SKU-MUG: 0 of 2 left to pack' }, doc, 'package-recorded')).toBe(
      'SKU-MUG: 0 of 2 left to pack',
    );
  });

  it('say what became of a backorder, and why its order does not ship yet, without status codes', () => {
    const b = { quantity: 2, sku: 'MUG-01', orderNumber: 'ORD-20261206-00042' };
    expect(backorderRefusalWords({ ...b, status: 'released' }, 'reassign')).toBe(
      '2 × MUG-01 for ORD-20261206-00042 was already released to be packed: there is nothing left to reassign; refresh to see where it is',
    );
    expect(orderNotReleasableWords('ORD-20261206-00042', 'on_hold')).toBe(
      'ORD-20261206-00042 is on hold: release the order first, then its backorders can ship',
    );
    expect(orderNotReleasableWords('ORD-20261206-00042', 'partially_shipped')).not.toContain('_');
  });
});
