import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { FulfillmentDocument } from '../../../shared/sync/fulfillment-document';
import type { StationDatabase } from '../../db/station-database';
import { codesKnownHere, knownCodesOf } from './codes-known-here';

const order = {
  orderNumber: 'ORD-20261205-00007',
  lines: [
    { sku: 'MUG-ENAMEL-NVY', barcode: '5012345671017', name: 'Enamel mug, navy', totes: ['TOTE-3'] },
    { sku: 'TEE-ORG-M', barcode: null, name: 'Organic tee, M' },
  ],
  packages: [{ sscc: '106141412345678908' }, { sscc: null }],
} as unknown as FulfillmentDocument;

describe('the codes a station knows from its orders and bins', () => {
  it('finds an item by barcode in any GTIN form, or by SKU', () => {
    const known = knownCodesOf([order], [{ code: 'A-01-03-2-B', barcode: 'BIN-000123' }]);
    expect(known.itemOf('5012345671017')?.sku).toBe('MUG-ENAMEL-NVY');
    expect(known.itemOf('05012345671017')?.sku).toBe('MUG-ENAMEL-NVY');
    expect(known.itemOf('(01)05012345671017')?.sku).toBe('MUG-ENAMEL-NVY');
    expect(known.itemOf('TEE-ORG-M')?.name).toBe('Organic tee, M');
    expect(known.itemOf('LOT-C3')).toBeNull();
    expect([...known.orderNumbers]).toEqual(['ORD-20261205-00007']);
    expect([...known.totes]).toEqual(['TOTE-3']);
    expect([...known.bins]).toEqual(['A-01-03-2-B', 'BIN-000123']);
    expect([...known.ssccs]).toEqual(['106141412345678908']);
  });

  it('reads the stored orders once, again only after they change, and counts the open order as it is on screen', async () => {
    const changed = new Subject<unknown>();
    let reads = 0;
    let stored = [order];
    const db = {
      collections: {},
      fulfillment_orders: {
        $: changed,
        find: () => ({ exec: async () => (reads++, stored.map((d) => ({ toJSON: () => d }))) }),
      },
    } as unknown as StationDatabase;
    const open = { ...order, orderNumber: 'ORD-20261205-00008', lines: [], packages: [] } as unknown as FulfillmentDocument;

    const first = await codesKnownHere(db, open);
    expect([...first.orderNumbers].sort()).toEqual(['ORD-20261205-00007', 'ORD-20261205-00008']);
    await codesKnownHere(db, open);
    expect(reads).toBe(1);

    stored = [{ ...order, orderNumber: 'ORD-20261205-00009' } as FulfillmentDocument];
    changed.next({});
    expect([...(await codesKnownHere(db, open)).orderNumbers].sort()).toEqual(['ORD-20261205-00008', 'ORD-20261205-00009']);
    expect(reads).toBe(2);
  });
});
