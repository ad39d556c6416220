import type { ReturnDocument } from '../../../shared/api/returns';
import { refundOnCompletion, unitsToRefund } from '../../../shared/domain/return-refund';
import { formatMinor } from '../../../shared/labels/templates/billing-document';

/**
 * What completing a graded return does, in the desk's words. The server raises a refund request
 * only for units it refunds (unitsToRefund, the rule it uses): with none, the desk must not
 * promise one.
 */
export function completionWords(doc: Pick<ReturnDocument, 'lines' | 'number'>) {
  if (unitsToRefund(doc).length > 0)
    return {
      button: 'Complete: release the refund',
      nextStep: 'press Complete to release the refund',
      graded: `Every unit graded. Press Complete (or scan ${doc.number} again) to release the refund.`,
      completed: (online: boolean) =>
        `${doc.number} completed: the refund request goes to the server${online ? '' : ' when it is back'}. Scan the next RMA.`,
    };
  const why = doc.lines.every((l) => l.units.every((u) => u.disposition === 'return_to_customer'))
    ? 'every unit goes back to the customer'
    : 'the units kept are exchanged, not refunded';
  return {
    button: 'Complete: no refund',
    nextStep: `press Complete to close it (no refund: ${why})`,
    graded: `Every unit graded: no refund, ${why}. Press Complete (or scan ${doc.number} again) to close the return.`,
    completed: () => `${doc.number} completed with no refund: ${why}. Scan the next RMA.`,
  };
}

/**
 * The refund as grading makes it, said while the clerk grades: what the graded units pay back so
 * far, and once every unit is graded what Complete releases. Null before any unit is graded, or
 * when the return carries no prices (the desk says no figure rather than a wrong one).
 */
export function refundAmountWords(doc: Pick<ReturnDocument, 'lines' | 'currency' | 'status'>): string | null {
  const amount = refundOnCompletion(doc);
  if (amount === null || !doc.lines.some((l) => l.units.length)) return null;
  const money = `${formatMinor(amount, doc.currency)} ${doc.currency}`;
  return doc.status === 'inspected' ? `Refund on Complete: ${money}` : `Refund for the units graded so far: ${money}`;
}
