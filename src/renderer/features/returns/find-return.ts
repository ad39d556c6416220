import type { ReturnStationDocument } from '../../../shared/sync/return-document';
import type { StationDatabase } from '../../db/station-database';

/** The return a scanned code names: by its RMA number, or the order number of exactly one return ('several' for more). */
export async function findReturn(db: StationDatabase, code: string): Promise<ReturnStationDocument | 'several' | null> {
  const number = code.trim().toUpperCase();
  const byNumber = await db.returns.findOne({ selector: { number } }).exec();
  if (byNumber) return byNumber.toMutableJSON() as ReturnStationDocument;
  const byOrder = await db.returns.find({ selector: { orderNumber: number } }).exec();
  if (byOrder.length > 1) return 'several';
  return (byOrder[0]?.toMutableJSON() as ReturnStationDocument | undefined) ?? null;
}
