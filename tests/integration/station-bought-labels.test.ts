import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startVirtualPrinter, type VirtualPrinter } from '../../src/main/printing/testing/virtual-printer';
import { fileSecretStore } from '../../src/main/services/secret-store';
import { createStationServices, type StationServices } from '../../src/main/services/station-services';
import { startEasyPostContractServer, type EasyPostContractServer } from '../../src/server/carriers/testing/easypost-contract-server';
import { configFromEnv } from '../../src/server/config';
import { sampleOrder, startTestServer, type TestServer } from '../../src/server/testing/test-server';
import { isValidUps1z } from '../../src/shared/carriers/tracking-numbers';
import { dispatch } from '../../src/shared/contract/dispatch';
import type { CarrierState, PrintJob, PrinterConfig } from '../../src/shared/contract/index';
import type { PrintedReturnLabel } from '../../src/shared/contract/desk-prints';
import type { FulfillmentDocument } from '../../src/shared/sync/fulfillment-document';
import { startDemoLink } from '../../scripts/demo-link';

/**
 * A station ships with a carrier that sells its labels (EasyPost, the contract server standing in
 * for it): online, the station host buys the label through the server and the virtual printer
 * receives the carrier's ZPL byte for byte; the server's package carries the tracking number and
 * URL, and the carrier's signed pushes take it to delivered; another label is voided. Offline
 * (the station's link to the server cut), the station says so plainly, prints nothing and ships
 * nothing, keeps the package queued on disk, and prints its bought label when the link returns.
 */
let ep: EasyPostContractServer;
let t: TestServer;
let link: Awaited<ReturnType<typeof startDemoLink>>;
let services: StationServices;
let printer: VirtualPrinter;
/** The returns desk's printer, routed for return labels. */
let deskPrinter: VirtualPrinter;
let zebra: PrinterConfig;
let dataDir: string;
let warehouseId: string;
let accountId: string;
const API_KEY = 'EZTK_station_key_0001';
const WEBHOOK_SECRET = 'whsec-station-0001';
const DEVICE = { deviceId: crypto.randomUUID() };
const call = <T>(name: string, arg?: unknown) => dispatch(services.handlers, name, arg, DEVICE) as Promise<T>;
const shipFrom = { name: 'Dockside LON', line1: '1 Dock Road', city: 'London', postalCode: 'E14 5AB', country: 'GB' };

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

beforeAll(async () => {
  ep = await startEasyPostContractServer({ apiKey: API_KEY });
  const base = configFromEnv(process.env);
  t = await startTestServer({
    webhooks: { ...base.webhooks, secretKey: 'station-bought-labels-key' },
    carrierApi: { ...base.carrierApi, easypostUrl: ep.url, timeoutMs: 5000 },
  });
  warehouseId = (await t.api('POST', '/v1/warehouses', { body: { code: 'EZS-1', name: 'EasyPost DC', priority: 10, address: shipFrom } }))
    .body.id;
  for (const sku of ['SKU-MUG', 'SKU-TEE']) await t.api('PUT', `/v1/inventory/${warehouseId}/${sku}`, { body: { onHand: 50 } });
  accountId = (
    await t.api('POST', '/v1/carrier-accounts', {
      body: {
        warehouseId,
        carrier: 'ups',
        accountNumber: 'EZS001',
        name: 'UPS via EasyPost',
        labelFormat: 'zpl',
        labelSource: 'easypost',
        services: [{ code: '03', name: 'UPS Ground' }],
        credentials: { apiKey: API_KEY, webhookSecret: WEBHOOK_SECRET },
      },
    })
  ).body.id;
  const registered = await t.api('POST', '/v1/stations', { body: { name: 'Pack EZ', warehouseId } });
  link = await startDemoLink(Number(new URL(t.url).port), await freePort());
  printer = await startVirtualPrinter();
  deskPrinter = await startVirtualPrinter();
  dataDir = mkdtempSync(join(tmpdir(), 'dockside-bought-'));
  services = await createStationServices({ dataDir, secrets: fileSecretStore(dataDir) });
  await call('station.enroll', { serverUrl: link.url, code: registered.body.enrollmentCode });
  await vi.waitFor(() => expect(services.link.state().online).toBe(true), { timeout: 20_000 });
  zebra = {
    id: crypto.randomUUID(),
    name: 'Zebra EZ',
    language: 'zpl',
    dpi: 203,
    connection: { kind: 'tcp', host: printer.host, port: printer.port },
  };
  await call('settings.update', { printers: [zebra], routes: { 'shipping-label': zebra.id }, shipFrom });
  await vi.waitFor(async () => expect((await call<CarrierState>('carriers.refresh')).config?.accounts).toHaveLength(1), {
    timeout: 20_000,
  });
}, 120_000);

