import { plural } from '../../../shared/words/plural';
import { itemWords } from '../../../shared/words/order-words';
import type { StationEvent } from '../../../shared/events/station-events';
import type { OutboxState } from '../../db/schemas';

/** What the station knows of an event's subject: its order or RMA number and its lines' names. */
export interface EventSubject {
  number: string;
  lines: readonly { id: string; name: string; sku: string }[];
}

export interface EventOutcome {
  state: OutboxState;
  outcomeCode?: string | null;
  outcomeMessage?: string | null;
}

const words = (s: string) => s.replace(/_/g, ' ');

const itemName = (subject: EventSubject | null, lineId: string) => itemWords(subject?.lines, lineId);

/** What happened, as a person says it: "scanned 1 × Enamel mug (SKU-MUG) on ORD-1001". */
const kilograms = (grams: number) => `${(grams / 1000).toFixed(2)} kg`;

export function whatHappened(event: StationEvent, subject: EventSubject | null, weight: (grams: number) => string = kilograms): string {
  const order = subject?.number ?? 'an order';
  const rma = subject?.number ?? 'a return';
  switch (event.type) {
    case 'fulfillment-order-claimed':
      return `took ${order} to pack at this station`;
    case 'item-picked':
      return `picked ${event.payload.quantity} × ${itemName(subject, event.payload.lineId)} of ${order} from bin ${event.payload.binCode} into tote ${event.payload.tote}`;
    case 'pick-shorted':
      return `found bin ${event.payload.binCode} short by ${plural(event.payload.shortQuantity, 'unit')} of ${itemName(subject, event.payload.lineId)} for ${order}`;
    case 'item-verified':
      return `scanned ${event.payload.quantity} × ${itemName(subject, event.payload.lineId)} on ${order}`;
    case 'package-created': {
      const units = event.payload.contents.reduce((n, c) => n + c.quantity, 0);
      const weighs = event.payload.weightGrams === null ? '' : `, ${weight(event.payload.weightGrams)}`;
      return `packed ${plural(units, 'unit')} of ${order} in a package${weighs}`;
    }
    case 'label-printed':
      return `printed the shipping label for a package of ${order}${event.payload.sscc ? ` (SSCC ${event.payload.sscc})` : ''}`;
    case 'package-shipped':
      return `shipped a package of ${order}`;
    case 'package-voided':
      return `unpacked a package of ${order} (${event.payload.reason}): its items are to be packed again`;
    case 'return-units-received': {
      const units = event.payload.lines.reduce((n, l) => n + l.quantity, 0);
      const got = event.payload.lines.map((l) => `${l.quantity} × ${itemName(subject, l.returnLineId)}`).join(', ');
      if (units === 0) return `closed receiving of ${rma}: nothing more in the box`;
      return `received ${got} of ${rma}${event.payload.final ? ' and closed receiving' : ''}`;
    }
    case 'return-unit-inspected':
      return `graded a unit of ${itemName(subject, event.payload.returnLineId)} on ${rma} as ${words(event.payload.condition)}: ${words(event.payload.disposition)}`;
    case 'return-unit-regraded': {
      const { previous, grade } = event.payload;
      return `changed the grade of unit ${event.payload.unit} of ${itemName(subject, event.payload.returnLineId)} on ${rma} from ${words(previous.condition)}: ${words(previous.disposition)} to ${words(grade.condition)}: ${words(grade.disposition)}`;
    }
    case 'return-inspection-completed':
      return `completed the inspection of ${rma} and released the refund`;
  }
}

/** What the server made of it, in words: the server's message names the order and why. */
export function outcomeOf(e: EventOutcome): string {
  const why = e.outcomeMessage ? `: ${e.outcomeMessage}` : '';
  switch (e.state) {
    case 'pending':
      return 'Waiting to go to the server.';
    case 'applied':
      return 'Recorded on the server.';
    case 'conflicted':
      return `Recorded on the server as a conflict for a supervisor${why}.`;
    // The code is for support (the Activity screen's tooltip), not the sentence.
    case 'rejected':
      return `Set aside: the server refused it${why}.`;
  }
}

/** "Priya Packer scanned 1 × Enamel mug (SKU-MUG) on ORD-1001 at 10:42." The time (and weights) are formatted by the caller. */
export function eventSentence(event: StationEvent, subject: EventSubject | null, when: string, weight?: (grams: number) => string): string {
  const who = event.actor.kind === 'user' ? (event.actor.name ?? 'Someone') : 'This station';
  return `${who} ${whatHappened(event, subject, weight)} at ${when}.`;
}
