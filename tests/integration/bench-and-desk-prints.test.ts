import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startVirtualNciScale, type VirtualNciScale } from '../../src/main/scale/testing/virtual-nci-scale';
import { startVirtualPrinter, type VirtualPrinter } from '../../src/main/printing/testing/virtual-printer';
import { fileSecretStore } from '../../src/main/services/secret-store';
import { createStationServices, type StationServices } from '../../src/main/services/station-services';
import { isValidUps1z } from '../../src/shared/carriers/tracking-numbers';
import type { ClosedManifest, PrintedReturnLabel } from '../../src/shared/contract/desk-prints';
import { dispatch } from '../../src/shared/contract/dispatch';
import type { ScaleReading } from '../../src/shared/contract/index';
import type { FulfillmentDocument } from '../../src/shared/sync/fulfillment-document';
import { sampleOrder, startTestServer, type TestServer } from '../../src/server/testing/test-server';

/**
 * The bench and the desks with the real station services, a real server, a virtual ZPL printer
 * and a virtual NCI scale: the weight read through the handler contract; the day's manifest closed
 * from the station and printed through the queue; an RMA's return label numbered by the server and printed.
 */
let t: TestServer;
let services: StationServices;
let printer: VirtualPrinter;
let scale: VirtualNciScale;
let dataDir: string;
let warehouseId: string;
const HOME = { name: 'Dockside', line1: '10 Harbour Rd', city: 'Portsmouth', postalCode: 'PO1 3LJ', country: 'GB' };
const DEVICE = { deviceId: crypto.randomUUID() };
const call = <T>(name: string, arg?: unknown) => dispatch(services.handlers, name, arg, DEVICE) as Promise<T>;

beforeAll(async () => {
  t = await startTestServer();
  warehouseId = (await t.api('POST', '/v1/warehouses', { body: { code: 'BD-1', name: 'Bench DC', priority: 10, address: HOME } })).body.id;
  for (const sku of ['SKU-MUG', 'SKU-TEE']) await t.api('PUT', `/v1/inventory/${warehouseId}/${sku}`, { body: { onHand: 100 } });
  const account = (
    await t.api('POST', '/v1/carrier-accounts', {
      body: {
        warehouseId,
        carrier: 'ups',
        accountNumber: 'BD0001',
        name: 'UPS Bench',
        labelFormat: 'zpl',
        services: [{ code: '03', name: 'UPS Ground' }],
        blockSize: 10,
        lowWater: 2,
      },
    })
  ).body;
  expect(account.id).toBeTruthy();
  const registered = await t.api('POST', '/v1/stations', { body: { name: 'Bench 1', warehouseId } });
  printer = await startVirtualPrinter();
  scale = await startVirtualNciScale({ value: 2.5, unit: 'lb' });
  dataDir = mkdtempSync(join(tmpdir(), 'dockside-bench-'));
  services = await createStationServices({ dataDir, secrets: fileSecretStore(dataDir) });
  await call('station.enroll', { serverUrl: t.url, code: registered.body.enrollmentCode });
  const id = crypto.randomUUID();
  await call('settings.update', {
    printers: [{ id, name: 'Dock Zebra', language: 'zpl', dpi: 203, connection: { kind: 'tcp', host: printer.host, port: printer.port } }],
    routes: { manifest: id, 'return-label': id },
    scale: { connection: { kind: 'tcp', host: '127.0.0.1', port: scale.port } },
  });
  await vi.waitFor(() => expect(services.link.state().online).toBe(true), { timeout: 20_000 });
  await vi.waitFor(async () => expect((await call<{ config: unknown }>('carriers.state')).config).not.toBeNull(), { timeout: 20_000 });
});
afterAll(async () => {
  await services?.close();
  await Promise.all([t?.close(), printer?.close(), scale?.close()]);
  rmSync(dataDir, { recursive: true, force: true });
});

async function shippedWithUps(weightGrams: number): Promise<string> {
  const fo = (await t.api('POST', '/v1/orders', { body: sampleOrder() })).body.fulfillmentOrders[0] as FulfillmentDocument;
  const pkg = await t.api('POST', `/v1/fulfillment-orders/${fo.id}/packages`, {
    body: { contents: fo.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })), weightGrams },
  });
  await t.api('POST', `/v1/packages/${pkg.body.id}/ship`, { body: { carrier: 'ups', trackingNumbers: [`1ZBENCH${weightGrams}`] } });
  return fo.orderId;
}

describe('the bench and the desks', () => {
  it('reads the bench scale through the handler contract', async () => {
    expect(await call<ScaleReading>('scale.read')).toMatchObject({ state: 'stable', grams: 1134, unit: 'lb' });
    scale.set({ overload: true });
    expect((await call<ScaleReading>('scale.read')).state).toBe('overload');
    scale.set({ overload: false });
  });

  it('closes out the day from the station and prints the manifest through the queue', async () => {
    await shippedWithUps(1200);
    await shippedWithUps(800);
    const closed = await call<ClosedManifest>('manifests.close', { carrier: 'ups' });
    expect(closed.manifest).toMatchObject({ number: 'BD-1-UPS-0001', packageCount: 2, totalWeightGrams: 2000, closedBy: 'Bench 1' });
    expect(closed.printProblem).toBeNull();
    expect(closed.job?.template).toBe('manifest');
    await printer.waitForJobs(1, 20_000);
    expect(printer.text()).toContain('BD-1-UPS-0001');
    expect(printer.text()).toContain('1ZBENCH1200');
    await expect(call('manifests.close', { carrier: 'ups' })).rejects.toMatchObject({ code: 'manifest_empty' });
  });

  it("prints an RMA's return label numbered from the account", async () => {
    const orderId = await shippedWithUps(500);
    const order = (await t.api('GET', `/v1/orders/${orderId}`)).body;
    const rma = await t.api('POST', `/v1/orders/${orderId}/returns`, {
      body: { lines: [{ lineId: order.lines[0].id, quantity: 1, reasonCode: 'size_fit' }] },
    });
    await t.api('POST', `/v1/returns/${rma.body.id}/authorize`, { body: {} });
    const jobsBefore = printer.jobs.length;
    const printed = await call<PrintedReturnLabel>('returns.print-return-label', { returnId: rma.body.id });
    expect(printed.printProblem).toBeNull();
    expect(isValidUps1z(printed.label.trackingNumber)).toBe(true);
    await printer.waitForJobs(jobsBefore + 1, 20_000);
    expect(printer.jobs.at(-1)!.toString('latin1')).toContain(printed.label.trackingNumber);
    const again = await call<PrintedReturnLabel>('returns.print-return-label', { returnId: rma.body.id });
    expect(again.label.trackingNumber).toBe(printed.label.trackingNumber);
  });
});