afterAll(async () => {
  await services?.close();
  await printer?.close();
  await deskPrinter?.close();
  link?.cut(); // its open connections would hold close() up
  await link?.close();
  await t?.close();
  await ep?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function fulfillmentOrder(): Promise<FulfillmentDocument> {
  const created = await t.api('POST', '/v1/orders', { body: sampleOrder() });
  return created.body.fulfillmentOrders.find((f: FulfillmentDocument) => f.warehouseId === warehouseId);
}
/** The package as the station's outbox would have pushed it. */
async function packageOnServer(doc: FulfillmentDocument): Promise<string> {
  const id = crypto.randomUUID();
  const made = await t.api('POST', `/v1/fulfillment-orders/${doc.id}/packages`, {
    body: { id, contents: doc.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })), weightGrams: 1500 },
  });
  expect(made.status).toBe(201);
  return id;
}
const shippingLabel = (doc: FulfillmentDocument, packageId: string) => ({
  template: 'shipping-label',
  data: { orderNumber: doc.orderNumber, packageId, packageIndex: 1, packageCount: 1, shipTo: doc.shipTo, shipFrom, weightGrams: 1500 },
  carrierService: { accountId, serviceCode: '03' },
  purpose: {
    kind: 'ship-package',
    fulfillmentOrderId: doc.id,
    orderId: doc.orderId,
    packageId,
    actor: { kind: 'station', id: 'station', name: 'Pack EZ' },
  },
});
const pushUrl = () => `${t.url}/v1/carrier-accounts/${accountId}/tracking-events`;

