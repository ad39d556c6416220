import type { FulfillmentDocument, FulfillmentLine } from '../fulfillment-document';

// Fixed ids for the reducer tests: readable in a failure message, valid UUIDs for the schemas.
export const STATION = '11111111-1111-4111-8111-111111111111';
export const OTHER_STATION = '22222222-2222-4222-8222-222222222222';
export const LINE_A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
export const LINE_B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

/** A line nothing has happened to yet. */
export function freshLine(
  lineId: string,
  sku: string,
  barcode: string,
  name: string,
  quantity: number,
  extra: Partial<FulfillmentLine> = {},
): FulfillmentLine {
  return { lineId, sku, barcode, name, quantity, verified: 0, packed: 0, shipped: 0, ...extra };
}

/** A fulfillment order of two lines (2 × Mug, 1 × Tee), open in the pool unless overridden. */
export function fulfillmentDoc(overrides: Partial<FulfillmentDocument> = {}): FulfillmentDocument {
  return {
    id: 'dddddddd-dddd-4ddd-8ddd-dddddddddddd',
    orderId: 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee',
    orderNumber: 'ORD-20261122-00001',
    warehouseId: 'ffffffff-ffff-4fff-8fff-ffffffffffff',
    status: 'open',
    holds: [],
    claimedBy: null,
    customerName: 'Ada',
    shipTo: { name: 'Ada', line1: '1 Road', city: 'London', country: 'GB' },
    lines: [freshLine(LINE_A, 'A', '111', 'Mug', 2), freshLine(LINE_B, 'B', '222', 'Tee', 1)],
    packages: [],
    appliedSeq: {},
    version: 1,
    createdAt: '2026-11-22T08:00:00.000Z',
    updatedAt: '2026-11-22T08:00:00.000Z',
    ...overrides,
  };
}
