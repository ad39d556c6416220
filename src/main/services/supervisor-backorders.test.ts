import { describe, expect, it } from 'vitest';
import type { BackorderView } from '../../shared/api/fulfillment';
import { skuQueues } from './supervisor-backorders';

let n = 0;
const backorder = (sku: string, priority: number, createdAt: string): BackorderView => ({
  id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  orderId: 'o',
  orderNumber: `ORD-20261206-${String(n).padStart(5, '0')}`,
  lineId: 'l',
  sku,
  quantity: 1,
  status: 'waiting',
  priority,
  warehouseId: null,
  fulfillmentOrderId: null,
  splitFrom: null,
  note: null,
  createdAt,
  updatedAt: createdAt,
});

describe("the supervisor's backorder list", () => {
  it("groups by SKU, each SKU's in allocation order, with its place in that SKU's queue", () => {
    const mugOld = backorder('MUG-01', 0, '2026-12-01T10:00:00Z');
    const lamp = backorder('LAMP-02', -1, '2026-12-01T11:00:00Z');
    const mugNew = backorder('MUG-01', 0, '2026-12-02T10:00:00Z');
    // Moved down once among the mugs: a priority below 0, which is nothing a supervisor reads.
    const mugDown = backorder('MUG-01', -1, '2026-11-30T10:00:00Z');
    const list = skuQueues([mugOld, lamp, mugNew, mugDown]);
    expect(list.map((b) => [b.orderNumber, b.sku, b.queue])).toEqual([
      [lamp.orderNumber, 'LAMP-02', { place: 1, of: 1 }],
      [mugOld.orderNumber, 'MUG-01', { place: 1, of: 3 }],
      [mugNew.orderNumber, 'MUG-01', { place: 2, of: 3 }],
      [mugDown.orderNumber, 'MUG-01', { place: 3, of: 3 }],
    ]);
    expect(list[0]).not.toHaveProperty('priority');
  });
});
