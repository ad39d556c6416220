import type { FulfillmentDocument } from '../../../shared/sync/fulfillment-document';
import type { StationRuntime } from '../../app/station-runtime';
import { useStation } from '../../app/station-store';
import { StationCallError } from '../../station-client/index';

/**
 * Runs Ship with this device's turn at the order (main's ship-turns.ts): another screen of the
 * station may be shipping it, or have shipped a box this screen's copy does not show yet. Refused,
 * the packer hears why with the error sound, and no package is made and nothing prints.
 */
export async function withShipTurn(rt: StationRuntime, doc: FulfillmentDocument, ship: () => Promise<void>): Promise<void> {
  const say = useStation.getState().say;
  const request = { fulfillmentOrderId: doc.id, orderNumber: doc.orderNumber, packageIds: doc.packages.map((p) => p.id) };
  let turn;
  try {
    turn = await rt.client.call('shipping.take-turn', request);
  } catch (err) {
    return say('error', `Not shipped: ${err instanceof StationCallError ? err.message : (err as Error).message}`);
  }
  if (!turn.granted) return say('error', turn.message);
  try {
    await ship();
  } finally {
    // Unreachable main: the turn lapses there by itself.
    await rt.client.call('shipping.end-turn', { fulfillmentOrderId: doc.id }).catch(() => undefined);
  }
}
