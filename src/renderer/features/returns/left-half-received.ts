import type { ReturnDocument } from '../../../shared/api/returns';
import { plural } from '../../../shared/words/plural';

/**
 * Said when the clerk opens another RMA while the last one has units received and is not
 * completed: its events are kept, but its box must not be mixed with the next one's units.
 * Empty when nothing of the last return is in hand.
 */
export function leftHalfReceivedNote(previous: Pick<ReturnDocument, 'number' | 'status' | 'lines'> | null | undefined): string {
  if (!previous || previous.status === 'completed' || previous.status === 'cancelled' || previous.status === 'rejected') return '';
  const received = previous.lines.reduce((n, l) => n + l.receivedQuantity, 0);
  if (received <= 0) return '';
  return ` ${previous.number} is left half-received (${plural(received, 'unit')} received, not completed): keep its box together, scan ${previous.number} to go back to it.`;
}
