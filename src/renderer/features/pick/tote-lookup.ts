import type { StationRuntime } from '../../app/station-runtime';
import { loadView } from '../pack/fulfillment-view';

/**
 * Pick to pack: the order held here whose picked units are in `tote` and still to pack, or null.
 * Read from this station's view (picks not yet on the server included), so it works offline.
 */
export async function fulfillmentOrderInTote(rt: StationRuntime, tote: string): Promise<string | null> {
  const code = tote.trim();
  const held = await rt.db.fulfillment_orders.find({ selector: { claimedBy: rt.stationId, status: 'in_progress' } }).exec();
  for (const d of held) {
    const view = await loadView(rt.db, rt.stationId, d.id);
    if (view?.doc.lines.some((l) => l.totes?.includes(code) && l.packed < l.quantity)) return d.id;
  }
  return null;
}