describe('labels a carrier sells, at the station', () => {
  it("online: buys through the server, prints the carrier's ZPL byte for byte, and tracking takes the package to delivered", async () => {
    const doc = await fulfillmentOrder();
    const packageId = await packageOnServer(doc);
    const before = printer.jobs.length;
    const job = await call<PrintJob>('printing.print', shippingLabel(doc, packageId));
    expect(job).toMatchObject({ template: 'carrier-label', state: 'printed', tracking: { carrier: 'ups', serviceName: 'UPS Ground' } });
    const trackingNumber = job.tracking!.trackingNumber;
    expect(isValidUps1z(trackingNumber)).toBe(true);
    const [printed] = await printer.waitForJobs(before + 1).then((jobs) => jobs.slice(before));
    expect(printed!.equals(ep.labels.get(trackingNumber)!)).toBe(true);

    // Ship pressed again: the same job, nothing bought or printed again.
    const again = await call<PrintJob>('printing.print', shippingLabel(doc, packageId));
    expect(again.id).toBe(job.id);
    expect(ep.requests.filter((r) => r.path.endsWith('/buy'))).toHaveLength(1);

    const pkg = (await t.api('GET', `/v1/packages/${packageId}`)).body;
    expect(pkg).toMatchObject({ status: 'labelled', carrier: 'ups', trackingNumber, trackingUrl: job.tracking!.trackingUrl });
    expect((await t.api('POST', `/v1/packages/${packageId}/ship`, { body: {} })).status).toBe(200);
    for (const status of ['in_transit', 'out_for_delivery', 'delivered'])
      expect((await ep.pushTracking(pushUrl(), trackingNumber, status, WEBHOOK_SECRET)).status).toBe(200);
    expect((await t.api('GET', `/v1/packages/${packageId}`)).body.status).toBe('delivered');
    expect((await t.api('GET', `/v1/orders/${doc.orderId}`)).body.status).toBe('delivered');
    // An account that buys its labels hands the station no blocks of numbers.
    expect(await t.server.db.query('select id from tracking_blocks where account_id = $1', [accountId])).toEqual([]);
  });

  it('voids a bought label at the carrier', async () => {
    const doc = await fulfillmentOrder();
    const packageId = await packageOnServer(doc);
    await call<PrintJob>('printing.print', shippingLabel(doc, packageId));
    const voided = await t.api('POST', `/v1/packages/${packageId}/carrier-label/void`, { body: { reason: 'damaged box' } });
    expect(voided.body).toMatchObject({ status: 'refund_submitted' });
    expect((await t.api('GET', `/v1/packages/${packageId}`)).body.status).toBe('voided');
  });

  it("the returns desk prints an RMA's return label bought from the carrier, byte for byte, on the printer routed for return labels", async () => {
    const doc = await fulfillmentOrder();
    const packageId = await packageOnServer(doc);
    expect(
      (await t.api('POST', `/v1/packages/${packageId}/ship`, { body: { carrier: 'ups', trackingNumbers: ['1ZSHIPPED'] } })).status,
    ).toBe(200);
    const order = (await t.api('GET', `/v1/orders/${doc.orderId}`)).body;
    const rma = await t.api('POST', `/v1/orders/${doc.orderId}/returns`, {
      body: { method: 'ship', lines: [{ lineId: order.lines[0].id, quantity: 1, reasonCode: 'damaged' }] },
    });
    expect((await t.api('POST', `/v1/returns/${rma.body.id}/authorize`, { body: {} })).body.status).toBe('authorized');
    const desk: PrinterConfig = {
      ...zebra,
      id: crypto.randomUUID(),
      name: 'Returns desk Zebra',
      connection: { kind: 'tcp', host: deskPrinter.host, port: deskPrinter.port },
    };
    await call('settings.update', { printers: [zebra, desk], routes: { 'shipping-label': zebra.id, 'return-label': desk.id } });
    const shippingJobs = printer.jobs.length;

    const printed = await call<PrintedReturnLabel>('returns.print-return-label', { returnId: rma.body.id });
    expect(printed.printProblem).toBeNull();
    expect(printed.label).toMatchObject({ source: 'adapter', carrier: 'ups', serviceName: 'UPS Ground' });
    expect(printed.job).toMatchObject({ template: 'carrier-label', printerId: desk.id });
    const [label] = await deskPrinter.waitForJobs(1, 20_000);
    expect(label!.equals(ep.labels.get(printed.label.trackingNumber)!)).toBe(true);
    expect(printer.jobs.length).toBe(shippingJobs);

    // Printed again from the desk: the same label, nothing bought again.
    const buys = ep.requests.filter((r) => r.path.endsWith('/buy')).length;
    const again = await call<PrintedReturnLabel>('returns.print-return-label', { returnId: rma.body.id });
    expect(again.label.trackingNumber).toBe(printed.label.trackingNumber);
    expect(ep.requests.filter((r) => r.path.endsWith('/buy')).length).toBe(buys);
    await call('settings.update', { printers: [zebra], routes: { 'shipping-label': zebra.id } });
  });

  it('the returns desk is asked for the parcel weight when the order was never weighed, and buys with it', async () => {
    const doc = await fulfillmentOrder();
    const made = await t.api('POST', `/v1/fulfillment-orders/${doc.id}/packages`, {
      body: { contents: doc.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })) },
    });
    expect(
      (await t.api('POST', `/v1/packages/${made.body.id}/ship`, { body: { carrier: 'ups', trackingNumbers: ['1ZNOWEIGHT'] } })).status,
    ).toBe(200);
    const order = (await t.api('GET', `/v1/orders/${doc.orderId}`)).body;
    const rma = await t.api('POST', `/v1/orders/${doc.orderId}/returns`, {
      body: { method: 'ship', lines: [{ lineId: order.lines[0].id, quantity: 1, reasonCode: 'damaged' }] },
    });
    expect((await t.api('POST', `/v1/returns/${rma.body.id}/authorize`, { body: {} })).body.status).toBe('authorized');
    const buys = ep.requests.filter((r) => r.path.endsWith('/buy')).length;
    const refused = await call('returns.print-return-label', { returnId: rma.body.id }).catch((e: { code: string }) => e);
    // The desk's ReturnLabelPrint asks for the weight on this code.
    expect(refused).toMatchObject({ code: 'weight_required' });
    expect(ep.requests.filter((r) => r.path.endsWith('/buy')).length).toBe(buys);

    const printed = await call<PrintedReturnLabel>('returns.print-return-label', { returnId: rma.body.id, weightGrams: 900 });
    expect(printed.label).toMatchObject({ source: 'adapter', carrier: 'ups' });
    const [shipment] = ep.shipments().filter((x) => x.reference === rma.body.id);
    // 900 g in ounces, rounded up to the tenth EasyPost takes.
    expect(shipment!.weightOz).toBe(Math.ceil((900 / 28.349523125) * 10) / 10);
    expect(await call('returns.print-return-label', { returnId: rma.body.id, weightGrams: 0 }).catch((e: { code: string }) => e.code)).toBe(
      'invalid_input',
    );
  });

  it('offline: says so plainly, prints and ships nothing, keeps the package queued across a restart, and prints its bought label when the link returns', async () => {
    const doc = await fulfillmentOrder();
    const packageId = crypto.randomUUID(); // still in the station's outbox: the server has not seen it
    link.cut();
    await vi.waitFor(() => expect(services.link.state().online).toBe(false), { timeout: 20_000 });
    const before = printer.jobs.length;
    const refused = await call('printing.print', shippingLabel(doc, packageId)).catch((e: { code: string; message: string }) => e);
    expect(refused).toMatchObject({ code: 'label_waits_for_server' });
    expect((refused as Error).message).toMatch(
      /offline.*queued.*prints, and it ships, when the server is back. Nothing ships without a label/,
    );
    expect((await call<CarrierState>('carriers.state')).warnings).toEqual([
      `${doc.orderNumber}: waiting for its UPS Ground label (offline: it prints when the server is back)`,
    ]);
    expect(await call<PrintJob[]>('printing.list-jobs', { limit: 50 })).not.toContainEqual(
      expect.objectContaining({ purpose: expect.objectContaining({ packageId }) }),
    );
    expect(printer.jobs.length).toBe(before);

    // The station host restarts while offline: the queue is on disk.
    await services.close();
    services = await createStationServices({ dataDir, secrets: fileSecretStore(dataDir) });
    expect((await call<CarrierState>('carriers.state')).warnings).toHaveLength(1);
    link.restore();
    const [printed] = await printer.waitForJobs(before + 1, 30_000).then((jobs) => jobs.slice(before));
    const jobOf = async () =>
      (await call<PrintJob[]>('printing.list-jobs', { limit: 50 })).find(
        (j) => j.purpose?.kind === 'ship-package' && j.purpose.packageId === packageId,
      );
    await vi.waitFor(async () => expect(await jobOf()).toMatchObject({ template: 'carrier-label', state: 'printed' }), { timeout: 10_000 });
    const job = (await jobOf())!;
    expect(printed!.equals(ep.labels.get(job.tracking!.trackingNumber)!)).toBe(true);
    await vi.waitFor(async () => expect((await call<CarrierState>('carriers.state')).warnings).toEqual([]), { timeout: 10_000 });
  });

  it('offline: a package unpacked while its label waits to be bought is never bought nor printed; the next one is', async () => {
    const unpacked = await fulfillmentOrder();
    const kept = await fulfillmentOrder();
    const [unpackedId, keptId] = [crypto.randomUUID(), crypto.randomUUID()];
    link.cut();
    await vi.waitFor(() => expect(services.link.state().online).toBe(false), { timeout: 20_000 });
    for (const [doc, id] of [
      [unpacked, unpackedId],
      [kept, keptId],
    ] as const)
      expect(await call('printing.print', shippingLabel(doc, id)).catch((e: { code: string }) => e.code)).toBe('label_waits_for_server');
    expect((await call<CarrierState>('carriers.state')).warnings).toHaveLength(2);

    // The packer unpacks the first box (unpack-package.ts): its waiting label is dropped.
    expect(await call('carriers.forget-queued-label', { packageId: unpackedId })).toEqual({ forgotten: true });
    expect(await call('carriers.forget-queued-label', { packageId: unpackedId })).toEqual({ forgotten: false });
    expect((await call<CarrierState>('carriers.state')).warnings).toEqual([
      `${kept.orderNumber}: waiting for its UPS Ground label (offline: it prints when the server is back)`,
    ]);

    const buys = ep.requests.filter((r) => r.path.endsWith('/buy')).length;
    const before = printer.jobs.length;
    link.restore();
    await printer.waitForJobs(before + 1, 30_000);
    await vi.waitFor(async () => expect((await call<CarrierState>('carriers.state')).warnings).toEqual([]), { timeout: 10_000 });
    const jobs = await call<PrintJob[]>('printing.list-jobs', { limit: 50 });
    const forPackage = (id: string) => jobs.filter((j) => j.purpose?.kind === 'ship-package' && j.purpose.packageId === id);
    expect(forPackage(keptId)).toHaveLength(1);
    expect(forPackage(unpackedId)).toEqual([]);
    expect(ep.requests.filter((r) => r.path.endsWith('/buy')).length).toBe(buys + 1);
    expect(printer.jobs.length).toBe(before + 1);
  });
});
