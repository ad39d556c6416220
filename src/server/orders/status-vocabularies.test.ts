import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES, orderMachine } from '../../shared/domain/order-status';
import { checkTransition } from '../../shared/domain/state-machine';
import {
  VOCABULARY_FORBIDDEN_MOVES,
  STATUS_VOCABULARIES,
  VOCABULARIES,
  allOrderStates,
  normaliseStatus,
  paymentStatesPresentedAs,
  statesPresentedAs,
} from './status-vocabularies';

describe('status vocabularies', () => {
  it('present every state of ours as one of the vocabulary values', () => {
    for (const id of STATUS_VOCABULARIES) {
      const v = VOCABULARIES[id];
      for (const state of allOrderStates()) {
        expect(v.orderStatuses, `${id} ${JSON.stringify(state)}`).toContain(v.presentStatus(state));
        expect(v.paymentStatuses, `${id} payment ${state.paymentStatus}`).toContain(v.presentPayment(state));
      }
    }
  });

  it('cover every vocabulary value except the ones our model never rests in', () => {
    const unreachable: Record<string, string[]> = { 'oms-rest': ['created'] };
    for (const id of STATUS_VOCABULARIES) {
      const v = VOCABULARIES[id];
      const shown = new Set(allOrderStates().map((s) => v.presentStatus(s)));
      expect(v.orderStatuses.filter((s) => !shown.has(s))).toEqual(unreachable[id] ?? []);
    }
  });

  it('maps vocabulary values onto our states, including payment-dependent ones', () => {
    expect(VOCABULARIES['order-management'].presentStatus({ status: 'confirmed', paymentStatus: 'paid', statusBeforeHold: null })).toBe(
      'PROCESSING',
    );
    expect(
      VOCABULARIES['fulfillment-routing'].presentStatus({ status: 'pending', paymentStatus: 'authorized', statusBeforeHold: null }),
    ).toBe('payment_processing');
    expect(
      VOCABULARIES['fulfillment-routing'].presentStatus({ status: 'partially_shipped', paymentStatus: 'paid', statusBeforeHold: null }),
    ).toBe('partially_fulfilled');
    expect(VOCABULARIES['order-lifecycle'].presentStatus({ status: 'on_hold', paymentStatus: 'paid', statusBeforeHold: 'confirmed' })).toBe(
      'confirmed',
    );
    expect(VOCABULARIES['oms-rest'].presentStatus({ status: 'on_hold', paymentStatus: 'paid', statusBeforeHold: 'confirmed' })).toBe(
      'on_hold',
    );
    expect(VOCABULARIES['order-management'].presentPayment({ status: 'completed', paymentStatus: 'paid', statusBeforeHold: null })).toBe(
      'COMPLETED',
    );
    expect(
      VOCABULARIES['order-management'].presentPayment({ status: 'shipped', paymentStatus: 'partially_refunded', statusBeforeHold: null }),
    ).toBe('REFUNDED');
  });

  it('reverses a vocabulary value into exactly the states that present as it', () => {
    const processing = statesPresentedAs('order-management', 'PROCESSING');
    expect(new Set(processing.map((s) => s.status))).toEqual(new Set(['confirmed', 'processing', 'partially_shipped', 'on_hold']));
    expect(
      processing
        .filter((s) => s.status === 'on_hold')
        .every((s) => ['confirmed', 'processing', 'partially_shipped'].includes(s.statusBeforeHold!)),
    ).toBe(true);
    expect(statesPresentedAs('oms-rest', 'created')).toEqual([]);
    expect(new Set(paymentStatesPresentedAs('order-management', 'REFUNDED').map((s) => s.paymentStatus))).toEqual(
      new Set(['refunded', 'partially_refunded']),
    );
  });

  it('accepts vocabulary values in any case and refuses unknown ones', () => {
    expect(normaliseStatus('order-management', 'shipped')).toBe('SHIPPED');
    expect(normaliseStatus('fulfillment-routing', 'Partially_Fulfilled')).toBe('partially_fulfilled');
    expect(normaliseStatus('order-management', 'on_hold')).toBeNull();
  });

  it('names a status of ours for every command target', () => {
    for (const id of STATUS_VOCABULARIES) {
      const v = VOCABULARIES[id];
      expect(Object.keys(v.commandTarget).sort()).toEqual([...v.orderStatuses].sort());
      for (const target of Object.values(v.commandTarget)) if (target) expect(ORDER_STATUSES).toContain(target);
    }
  });

  it.each(VOCABULARY_FORBIDDEN_MOVES)('refuses $vocabulary $from -> $to with a stable code ($why)', ({ from, to }) => {
    const result = checkTransition(orderMachine, from, to, {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(['order_transition_forbidden', 'order_status_final']).toContain(result.code);
    if (!result.ok && (from === 'refunded' || from === 'cancelled')) expect(result.code).toBe('order_status_final');
  });
});
