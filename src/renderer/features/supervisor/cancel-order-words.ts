import { plural } from '../../../shared/words/plural';

/**
 * What the supervisor is asked before cancelling a customer's order: which order, what becomes of
 * its units (back to stock, or written off when they were picked and cannot be sold), and that it is final.
 */
export function cancelOrderQuestion(fo: { orderNumber: string; customerName: string; units: number }, restock: boolean): string {
  const units = `${plural(fo.units, 'unit')} ${fo.units === 1 ? 'goes' : 'go'}`;
  const where = restock ? `${units} back to stock` : `${plural(fo.units, 'unit')} ${fo.units === 1 ? 'is' : 'are'} written off`;
  return `Cancel ${fo.orderNumber} for ${fo.customerName}? Its ${where}, and what was paid is refunded. This cannot be undone.`;
}
