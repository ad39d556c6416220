import { describe, expect, it } from 'vitest';
import type { FulfillmentDocument } from '../../../shared/sync/fulfillment-document';
import { knownCodesOf } from './codes-known-here';

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
});
