import { isGtinFailingCheck } from '../../shared/domain/scan-code';
import { itemCodesOf } from '../scanner/codes-expected';
import type { StationDatabase } from './station-database';

/** station_meta keys of the codes kept: `item-code:` and the code (at most 14 digits, within the key's 40). */
const PREFIX = 'item-code:';

/**
 * The item codes of this warehouse's orders that look like misread GTINs (a warehouse's own
 * numeric SKUs of 8, 12, 13 or 14 digits): remembered from every pulled order and kept in
 * station_meta, so that after a reload too a packer who scans another order's item by such a
 * code is told it is not on this order, not to scan it again. Most warehouses have none.
 * Not the pack bench's codes-known-here.ts: that reads every stored order when first asked, and
 * the scanner's question is answered at once, as each key burst ends.
 */
export async function numericItemCodes(db: StationDatabase) {
  const kept = await db.station_meta.find({ selector: { key: { $gte: PREFIX, $lt: `${PREFIX}~` } } }).exec();
  const known = new Set(kept.map((d) => d.key.slice(PREFIX.length)));
  return {
    has: (code: string) => known.has(code),
    /** Remembers the new ones among these orders' item codes. */
    async remember(orders: readonly { lines?: readonly { sku: string; barcode?: string | null }[] }[]): Promise<void> {
      const fresh = new Set<string>();
      for (const order of orders)
        for (const code of itemCodesOf(order.lines ?? [])) if (!known.has(code) && isGtinFailingCheck(code)) fresh.add(code);
      if (!fresh.size) return;
      await db.station_meta.bulkUpsert([...fresh].map((code) => ({ key: PREFIX + code, value: 1 })));
      for (const code of fresh) known.add(code);
    },
  };
}
