import type { StationView } from '../../../shared/sync/fold-view';
import { useStation } from '../../app/station-store';
import type { OpenOrderView } from './open-order-view';

/** One line of the open order: what the order wants of it and the most units ever scanned for it here. */
export interface LineWanted {
  sku: string;
  name: string;
  wanted: number;
  scanned: number;
}

/**
 * Each line's units as the server wants them (this station's own short picks added back: the
 * picker knows of those) and as scanned in this view. A line the server took off entirely is absent.
 */
export function linesWanted(view: StationView): Map<string, LineWanted> {
  const refused = new Set(view.refused.map((r) => r.event));
  const shortedHere = new Map<string, number>();
  for (const e of view.pending)
    if (e.type === 'pick-shorted' && !refused.has(e))
      shortedHere.set(e.payload.lineId, (shortedHere.get(e.payload.lineId) ?? 0) + e.payload.shortQuantity);
  return new Map(
    view.doc.lines.map((l) => [
      l.lineId,
      { sku: l.sku, name: l.name, wanted: l.quantity + (shortedHere.get(l.lineId) ?? 0), scanned: l.verified },
    ]),
  );
}

/**
 * What the packer is told when the order open here now wants fewer units of some lines than
 * before (the office cancelled them), or null when no line wants fewer. Units scanned beyond what
 * is wanted now go back: `scanned` is the most ever scanned, because scans the server refused
 * drop out of the view (the packer still holds those units).
 */
export function fewerWantedMessage(
  orderNumber: string,
  before: ReadonlyMap<string, LineWanted>,
  after: ReadonlyMap<string, LineWanted>,
): string | null {
  const said: string[] = [];
  for (const [lineId, was] of before) {
    const now = after.get(lineId);
    const wanted = now?.wanted ?? 0;
    if (wanted >= was.wanted) continue;
    const fewer = was.wanted - wanted;
    const scanned = Math.max(was.scanned, now?.scanned ?? 0);
    const item = `${was.name} (${was.sku})`;
    const change = wanted === 0 ? `no longer wants ${item} (${fewer} fewer)` : `now wants ${wanted} ${item}, ${fewer} fewer`;
    const extra = scanned - wanted;
    const todo = extra > 0 ? `: ${scanned} scanned, put ${extra} back` : ` (${scanned} scanned)`;
    said.push(`${orderNumber} ${change}${todo}.`);
  }
  return said.length ? said.join(' ') : null;
}

/**
 * Watches the open order while it is held here: a line that now wants fewer units (a partial
 * cancel pulled from the server) is said with the error sound, with what to put back. An order
 * cancelled outright or moved away is said by open-order-taken-away.ts instead. Answers the unsubscribe.
 */
export function watchFewerWanted(openView: OpenOrderView, stationId: string): () => void {
  let seen: { id: string; lines: Map<string, LineWanted> } | null = null;
  return openView.subscribe(() => {
    const { id, view } = openView.snapshot();
    // Closed on screen (taken away, shipped): scans counted here before do not count if it comes back.
    if (!id) seen = null;
    if (!id || !view) return;
    const now = linesWanted(view);
    const before = seen?.id === id ? seen.lines : null;
    // The most scanned stays: a scan refused later (the server had cancelled its unit) is still in the packer's hands.
    for (const [lineId, line] of now) line.scanned = Math.max(line.scanned, before?.get(lineId)?.scanned ?? 0);
    seen = { id, lines: now };
    const doc = view.doc;
    // Still this station's (closed: what is left of it has shipped); taken away, open-order-taken-away.ts says so.
    const ours = doc.claimedBy === stationId && (doc.status === 'in_progress' || doc.status === 'closed');
    if (!before || !ours) return;
    const message = fewerWantedMessage(doc.orderNumber, before, now);
    if (message && useStation.getState().openFulfillmentOrderId === id) useStation.getState().say('error', message);
  });
}
