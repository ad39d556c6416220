import { unitsOf, type FulfillmentDocument } from '../../../shared/sync/fulfillment-document';
import { orderEnded } from './ended-orders';

/**
 * Said when the packer opens another order while the last one has units scanned that have not
 * shipped: its scans are kept, but a box left half-packed on the bench must not go unnoticed.
 * Empty when nothing of the last order is in hand.
 */
export function leftBehindNote(previous: FulfillmentDocument | null | undefined): string {
  if (!previous || previous.status === 'closed' || orderEnded(previous)) return '';
  const inHand = unitsOf(previous, 'verified') - unitsOf(previous, 'shipped');
  if (inHand <= 0) return '';
  const units = inHand === 1 ? '1 unit' : `${inHand} units`;
  return ` ${previous.orderNumber} is left half-packed (${units} scanned, not shipped): set its items aside, scan ${previous.orderNumber} to go back to it.`;
}
