import { describe, expect, it } from 'vitest';
import type { ReturnDocument } from '../../../shared/api/returns';
import { PrintRequest } from '../../../shared/contract/printing';
import { putAwayCartonRequest, restockedUnits, returnReceiptRequest } from './return-prints';

const PRINTER = crypto.randomUUID();
const shipFrom = { name: 'Dockside', line1: '10 Harbour Rd', city: 'Portsmouth', postalCode: 'PO1 3LJ', country: 'GB' };
const unit = (disposition: 'restock' | 'quarantine') => ({
  condition: 'good' as const,
  disposition,
  notes: null,
  serial: null,
  inspectedAt: '2026-12-04T10:00:00.000Z',
  inspectedBy: 'Rita',
});
const line = (sku: string, barcode: string | null, quantity: number, received: number, units: ReturnType<typeof unit>[] = []) => ({
  id: crypto.randomUUID(),
  orderLineId: crypto.randomUUID(),
  sku,
  barcode,
  name: `Name of ${sku}`,
  quantity,
  receivedQuantity: received,
  reasonCode: 'size_fit' as const,
  reasonNote: null,
  exchange: null,
  units,
});
const rma = (lines: ReturnType<typeof line>[]) =>
  ({ number: 'RMA-20261204-0001', orderNumber: 'ORD-20261201-00009', customerName: 'Ada Lovelace', lines }) as unknown as ReturnDocument;

describe('returns desk prints', () => {
  it('prints a receipt only where a printer is routed for it, with received against expected', () => {
    const doc = rma([line('SKU-MUG', '5012345678900', 2, 1)]);
    expect(returnReceiptRequest(doc, { routes: {}, shipFrom }, 'Rita', new Date())).toBeNull();
    const req = returnReceiptRequest(doc, { routes: { 'return-receipt': PRINTER }, shipFrom }, 'Rita', new Date('2026-12-04T10:02:00Z'))!;
    const parsed = PrintRequest.parse(req);
    expect(parsed).toMatchObject({
      template: 'return-receipt',
      data: { rmaNumber: 'RMA-20261204-0001', receivedBy: 'Rita', receivedAt: '2026-12-04 10:02', lines: [{ expected: 2, received: 1 }] },
    });
  });

  it('labels the put-away carton with its product and count when one product goes back to stock', () => {
    const doc = rma([line('SKU-MUG', '5012345678900', 3, 3, [unit('restock'), unit('restock'), unit('quarantine')])]);
    expect(restockedUnits(doc)).toEqual([{ sku: 'SKU-MUG', barcode: '5012345678900', count: 2 }]);
    const req = putAwayCartonRequest(doc, { routes: { 'sscc-label': PRINTER }, shipFrom }, crypto.randomUUID())!;
    expect(PrintRequest.parse(req)).toMatchObject({
      template: 'sscc-label',
      data: { orderNumber: 'RMA-20261204-0001', contents: { gtin: '05012345678900', count: 2 }, shipTo: shipFrom },
    });
  });

  it('labels mixed stock without contents, and prints nothing when nothing goes back, nothing is routed or the address is missing', () => {
    const mixed = rma([line('A', '5012345678900', 1, 1, [unit('restock')]), line('B', null, 1, 1, [unit('restock')])]);
    const req = putAwayCartonRequest(mixed, { routes: { 'sscc-label': PRINTER }, shipFrom }, crypto.randomUUID())!;
    expect(PrintRequest.parse(req).data).not.toHaveProperty('contents');
    const none = rma([line('A', null, 1, 1, [unit('quarantine')])]);
    expect(putAwayCartonRequest(none, { routes: { 'sscc-label': PRINTER }, shipFrom }, crypto.randomUUID())).toBeNull();
    expect(putAwayCartonRequest(mixed, { routes: {}, shipFrom }, crypto.randomUUID())).toBeNull();
    expect(putAwayCartonRequest(mixed, { routes: { 'sscc-label': PRINTER }, shipFrom: null }, crypto.randomUUID())).toBeNull();
  });
});
