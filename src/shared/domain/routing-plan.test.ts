import { describe, expect, it } from 'vitest';
import { DEFAULT_ROUTING_POLICY, planRouting, type DropshipOffer, type RoutingPolicy } from './routing-plan';

const A = 'wh-a';
const B = 'wh-b';
const ranked = [{ id: A }, { id: B }];
const perLine: RoutingPolicy = { ...DEFAULT_ROUTING_POLICY, preferSingleWarehouse: false };
const mug = { lineId: 'l1', sku: 'MUG', quantity: 2 };
const tee = { lineId: 'l2', sku: 'TEE', quantity: 1 };
const supplier: DropshipOffer = { supplierId: 's1', warehouseId: 'ds-1', sku: 'MUG', available: null, priority: 10, leadTimeDays: 3 };

describe('planRouting', () => {
  it('takes the first warehouse of the ranking that has the whole line (priority strategy)', () => {
    const plan = planRouting([mug], ranked, { [A]: { MUG: 5 }, [B]: { MUG: 50 } }, [], perLine);
    expect(plan.allocations).toEqual([{ lineId: 'l1', sku: 'MUG', warehouseId: A, quantity: 2, source: 'warehouse', supplierId: null }]);
    expect(plan.backorders).toEqual([]);
  });

  it('takes the warehouse with the most available units under most_stock', () => {
    const plan = planRouting([mug], ranked, { [A]: { MUG: 5 }, [B]: { MUG: 50 } }, [], { ...perLine, strategy: 'most_stock' });
    expect(plan.allocations[0]!.warehouseId).toBe(B);
  });

  it('skips a warehouse that has some but not all of a line when another has it all', () => {
    const plan = planRouting([mug], ranked, { [A]: { MUG: 1 }, [B]: { MUG: 2 } }, [], perLine);
    expect(plan.allocations).toMatchObject([{ warehouseId: B, quantity: 2 }]);
  });

  it('ships the whole order from one warehouse when preferred and possible, even if it ranks lower', () => {
    const stock = { [A]: { MUG: 10 }, [B]: { MUG: 10, TEE: 10 } };
    const single = planRouting([mug, tee], ranked, stock, [], DEFAULT_ROUTING_POLICY);
    expect(single.allocations.map((a) => a.warehouseId)).toEqual([B, B]);
    const split = planRouting([mug, tee], ranked, stock, [], perLine);
    expect(split.allocations.map((a) => a.warehouseId)).toEqual([A, B]);
  });

  it('falls back to the best dropship supplier, then to a backorder', () => {
    const slow = { ...supplier, supplierId: 's2', warehouseId: 'ds-2', leadTimeDays: 9 };
    const dropped = planRouting([mug], ranked, {}, [slow, supplier], perLine);
    expect(dropped.allocations).toEqual([
      { lineId: 'l1', sku: 'MUG', warehouseId: 'ds-1', quantity: 2, source: 'dropship', supplierId: 's1' },
    ]);
    const none = planRouting([mug], ranked, {}, [{ ...supplier, available: 1 }], perLine);
    expect(none.allocations).toEqual([]);
    expect(none.backorders).toEqual([{ lineId: 'l1', sku: 'MUG', quantity: 2 }]);
    const noDropship = planRouting([mug], ranked, {}, [supplier], { ...perLine, allowDropship: false });
    expect(noDropship.backorders).toHaveLength(1);
  });

  it('counts what one order already took from a supplier with limited stock', () => {
    const limited = { ...supplier, available: 3 };
    const plan = planRouting([mug, { lineId: 'l3', sku: 'MUG', quantity: 2 }], ranked, {}, [limited], perLine);
    expect(plan.allocations).toHaveLength(1);
    expect(plan.backorders).toEqual([{ lineId: 'l3', sku: 'MUG', quantity: 2 }]);
  });

  it('splits a line across warehouses and backorders only the remainder', () => {
    const plan = planRouting([{ lineId: 'l1', sku: 'MUG', quantity: 7 }], ranked, { [A]: { MUG: 2 }, [B]: { MUG: 3 } }, [], perLine);
    expect(plan.allocations.map((a) => [a.warehouseId, a.quantity])).toEqual([
      [A, 2],
      [B, 3],
    ]);
    expect(plan.backorders).toEqual([{ lineId: 'l1', sku: 'MUG', quantity: 2 }]);
    const whole = planRouting([{ lineId: 'l1', sku: 'MUG', quantity: 7 }], ranked, { [A]: { MUG: 2 } }, [], {
      ...perLine,
      splitLines: false,
    });
    expect(whole.allocations).toEqual([]);
    expect(whole.backorders).toEqual([{ lineId: 'l1', sku: 'MUG', quantity: 7 }]);
  });

  it('never allocates the same stock twice to two lines of one SKU', () => {
    const plan = planRouting([mug, { lineId: 'l3', sku: 'MUG', quantity: 2 }], ranked, { [A]: { MUG: 3 } }, [], perLine);
    expect(plan.allocations.map((a) => [a.lineId, a.quantity])).toEqual([
      ['l1', 2],
      ['l3', 1],
    ]);
    expect(plan.backorders).toEqual([{ lineId: 'l3', sku: 'MUG', quantity: 1 }]);
  });

  it('does not modify the stock it was given', () => {
    const stock = { [A]: { MUG: 3 } };
    planRouting([mug], ranked, stock, [], perLine);
    expect(stock[A].MUG).toBe(3);
  });
});
