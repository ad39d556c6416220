import type { FulfillmentStationEvent } from '../events/station-events';
import type { FulfillmentDocument } from '../sync/fulfillment-document';
import { itemWords, orderStateWords } from './order-words';
import { plural } from './plural';

type Lines = { id: string; name: string; sku: string }[];
const linesOf = (doc: Pick<FulfillmentDocument, 'lines'>): Lines => doc.lines.map((l) => ({ id: l.lineId, name: l.name, sku: l.sku }));
const was = (quantity: number) => (quantity === 1 ? 'was' : 'were');

/**
 * What one station's events on one order did, in the passive ("2 × Mug (MUG-01) were scanned"):
 * scans (and picks) of one item add up, so one mistake scanned twice reads as one fact.
 */
export function eventsDone(events: readonly FulfillmentStationEvent[], lines: Lines): string {
  const facts: { key: string; quantity: number; say: (quantity: number) => string }[] = [];
  for (const e of events) {
    const counted =
      e.type === 'item-verified' || e.type === 'item-picked'
        ? { key: `${e.type}/${e.payload.lineId}`, quantity: e.payload.quantity, verb: e.type === 'item-verified' ? 'scanned' : 'picked' }
        : null;
    const same = counted && facts.find((f) => f.key === counted.key);
    if (same) same.quantity += counted.quantity;
    else if (counted) {
      const item = itemWords(lines, (e.payload as { lineId: string }).lineId);
      facts.push({ key: counted.key, quantity: counted.quantity, say: (q) => `${q} × ${item} ${was(q)} ${counted.verb}` });
    } else facts.push({ key: e.id, quantity: 1, say: () => oneDone(e, lines) });
  }
  return facts.map((f) => f.say(f.quantity)).join(', ');
}

function oneDone(e: FulfillmentStationEvent, lines: Lines): string {
  switch (e.type) {
    case 'fulfillment-order-claimed':
      return 'it was taken for packing';
    case 'pick-shorted':
      return `bin ${e.payload.binCode} was found short of ${itemWords(lines, e.payload.lineId)}`;
    case 'package-created':
      return `a package of ${plural(
        e.payload.contents.reduce((n, c) => n + c.quantity, 0),
        'unit',
      )} was packed`;
    case 'label-printed':
      return `a shipping label was printed${e.payload.sscc ? ` (SSCC ${e.payload.sscc})` : ''}`;
    case 'package-shipped':
      return 'a package was shipped';
    case 'package-voided':
      return 'a package was unpacked';
    default:
      return `${e.type.replaceAll('-', ' ')} was recorded`;
  }
}

/**
 * A station's work the server could not apply, as a supervisor reads it: which order, what was
 * done to which item, where, and why it did not fit ("ORD-1042: 1 × Mug (MUG-01) was scanned at
 * Pack 1 while the order was on hold"). The order's state says why when the refusal is about it
 * (codes fulfillment_order_*); otherwise the refusal's own words do. `why` is the refusal, or
 * its words as `conflictWhy` said them earlier.
 */
export function conflictSentence(
  events: readonly FulfillmentStationEvent[],
  doc: Pick<FulfillmentDocument, 'orderNumber' | 'status' | 'holds' | 'lease' | 'lines'>,
  stationName: string,
  why: { code: string; message: string } | string,
): string {
  const because = typeof why === 'string' ? why : conflictWhy(doc, why);
  return `${doc.orderNumber}: ${eventsDone(events, linesOf(doc))} at ${stationName}${because}`;
}

/**
 * The "why" of conflictSentence, as said when the refusal happened: kept by a task that later
 * events join, since the order's state may have moved on by then.
 */
export function conflictWhy(
  doc: Pick<FulfillmentDocument, 'status' | 'holds' | 'lease'>,
  refusal: { code: string; message: string },
): string {
  return refusal.code.startsWith('fulfillment_order_') ? ` while the order was ${orderStateWords(doc)}` : `: ${refusal.message}`;
}
