import type { CodesKnownHere } from '../../../shared/domain/not-a-lot-or-serial';
import type { BinLocationDocument } from '../../../shared/sync/bin-location-document';
import type { FulfillmentDocument } from '../../../shared/sync/fulfillment-document';
import type { StationDatabase } from '../../db/station-database';
import { productCodesOf } from '../../scanner/scanned-code';

/**
 * The codes this station can tell are not a lot or serial: the items, order numbers, totes and
 * SSCCs of every order of its warehouse it holds, and its bins. `open` is the open order as the
 * packer sees it (its scans not yet written included).
 */
export async function codesKnownHere(db: StationDatabase, open: FulfillmentDocument): Promise<CodesKnownHere> {
  const stored = (await db.fulfillment_orders.find().exec()).map((d) => d.toJSON() as FulfillmentDocument);
  // Tests open databases without the bins collection (station-database.ts).
  const binCollection = db.collections.bins as StationDatabase['bins'] | undefined;
  const bins = binCollection ? (await binCollection.find().exec()).map((b) => b.toJSON() as BinLocationDocument) : [];
  return knownCodesOf([open, ...stored], bins);
}

export function knownCodesOf(
  docs: readonly FulfillmentDocument[],
  bins: readonly Pick<BinLocationDocument, 'code' | 'barcode'>[],
): CodesKnownHere {
  const items = new Map<string, { sku: string; name: string }>();
  const lines = docs.flatMap((d) => d.lines);
  for (const l of lines) {
    const item = { sku: l.sku, name: l.name };
    items.set(l.sku, item);
    if (l.barcode) items.set(digitsKey(l.barcode), item);
  }
  return {
    itemOf: (code) => {
      const codes = productCodesOf(code);
      return codes.map((c) => items.get(c) ?? items.get(digitsKey(c))).find((i) => i !== undefined) ?? null;
    },
    orderNumbers: new Set(docs.map((d) => d.orderNumber.toUpperCase())),
    totes: new Set(lines.flatMap((l) => l.totes ?? [])),
    bins: new Set(bins.flatMap((b) => [b.code, b.barcode])),
    ssccs: new Set(docs.flatMap((d) => d.packages.flatMap((p) => (p.sscc ? [p.sscc] : [])))),
  };
}

/** A GTIN is the same item with or without its leading zeros (GTIN-14 of an EAN-13). */
const digitsKey = (code: string) => (/^\d+$/.test(code) ? code.replace(/^0+/, '') : code);
