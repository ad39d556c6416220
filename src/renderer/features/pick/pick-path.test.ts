import { describe, expect, it } from 'vitest';
import { PickListData } from '../../../shared/labels/label-data';
import type { BinLocationDocument } from '../../../shared/sync/bin-location-document';
import type { FulfillmentDocument } from '../../../shared/sync/fulfillment-document';
import { emptiedKey, pickPath, stopKey } from './pick-path';
import { pickListOf } from './pick-list';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const bin = (n: number, walkOrder: number, stock: [string, number][]): BinLocationDocument => ({
  id: uuid(100 + n),
  warehouseId: uuid(1),
  zone: 'A',
  aisle: '01',
  bay: String(n),
  level: '1',
  bin: 'A',
  code: `A-01-${n}-1-A`,
  barcode: `BIN${n}`,
  walkOrder,
  stock: stock.map(([sku, quantity]) => ({ sku, quantity })),
  updatedAt: '2026-12-04T10:00:00.000Z',
});
const order = (n: number, lines: [string, number, number?][]): FulfillmentDocument => ({
  id: uuid(200 + n),
  orderId: uuid(300 + n),
  orderNumber: `ORD-20261204-0000${n}`,
  warehouseId: uuid(1),
  status: 'in_progress',
  holds: [],
  claimedBy: uuid(9),
  customerName: 'Ada',
  shipTo: { name: 'Ada', line1: '1 Road', city: 'London', country: 'GB' },
  lines: lines.map(([sku, quantity, picked], i) => ({
    lineId: uuid(400 + n * 10 + i),
    sku,
    barcode: null,
    name: `Item ${sku}`,
    quantity,
    verified: 0,
    packed: 0,
    shipped: 0,
    ...(picked ? { picked } : {}),
  })),
  packages: [],
  appliedSeq: {},
  version: 1,
  createdAt: '2026-12-04T10:00:00.000Z',
  updatedAt: '2026-12-04T10:00:00.000Z',
});

describe('pick path', () => {
  const bins = [bin(3, 30, [['MUG', 1]]), bin(1, 10, [['TEE', 5]]), bin(2, 20, [['MUG', 4]])];

  it('walks the bins in walk order, the cart sharing each bin, and skips what is already picked', () => {
    const cart = [
      {
        doc: order(1, [
          ['MUG', 2],
          ['TEE', 1],
        ]),
        tote: 'T1',
      },
      {
        doc: order(2, [
          ['MUG', 3, 1],
          ['TEE', 2, 2],
        ]),
        tote: 'T2',
      },
    ];
    const stops = pickPath(cart, bins, new Set());
    expect(stops.map((s) => [s.bin?.code, s.sku, s.quantity, s.tote])).toEqual([
      ['A-01-1-1-A', 'TEE', 1, 'T1'],
      ['A-01-2-1-A', 'MUG', 2, 'T1'],
      ['A-01-2-1-A', 'MUG', 2, 'T2'],
    ]);
  });

  it('takes what a bin lacks from the next one holding the SKU, and leaves a bin found short out', () => {
    const cart = [{ doc: order(1, [['MUG', 5]]), tote: 'T1' }];
    expect(pickPath(cart, bins, new Set()).map((s) => [s.bin?.code, s.quantity])).toEqual([
      ['A-01-2-1-A', 4],
      ['A-01-3-1-A', 1],
    ]);
    const short = new Set([emptiedKey(uuid(102), 'MUG')]);
    // The four no bin is known to hold go to the bin it already takes one from: one stop of five.
    expect(pickPath(cart, bins, short).map((s) => [s.bin?.code, s.quantity])).toEqual([['A-01-3-1-A', 5]]);
  });

  it('asks for a line once per bin when the bin lists fewer than the order needs, each stop with its own key', () => {
    // The walk's case: one mug listed in its bin, an order of two and another order of one.
    const oneMug = [bin(9, 90, [['MUG', 1]]), bin(1, 10, [['TEE', 5]])];
    const cart = [
      {
        doc: order(1, [
          ['MUG', 2],
          ['TEE', 1],
        ]),
        tote: 'T1',
      },
      { doc: order(2, [['MUG', 1]]), tote: 'T2' },
    ];
    const stops = pickPath(cart, oneMug, new Set());
    expect(stops.map((s) => [s.bin?.code, s.quantity, s.sku, s.tote])).toEqual([
      ['A-01-1-1-A', 1, 'TEE', 'T1'],
      ['A-01-9-1-A', 2, 'MUG', 'T1'],
      ['A-01-9-1-A', 1, 'MUG', 'T2'],
    ]);
    expect(new Set(stops.map(stopKey)).size).toBe(stops.length);
    // One of the two picked: the stop asks for the one left, still once.
    const onePicked = [
      {
        ...cart[0]!,
        doc: order(1, [
          ['MUG', 2, 1],
          ['TEE', 1, 1],
        ]),
      },
      cart[1]!,
    ];
    expect(pickPath(onePicked, oneMug, new Set()).map((s) => [s.quantity, s.tote])).toEqual([
      [1, 'T1'],
      [1, 'T2'],
    ]);
  });

  it('sends units no bin lists to a stop without a bin, last', () => {
    const stops = pickPath(
      [
        {
          doc: order(1, [
            ['CAP', 1],
            ['TEE', 1],
          ]),
          tote: 'T1',
        },
      ],
      bins,
      new Set(),
    );
    expect(stops.map((s) => [s.bin?.code ?? null, s.sku])).toEqual([
      ['A-01-1-1-A', 'TEE'],
      [null, 'CAP'],
    ]);
  });

  it('prints as a pick list in the same order', () => {
    const cart = [
      {
        doc: order(1, [
          ['MUG', 2],
          ['TEE', 1],
        ]),
        tote: 'T1',
      },
    ];
    const stops = pickPath(cart, bins, new Set());
    const data = pickListOf({ cart: [], needsTote: null, stops }, 'Pat', new Date('2026-12-04T10:11:12Z'))!;
    expect(PickListData.parse(data).lines.map((l) => [l.location, l.walkOrder])).toEqual([
      ['A-01-1-1-A', 0],
      ['A-01-2-1-A', 1],
    ]);
    expect(data.pickListId).toBe('PL-20261204101112');
  });

  it('prints each pick once when a bin lists fewer than the line needs', () => {
    const cart = [{ doc: order(1, [['MUG', 3]]), tote: 'T1' }];
    const stops = pickPath(cart, [bin(9, 90, [['MUG', 1]])], new Set());
    const data = pickListOf({ cart: [], needsTote: null, stops }, undefined)!;
    expect(data.lines.map((l) => [l.location, l.quantity, l.sku])).toEqual([['A-01-9-1-A', 3, 'MUG']]);
  });
});
