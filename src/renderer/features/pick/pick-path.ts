import type { BinLocationDocument } from '../../../shared/sync/bin-location-document';
import type { FulfillmentDocument } from '../../../shared/sync/fulfillment-document';
import { toPickOf } from '../../../shared/sync/pick-reducer';

/** One stop of a pick path: go to a bin, take units of one line of one order, put them in its tote. */
export interface PickStop {
  fulfillmentOrderId: string;
  orderNumber: string;
  lineId: string;
  sku: string;
  name: string;
  barcode: string | null;
  quantity: number;
  /** Null when no bin of the warehouse lists the SKU: the picker can only report it short. */
  bin: Pick<BinLocationDocument, 'id' | 'code' | 'barcode' | 'walkOrder'> | null;
  tote: string;
}

export interface CartOrder {
  doc: FulfillmentDocument;
  tote: string;
}

/**
 * Names a stop on screen (row and short-pick form keys). Unique on a path: pickPath makes one
 * stop per line per bin, so a repeated key cannot leave a done row on screen.
 */
export const stopKey = (s: PickStop): string => `${s.fulfillmentOrderId}/${s.lineId}/${s.bin?.id ?? ''}`;

/** `binId/sku`: a bin the picker found short of a SKU; the path sends nobody there for it again. */
export const emptiedKey = (binId: string, sku: string) => `${binId}/${sku}`;

/**
 * The cart's path in walk order: each order's units still to pick, taken from the bins that hold
 * their SKU (lowest walk order first, the cart's orders sharing a bin's units), so one walk serves
 * every tote. Units no bin is known to hold go to the first bin listing the SKU not yet found short
 * (the picker checks it, and reports it short), or to a stop without a bin. A line has one stop
 * per bin: units sent to a bin it already takes from add to that stop (one row, one bin scan).
 */
export function pickPath(cart: readonly CartOrder[], bins: readonly BinLocationDocument[], emptied: ReadonlySet<string>): PickStop[] {
  const walk = [...bins].sort((a, b) => a.walkOrder - b.walkOrder || a.code.localeCompare(b.code));
  const left = new Map<string, number>();
  for (const b of walk) for (const s of b.stock) left.set(emptiedKey(b.id, s.sku), emptied.has(emptiedKey(b.id, s.sku)) ? 0 : s.quantity);
  const stops: (PickStop & { cartIndex: number })[] = [];
  cart.forEach(({ doc, tote }, cartIndex) => {
    for (const line of doc.lines) {
      let need = toPickOf(line);
      if (need <= 0) continue;
      const ofLine = new Map<string, PickStop>();
      const stop = (bin: BinLocationDocument | null, quantity: number) => {
        const same = ofLine.get(bin?.id ?? '');
        if (same) return void (same.quantity += quantity);
        const added = {
          fulfillmentOrderId: doc.id,
          orderNumber: doc.orderNumber,
          lineId: line.lineId,
          sku: line.sku,
          name: line.name,
          barcode: line.barcode,
          quantity,
          bin: bin && { id: bin.id, code: bin.code, barcode: bin.barcode, walkOrder: bin.walkOrder },
          tote,
          cartIndex,
        };
        ofLine.set(bin?.id ?? '', added);
        stops.push(added);
      };
      const holding = walk.filter((b) => b.stock.some((s) => s.sku === line.sku));
      for (const bin of holding) {
        const key = emptiedKey(bin.id, line.sku);
        const take = Math.min(need, left.get(key) ?? 0);
        if (take <= 0) continue;
        left.set(key, (left.get(key) ?? 0) - take);
        need -= take;
        stop(bin, take);
        if (!need) break;
      }
      if (need > 0) stop(holding.find((b) => !emptied.has(emptiedKey(b.id, line.sku))) ?? holding[0] ?? null, need);
    }
  });
  const walkOf = (s: PickStop) => s.bin?.walkOrder ?? Number.MAX_SAFE_INTEGER;
  return stops
    .sort((a, b) => walkOf(a) - walkOf(b) || (a.bin?.code ?? '').localeCompare(b.bin?.code ?? '') || a.cartIndex - b.cartIndex)
    .map(({ cartIndex: _, ...s }) => s);
}
