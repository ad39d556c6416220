import { describe, expect, it } from 'vitest';
import { backorderMachine } from './backorder-status';
import { fulfillmentMachine } from './fulfillment-status';
import { orderMachine, paymentMachine } from './order-status';
import { packageMachine } from './package-status';
import { returnMachine } from './return-status';
import { checkTransition, reachableStatuses, type Machine } from './state-machine';

const machines = [orderMachine, paymentMachine, fulfillmentMachine, packageMachine, backorderMachine, returnMachine] as unknown as Machine<
  string,
  Record<string, unknown>
>[];

describe.each(machines.map((m) => [m.entity, m] as const))('%s state machine', (_name, machine) => {
  it('reaches every status from the initial one', () => {
    expect([...reachableStatuses(machine as never)].sort()).toEqual([...machine.statuses].sort());
  });

  it('has a way out of every status that is not final, and final statuses are final', () => {
    for (const s of machine.statuses) {
      const out = machine.transitions[s]!;
      if (out.length === 0) {
        for (const to of machine.statuses) {
          const r = checkTransition(machine, s, to, {});
          expect(r).toMatchObject({ ok: false, code: `${machine.entity}_status_final` });
        }
      }
    }
  });

  it('allows every listed move (guards satisfied) and refuses every other pair with a stable code', () => {
    for (const from of machine.statuses) {
      for (const to of machine.statuses) {
        const listed = machine.transitions[from]!.includes(to);
        // The permissive context: nothing shipped, held from the target, paid.
        const r = checkTransition(machine, from, to, {
          statusBeforeHold: to,
          paymentStatus: 'paid',
          shippedUnits: 0,
          totalUnits: 0,
          unshippedUnits: 0,
        });
        if (listed) expect(r, `${from} -> ${to}`).toEqual({ ok: true });
        else
          expect(r.ok ? 'allowed' : r.code, `${from} -> ${to}`).toMatch(
            new RegExp(`^${machine.entity}_(transition_forbidden|status_final)$`),
          );
      }
    }
  });
});

describe('order guards from the seeds', () => {
  it('never cancels a delivered order and never leaves refunded', () => {
    expect(checkTransition(orderMachine, 'delivered', 'cancelled', {})).toMatchObject({ ok: false, code: 'order_transition_forbidden' });
    for (const to of orderMachine.statuses)
      expect(checkTransition(orderMachine, 'refunded', to, {})).toMatchObject({ ok: false, code: 'order_status_final' });
  });

  it('confirms only with payment authorized or paid', () => {
    expect(checkTransition(orderMachine, 'pending', 'confirmed', { paymentStatus: 'pending' })).toMatchObject({
      ok: false,
      code: 'order_payment_required',
    });
    expect(checkTransition(orderMachine, 'pending', 'confirmed', { paymentStatus: 'authorized' })).toEqual({ ok: true });
  });

  it('refuses to cancel once units shipped, and releases a hold only to where it came from', () => {
    expect(checkTransition(orderMachine, 'processing', 'cancelled', { shippedUnits: 1 })).toMatchObject({
      ok: false,
      code: 'order_already_shipped',
    });
    expect(checkTransition(orderMachine, 'on_hold', 'pending', { statusBeforeHold: 'confirmed' })).toMatchObject({
      ok: false,
      code: 'order_release_target_mismatch',
    });
    expect(checkTransition(orderMachine, 'on_hold', 'confirmed', { statusBeforeHold: 'confirmed' })).toEqual({ ok: true });
  });

  it('does not move a fulfillment order another station is packing', () => {
    expect(checkTransition(fulfillmentMachine, 'in_progress', 'incomplete', { stationId: 'a', claimedByStationId: 'b' })).toMatchObject({
      ok: false,
      code: 'fulfillment_order_in_progress_elsewhere',
    });
    expect(checkTransition(fulfillmentMachine, 'in_progress', 'closed', { unshippedUnits: 2 })).toMatchObject({
      ok: false,
      code: 'fulfillment_order_units_unshipped',
    });
  });
});
