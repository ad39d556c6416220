import { holdReasonsText } from '../../../shared/domain/fulfillment-status';
import { classifyScanCode } from '../../../shared/domain/scan-code';
import { holderOf } from '../../../shared/sync/fulfillment-lease';
import type { FulfillmentDocument } from '../../../shared/sync/fulfillment-document';
import { orderEnded } from '../../../shared/sync/package-moves';
import type { StationRuntime } from '../../app/station-runtime';
import { useStation } from '../../app/station-store';
import { DEFAULT_SCAN_CODE_RULES } from '../../scanner/wedge-config';
import { howItEnded } from './ended-orders';

/**
 * What the packer is told of a tote that holds picked units of an order this station no longer
 * holds (a supervisor moved it, took it back to the pool or held it; it was cancelled): which
 * order, where it went, and what to do with the tote. Null for an order still this station's.
 */
export function toteMovedAwayMessage(tote: string, doc: FulfillmentDocument, stationId: string): string | null {
  const holds = `${tote} holds ${doc.orderNumber}, which`;
  if (orderEnded(doc)) return `${holds} ${howItEnded(doc)}: do not pack it, put its items back`;
  if (doc.status === 'on_hold') return `${holds} was put on hold (${holdReasonsText(doc.holds) || 'supervisor'}): set the tote aside`;
  if (doc.status === 'closed') return null;
  const holder = holderOf(doc);
  if (holder?.stationId === stationId) return null;
  if (holder) return `${holds} was moved to ${holder.stationName ?? 'another station'}: take the tote there, do not pack it here`;
  return `${holds} is no longer held by this station: scan ${doc.orderNumber} to take it again, or set the tote aside`;
}

/**
 * The order (as the server last said, stored here) whose picked units `tote` holds, still to pack,
 * when this station no longer holds it; null when no such order is here. Picks this station made
 * that the server refused (the order had moved meanwhile) count too: the units are in the tote.
 */
export async function orderMovedFromTote(rt: StationRuntime, tote: string): Promise<FulfillmentDocument | null> {
  const code = tote.trim();
  // An item barcode, label or order number is no tote: no need to read every order for it.
  const verdict = classifyScanCode(code, DEFAULT_SCAN_CODE_RULES);
  if (!code || (verdict.whole && verdict.kind !== 'other')) return null;
  const pickedHere = new Set(
    (await rt.db.outbox.find({ selector: { type: 'item-picked' } }).exec())
      .filter((e) => (e.toJSON() as { payload?: { tote?: string } }).payload?.tote === code)
      .map((e) => e.subjectId),
  );
  const stored = await rt.db.fulfillment_orders
    .find({ selector: { status: { $in: ['open', 'in_progress', 'on_hold', 'cancelled', 'incomplete'] } } })
    .exec();
  // Totes are reused: the order it was filled for last is the one it holds.
  const inTote = stored
    .map((d) => d.toJSON() as FulfillmentDocument)
    .filter((doc) => pickedHere.has(doc.id) || doc.lines.some((l) => l.totes?.includes(code)))
    .filter((doc) => doc.lines.some((l) => l.packed < l.quantity) && toteMovedAwayMessage(code, doc, rt.stationId))
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return inTote[0] ?? null;
}

/** Says, with the error sound, which order `tote` holds and where it went, when this station no longer holds it; false when it says nothing. */
export async function saidToteMovedAway(rt: StationRuntime, tote: string): Promise<boolean> {
  const doc = await orderMovedFromTote(rt, tote);
  const message = doc && toteMovedAwayMessage(tote.trim(), doc, rt.stationId);
  if (message) useStation.getState().say('error', message);
  return !!message;
}
