import type { ReturnDocument } from '../../../shared/api/returns';
import type { StationSettings } from '../../../shared/contract/index';
import type { PrintRequestInput } from '../../../shared/contract/printing';
import { isValidGs1Number } from '../../../shared/domain/gs1';

type Routes = Pick<StationSettings, 'routes' | 'shipFrom'>;

/** The returns desk's receipt for a box, when a printer is routed for it: the RMA and what arrived. */
export function returnReceiptRequest(doc: ReturnDocument, settings: Routes, clerk: string | null, at: Date): PrintRequestInput | null {
  if (!settings.routes['return-receipt']) return null;
  const lines = doc.lines.map((l) => ({ sku: l.sku, name: l.name, expected: l.quantity, received: l.receivedQuantity }));
  if (!lines.length) return null;
  return {
    template: 'return-receipt',
    data: {
      rmaNumber: doc.number,
      orderNumber: doc.orderNumber,
      receivedAt: at.toISOString().slice(0, 16).replace('T', ' '),
      ...(clerk ? { receivedBy: clerk } : {}),
      customer: doc.customerName.slice(0, 200),
      lines,
    },
  };
}

/** Units graded back to stock, per line. */
export function restockedUnits(doc: ReturnDocument): { sku: string; barcode: string | null; count: number }[] {
  return doc.lines
    .map((l) => ({ sku: l.sku, barcode: l.barcode, count: l.units.filter((u) => u.disposition === 'restock').length }))
    .filter((l) => l.count > 0);
}

/** A GTIN-14 for AI 02 from a product barcode (EAN-13, UPC-A, GTIN-14), or null. */
function gtin14(barcode: string | null): string | null {
  const gtin = barcode && /^(\d{12}|\d{13}|\d{14})$/.test(barcode) ? barcode.padStart(14, '0') : null;
  return gtin && isValidGs1Number(gtin) ? gtin : null;
}

/**
 * The SSCC carton label for the stock of one return going back on the shelves, when a printer is
 * routed for SSCC labels and the station has its address (the carton stays here). A carton of one
 * product says which (AI 02) and how many (AI 37); mixed stock carries the SSCC and the RMA alone.
 */
export function putAwayCartonRequest(doc: ReturnDocument, settings: Routes, cartonId: string): PrintRequestInput | null {
  const restock = restockedUnits(doc);
  if (!restock.length || !settings.routes['sscc-label'] || !settings.shipFrom) return null;
  const only = restock.length === 1 ? restock[0]! : null;
  const gtin = only ? gtin14(only.barcode) : null;
  return {
    template: 'sscc-label',
    data: {
      orderNumber: doc.number,
      packageId: cartonId,
      shipTo: settings.shipFrom,
      ...(gtin && only ? { contents: { gtin, count: only.count } } : {}),
    },
  };
}
