import type { ReturnDocument } from '../../../shared/api/returns';
import { plural } from '../../../shared/words/plural';

/** Units authorized on the return that have not been received (yet). */
export function unitsMissing(doc: Pick<ReturnDocument, 'lines'>): number {
  return doc.lines.reduce((n, l) => n + Math.max(0, l.quantity - l.receivedQuantity), 0);
}

/**
 * The confirm button of "Nothing more in the box": it names how many units will be recorded as
 * never arrived, so closing short is a decision, not a stray tap.
 */
export function closeShortConfirmation(missing: number): string {
  return `Yes, ${plural(missing, 'unit is', 'units are')} missing`;
}
