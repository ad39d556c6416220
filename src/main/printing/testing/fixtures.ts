import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PrinterConfig, StationSettings } from '../../../shared/contract/settings';
import type { PackingSlipData, PickListData, ReturnLabelData, ShippingLabelData, SsccLabelData } from '../../../shared/labels/label-data';

/** Test data shared by the printing tests. */
export function tempDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'dockside-print-'));
}

export function tcpPrinter(port: number, overrides: Partial<PrinterConfig> = {}): PrinterConfig {
  return {
    id: randomUUID(),
    name: 'Zebra ZD421 (test)',
    language: 'zpl',
    dpi: 203,
    connection: { kind: 'tcp', host: '127.0.0.1', port },
    ...overrides,
  };
}

export function stationSettings(printers: PrinterConfig[], routes: StationSettings['routes'] = {}): StationSettings {
  return {
    printers,
    routes,
    sscc: { extensionDigit: 3, companyPrefix: '0614141' },
    shipFrom: { name: 'Dockside Warehouse', line1: '10 Harbour Rd', city: 'Portsmouth', postalCode: 'PO1 3LJ', country: 'GB' },
    scanner: { maxInterKeyMs: 35, minLength: 4 },
    idleSignOutMinutes: 15,
    locale: null,
    timeZone: null,
  };
}

export function shippingData(overrides: Partial<ShippingLabelData> = {}): ShippingLabelData {
  return {
    orderNumber: 'DS-20250314-00042',
    packageId: randomUUID(),
    packageIndex: 1,
    packageCount: 2,
    shipTo: {
      name: 'Grace Hopper',
      company: 'Navy Yard',
      line1: '1 Main St',
      line2: 'Suite 5',
      city: 'Arlington',
      region: 'VA',
      postalCode: '22201',
      country: 'US',
    },
    shipFrom: { name: 'Dockside Warehouse', line1: '10 Harbour Rd', city: 'Portsmouth', postalCode: 'PO1 3LJ', country: 'GB' },
    carrier: 'UPS',
    service: 'Ground',
    trackingNumber: '1Z999AA10123456784',
    weightGrams: 1250,
    ...overrides,
  };
}

export const LABEL_CONTEXT = {
  printedAt: '2025-03-14T09:30:00.000Z',
  printer: { name: 'Test printer', dpi: 203, language: 'zpl' },
};

export function packingSlipData(lineCount: number, overrides: Partial<PackingSlipData> = {}): PackingSlipData {
  return {
    orderNumber: 'DS-20250314-00042',
    orderDate: '2025-03-13',
    shipTo: { name: 'Jürgen Müller', line1: 'Hauptstraße 5', city: 'München', postalCode: '80331', country: 'DE' },
    shipFrom: { name: 'Dockside Warehouse', line1: '10 Harbour Rd', city: 'Portsmouth', postalCode: 'PO1 3LJ', country: 'GB' },
    lines: Array.from({ length: lineCount }, (_, i) => ({ sku: `SKU-${1000 + i}`, name: `Widget number ${i + 1}`, quantity: (i % 3) + 1 })),
    packageIndex: 1,
    packageCount: 1,
    returnUrl: 'https://returns.dockside.invalid/r/DS-20250314-00042',
    ...overrides,
  };
}

export function ssccLabelData(overrides: Partial<SsccLabelData> = {}): SsccLabelData {
  return {
    orderNumber: 'DS-20250314-00042',
    packageId: randomUUID(),
    packageIndex: 2,
    packageCount: 3,
    shipTo: { name: 'Grace Hopper', line1: '1 Main St', city: 'Arlington', region: 'VA', postalCode: '22201', country: 'US' },
    shipFrom: { name: 'Dockside Warehouse', line1: '10 Harbour Rd', city: 'Portsmouth', postalCode: 'PO1 3LJ', country: 'GB' },
    carrier: 'DHL',
    contents: { gtin: '09506000134352', count: 24 },
    weightGrams: 12_340,
    ...overrides,
  };
}

export function returnLabelData(overrides: Partial<ReturnLabelData> = {}): ReturnLabelData {
  return {
    rmaNumber: 'RMA-2025-000917',
    orderNumber: 'DS-20250314-00042',
    from: { name: 'Grace Hopper', line1: '1 Main St', city: 'Arlington', region: 'VA', postalCode: '22201', country: 'US' },
    returnTo: { name: 'Dockside Returns', line1: '10 Harbour Rd', city: 'Portsmouth', postalCode: 'PO1 3LJ', country: 'GB' },
    reason: 'Wrong size',
    carrier: 'Royal Mail',
    trackingNumber: null,
    lines: [{ sku: 'SKU-1000', name: 'Widget', quantity: 1 }],
    ...overrides,
  };
}

export function pickListData(lineCount: number): PickListData {
  return {
    pickListId: 'PL-20250314-0007',
    picker: 'Sam',
    lines: Array.from({ length: lineCount }, (_, i) => ({
      location: `A-${String(lineCount - i).padStart(2, '0')}-1`,
      sku: `SKU-${i}`,
      name: `Item ${i}`,
      quantity: 1 + (i % 4),
      orderNumber: `DS-${i}`,
    })),
  };
}

export { WORLD_ADDRESSES } from '../../../shared/labels/testing/world-addresses';
