import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PrinterConfig, StationSettings } from '../../../shared/contract/settings';
import type { ShippingLabelData } from '../../../shared/labels/label-data';

/** Test data shared by the printing tests. */
export function tempDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'dockside-print-'));
}

export function tcpPrinter(port: number, overrides: Partial<PrinterConfig> = {}): PrinterConfig {
  return { id: randomUUID(), name: 'Zebra ZD421 (test)', language: 'zpl', dpi: 203, connection: { kind: 'tcp', host: '127.0.0.1', port }, ...overrides };
}

export function stationSettings(printers: PrinterConfig[], routes: StationSettings['routes'] = {}): StationSettings {
  return {
    printers,
    routes,
    sscc: { extensionDigit: 3, companyPrefix: '0614141' },
    shipFrom: { name: 'Dockside Warehouse', line1: '10 Harbour Rd', city: 'Portsmouth', postalCode: 'PO1 3LJ', country: 'GB' },
    scanner: { maxInterKeyMs: 35, minLength: 4 },
  };
}

export function shippingData(overrides: Partial<ShippingLabelData> = {}): ShippingLabelData {
  return {
    orderNumber: 'DS-20250314-00042',
    packageId: randomUUID(),
    packageIndex: 1,
    packageCount: 2,
    shipTo: { name: 'Grace Hopper', company: 'Navy Yard', line1: '1 Main St', line2: 'Suite 5', city: 'Arlington', region: 'VA', postalCode: '22201', country: 'US' },
    shipFrom: { name: 'Dockside Warehouse', line1: '10 Harbour Rd', city: 'Portsmouth', postalCode: 'PO1 3LJ', country: 'GB' },
    carrier: 'UPS',
    service: 'Ground',
    trackingNumber: '1Z999AA10123456784',
    weightGrams: 1250,
    ...overrides,
  };
}
