import { describe, expect, it } from 'vitest';
import { backorderRefusalWords, orderCancelRefusalWords, orderNotReleasableWords, orderRefusalWords } from './refusal-words';

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

describe('refused take-backs and cancels in words', () => {
  const notClaimed = { code: 'fulfillment_order_not_claimed', message: 'the fulfillment order is open' };
  it('say that an order in the pool has no station to take it from, and that an ended one can no longer be taken back', () => {
    const open = { ...doc, status: 'open' as const, lease: null };
    expect(orderRefusalWords(notClaimed, open, 'fulfillment-order-unclaimed')).toBe(
      'ORD-20261206-00042 is not taken by any station: no station has it, so there is nothing to take back',
    );
    expect(orderRefusalWords(notClaimed, { ...doc, status: 'closed' as const }, 'fulfillment-order-unclaimed')).toBe(
      'ORD-20261206-00042 is already closed, so it can no longer be taken back',
    );
  });

  it("say why a customer's order can no longer be cancelled, and what to do instead", () => {
    const n = 'ORD-20261206-00042';
    const final = { code: 'order_status_final', message: 'order is cancelled, which is final' };
    expect(orderCancelRefusalWords(final, { number: n, status: 'cancelled' })).toBe(
      `${n} was already cancelled: there is nothing left to cancel`,
    );
    expect(orderCancelRefusalWords(final, { number: n, status: 'refunded' })).toBe(
      `${n} was already refunded: there is nothing left to cancel`,
    );
    const forbidden = { code: 'order_transition_forbidden', message: 'order cannot move from shipped to cancelled' };
    expect(orderCancelRefusalWords(forbidden, { number: n, status: 'shipped' })).toBe(
      `${n} has already shipped, so it can no longer be cancelled: take a return instead`,
    );
    expect(orderCancelRefusalWords(forbidden, { number: n, status: 'partially_shipped' })).toBe(
      `Part of ${n} has already shipped, so it can no longer be cancelled as a whole: cancel the units left with a partial cancel, or take a return`,
    );
    const shipped = { code: 'order_already_shipped', message: 'units have shipped' };
    expect(orderCancelRefusalWords(shipped, { number: n, status: 'on_hold' })).toMatch(/^Part of ORD-20261206-00042 has already shipped/);
    expect(orderCancelRefusalWords({ code: 'version_mismatch', message: 'reload it' }, { number: n, status: 'confirmed' })).toBe(
      'reload it',
    );
  });
});
