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
  return bothOf(knownCodesOf([open], []), await storedCodes(db));
}

/**
 * Whether the station knows a scanned code as something other than a badge: an item (barcode or
 * SKU), tote, bin or order number of the orders it holds (`open`, as the screen sees it, among
 * them). Such a code is named when refused, and is not asked of main as a badge: a wrong scan
 * would count toward pausing badge checks on the device.
 */
export async function knownHere(db: StationDatabase, code: string, open: FulfillmentDocument | null): Promise<boolean> {
  const text = code.trim();
  const known = open ? await codesKnownHere(db, open) : await storedCodes(db);
  return known.itemOf(text) !== null || known.bins.has(text) || known.totes.has(text) || known.orderNumbers.has(text.toUpperCase());
}

/** The item of the orders this station holds that a code is (its barcode or SKU), for naming it to a packer or clerk. */
export async function storedItemOf(db: StationDatabase, code: string): Promise<{ sku: string; name: string } | null> {
  return (await storedCodes(db)).itemOf(code.trim());
}

/** A refused item as staff know it: its name, then the code scanned; the code alone when the station does not know it. */
export function itemAsScanned(item: { name: string } | null, code: string): string {
  const scanned = code.trim();
  return item && item.name !== scanned ? `${item.name} (${scanned})` : scanned;
}

/**
 * What the stored orders and bins say, read once and kept until either collection changes: a
 * station holds thousands of orders, and a serial scan must not read them all each time.
 */
const kept = new WeakMap<StationDatabase, { codes: Promise<CodesKnownHere> | null }>();

function storedCodes(db: StationDatabase): Promise<CodesKnownHere> {
  let entry = kept.get(db);
  if (!entry) {
    const fresh: { codes: Promise<CodesKnownHere> | null } = { codes: null };
    kept.set(db, (entry = fresh));
    const forget = () => void (fresh.codes = null);
    db.fulfillment_orders.$.subscribe(forget);
    // Tests open databases without the bins collection (station-database.ts).
    (db.collections.bins as StationDatabase['bins'] | undefined)?.$.subscribe(forget);
  }
  return (entry.codes ??= readStoredCodes(db));
}

async function readStoredCodes(db: StationDatabase): Promise<CodesKnownHere> {
  const stored = (await db.fulfillment_orders.find().exec()).map((d) => d.toJSON() as FulfillmentDocument);
  const binCollection = db.collections.bins as StationDatabase['bins'] | undefined;
  const bins = binCollection ? (await binCollection.find().exec()).map((b) => b.toJSON() as BinLocationDocument) : [];
  return knownCodesOf(stored, bins);
}

export function knownCodesOf(
  docs: readonly FulfillmentDocument[],
  bins: readonly Pick<BinLocationDocument, 'code' | 'barcode'>[],
): CodesKnownHere {
  const lines = docs.flatMap((d) => d.lines);
  return {
    itemOf: itemsKnownOf(lines),
    orderNumbers: new Set(docs.map((d) => d.orderNumber.toUpperCase())),
    totes: new Set(lines.flatMap((l) => l.totes ?? [])),
    bins: new Set(bins.flatMap((b) => [b.code, b.barcode])),
    ssccs: new Set(docs.flatMap((d) => d.packages.flatMap((p) => (p.sscc ? [p.sscc] : [])))),
  };
}

/** An item line as any document carries it (an order's, a return's). */
type ItemLine = { sku: string; name: string; barcode?: string | null };

/**
 * The item of `lines` a code is: its SKU, or its barcode in any GTIN form (with or without leading
 * zeros, in a GS1 scan). Other screens ask it of their own lines (a return's, at the returns desk).
 */
export function itemsKnownOf(lines: readonly ItemLine[]): CodesKnownHere['itemOf'] {
  const items = new Map<string, { sku: string; name: string }>();
  for (const l of lines) {
    const item = { sku: l.sku, name: l.name };
    items.set(l.sku, item);
    if (l.barcode) items.set(digitsKey(l.barcode), item);
  }
  return (code) => {
    const codes = productCodesOf(code);
    return codes.map((c) => items.get(c) ?? items.get(digitsKey(c))).find((i) => i !== undefined) ?? null;
  };
}

/** The open order's codes first (its view may be ahead of the stored copy), then the stored ones. */
function bothOf(first: CodesKnownHere, then: CodesKnownHere): CodesKnownHere {
  const union = (a: ReadonlySet<string>, b: ReadonlySet<string>) => new Set([...a, ...b]);
  return {
    itemOf: (code) => first.itemOf(code) ?? then.itemOf(code),
    orderNumbers: union(first.orderNumbers, then.orderNumbers),
    totes: union(first.totes, then.totes),
    bins: then.bins,
    ssccs: union(first.ssccs, then.ssccs),
  };
}

/** A GTIN is the same item with or without its leading zeros (GTIN-14 of an EAN-13). */
const digitsKey = (code: string) => (/^\d+$/.test(code) ? code.replace(/^0+/, '') : code);
