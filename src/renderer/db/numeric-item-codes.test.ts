import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { afterEach, describe, expect, it } from 'vitest';
import { numericItemCodes } from './numeric-item-codes';
import { openStationDatabase, type StationDatabase } from './station-database';

let db: StationDatabase | null = null;
afterEach(async () => {
  await db?.close();
  db = null;
});

describe('numeric item codes', () => {
  it('remembers the pulled orders’ codes a scanner would take for misread GTINs, and still knows them after a reload', async () => {
    const storage = wrappedValidateAjvStorage({ storage: getRxStorageMemory() });
    const name = `codes-${crypto.randomUUID().slice(0, 8)}`;
    db = await openStationDatabase(name, storage, { withBins: false });
    const codes = await numericItemCodes(db);
    await codes.remember([
      // A UPC-A's length whose check digit fails (the warehouse's own), a real EAN-13, a text SKU, a short number.
      {
        lines: [
          { sku: '100000000001', barcode: '5012345678900' },
          { sku: 'SKU-MUG', barcode: '20000001' },
        ],
      },
      { lines: [{ sku: '12345', barcode: null }] },
      {}, // a tombstone: no lines
    ]);
    expect(['100000000001', '20000001', '5012345678900', 'SKU-MUG', '12345'].map(codes.has)).toEqual([true, true, false, false, false]);

    await db.close();
    db = await openStationDatabase(name, storage, { withBins: false });
    const reloaded = await numericItemCodes(db);
    expect(['100000000001', '20000001', '5012345678900'].map(reloaded.has)).toEqual([true, true, false]);
  });
});
