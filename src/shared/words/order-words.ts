import { holdReasonsText, type FulfillmentStatus } from '../domain/fulfillment-status';
import type { FulfillmentDocument } from '../sync/fulfillment-document';

/** An order's state as a sentence ends it: "ORD-1042 is …", "while the order was …". No status codes. */
const ORDER_STATE: Record<FulfillmentStatus, string> = {
  open: 'not taken by any station',
  in_progress: 'being packed',
  on_hold: 'on hold',
  closed: 'already closed',
  cancelled: 'cancelled',
  incomplete: 'moved to another warehouse',
};

/** "on hold (damaged goods)", "cancelled", "being packed at Pack 2". */
export function orderStateWords(doc: Pick<FulfillmentDocument, 'status' | 'holds' | 'lease'>): string {
  if (doc.status === 'on_hold' && doc.holds.length) return `on hold (${holdReasonsText(doc.holds)})`;
  if (doc.status === 'in_progress') return `being packed at ${doc.lease?.stationName ?? 'another station'}`;
  return ORDER_STATE[doc.status];
}

/** An order line as a person names it: "Enamel mug (SKU-MUG)", or "an item" when it is not known here. */
export function itemWords(lines: readonly { id: string; name: string; sku: string }[] | undefined, lineId: string): string {
  const line = lines?.find((l) => l.id === lineId);
  return line ? `${line.name} (${line.sku})` : 'an item';
}
