import type { ReturnStationDocument } from '../../../shared/sync/return-document';
import type { StationDatabase } from '../../db/station-database';
import { itemsKnownOf, knownHere, storedItemOf } from '../pack/codes-known-here';
import { findReturn } from './find-return';

/**
 * Whether the station knows a code scanned at the returns desk as something other than a badge:
 * an item of the open return (`open`) or of another return it holds, the RMA or order number of a return it holds, or a code it
 * knows from the orders it holds and its bins (knownHere, as at packing). Such a code is named
 * when refused, and main is not asked whether it is a badge: a clerk's wrong scans would count
 * toward pausing badge checks on the device.
 */
export async function knownAtReturnsDesk(db: StationDatabase, code: string, open: ReturnStationDocument | null): Promise<boolean> {
  const text = code.trim();
  if (open && itemsKnownOf(open.lines)(text)) return true;
  if ((await findReturn(db, text)) !== null || (await itemAtReturnsDesk(db, text)) !== null) return true;
  return knownHere(db, text, null);
}

/** The item a code is, as the desk can name it: an item of a return it holds, else of an order it holds. */
export async function itemAtReturnsDesk(db: StationDatabase, code: string): Promise<{ sku: string; name: string } | null> {
  const returns = (await db.returns.find().exec()).map((r) => r.toJSON() as ReturnStationDocument);
  return itemsKnownOf(returns.flatMap((r) => r.lines))(code.trim()) ?? (await storedItemOf(db, code));
}
