import { checkTransition } from '../domain/state-machine';
import { fulfillmentMachine } from '../domain/fulfillment-status';
import type { ItemPicked, PickShorted } from '../events/station-events';
import type { z } from 'zod';
import { unitsOf, type FulfillmentDocument, type FulfillmentLine } from './fulfillment-document';

type Refusal = { ok: false; code: string; message: string };
type Folded = { ok: true; doc: FulfillmentDocument } | Refusal;
const refuse = (code: string, message: string): Refusal => ({ ok: false, code, message });

export const pickedOf = (line: FulfillmentLine): number => line.picked ?? 0;
/** Units of a line still to take from a bin. */
export const toPickOf = (line: FulfillmentLine): number => Math.max(0, line.quantity - pickedOf(line));

/**
 * Folds a pick into `next` (a copy the caller owns; the order is workable by this station). A
 * unit too many is refused like an over-scan at packing: the picker is told before it is recorded.
 */
export function foldItemPicked(next: FulfillmentDocument, event: z.infer<typeof ItemPicked>): Folded {
  const line = next.lines.find((l) => l.lineId === event.payload.lineId);
  if (!line) return refuse('line_not_in_fulfillment_order', 'this item is not on the order');
  if (event.payload.quantity > toPickOf(line)) {
    return refuse('line_over_picked', `${line.sku}: all ${line.quantity} already picked`);
  }
  line.picked = pickedOf(line) + event.payload.quantity;
  if (!(line.totes ?? []).includes(event.payload.tote)) line.totes = [...(line.totes ?? []), event.payload.tote];
  return { ok: true, doc: next };
}

/**
 * A short pick: the missing units leave this fulfillment order (the server re-routes or
 * backorders them). Units already picked or scanned at packing cannot be missing. With nothing
 * left to ship the order is done: closed if some of it shipped, else incomplete (its work moved).
 */
export function foldPickShorted(next: FulfillmentDocument, event: z.infer<typeof PickShorted>): Folded {
  const line = next.lines.find((l) => l.lineId === event.payload.lineId);
  if (!line) return refuse('line_not_in_fulfillment_order', 'this item is not on the order');
  const started = Math.max(pickedOf(line), line.verified, line.packed, line.shipped);
  if (event.payload.shortQuantity > line.quantity - started) {
    return refuse('line_over_shorted', `${line.sku}: only ${line.quantity - started} units are still to pick`);
  }
  line.quantity -= event.payload.shortQuantity;
  line.shorted = (line.shorted ?? 0) + event.payload.shortQuantity;
  if (unitsOf(next, 'shipped') >= unitsOf(next, 'quantity')) {
    const to = unitsOf(next, 'shipped') > 0 ? 'closed' : 'incomplete';
    const t = checkTransition(fulfillmentMachine, next.status, to, {
      unshippedUnits: 0,
      stationId: event.stationId,
      claimedByStationId: next.claimedBy,
    });
    if (t.ok) next.status = to;
  }
  return { ok: true, doc: next };
}
