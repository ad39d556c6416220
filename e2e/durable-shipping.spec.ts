import type { Page } from '@playwright/test';
import type { PrintJob } from '../src/shared/contract/index';
import type { VirtualPrinter } from '../src/main/printing/testing/virtual-printer';
import type { ApiClient } from '../src/server/testing/api-client';
import { expect, test as base } from './support/fixtures';
import { freePort, pairDevice, type RunningProcess } from './support/processes';
import { StationPage } from './support/station-page';
import { floorSetup } from './support/floor-setup';

/**
 * A package waiting for its label survives whatever happens to the page and the station: Ship
 * queues the label on a dead (virtual) Zebra, the page is reloaded or the station host is killed
 * with SIGKILL and restarted, the Zebra comes back, and the package ships once, with one SSCC:
 * one label at the printer, one label-printed on the server's timeline, the package shipped there.
 */
/** The Zebra of these tests: it refuses every job until a test switches it on. */
const test = base.extend<{ zebra: VirtualPrinter }>({
  zebra: async ({ launch }, use) => use(await launch.printer({ mode: 'refuse' })),
});

/** What a test here works with: the server, its API, the station host and the Zebra. */
interface World {
  api: ApiClient;
  server: RunningProcess;
  station: RunningProcess;
  zebra: VirtualPrinter;
}

/** A station handler, called on the station host as the page calls it. */
async function stationCall<T>(station: RunningProcess, name: string, arg: unknown): Promise<T> {
  // The test is a device of the station too: it pairs with the code the host printed, as a handheld does.
  const deviceToken = await pairDevice(station);
  const stationUrl = station.url;
  const res = await fetch(`${stationUrl}/api/call/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'dockside-device-token': deviceToken },
    body: JSON.stringify({ arg }),
  });
  const reply = (await res.json()) as { ok: boolean; result?: T; error?: { message: string } };
  if (!reply.ok) throw new Error(`${name}: ${reply.error?.message}`);
  return reply.result as T;
}

/** A warehouse with one stocked item, an enrolled station with a dead Zebra (and a spare), and an order routed to it. */
async function stationWithOrder({ api, server, station, zebra }: World, page: Page, code: string, item: { sku: string; barcode: string }) {
  const floor = await floorSetup(api, { warehouse: { code, name: `${code} DC` }, stock: { [item.sku]: 10 }, station: `${code} pack` });

  const packer = new StationPage(page);
  await page.goto(station.url);
  await packer.enroll(server.url, floor.enrollmentCode);
  await expect(page.getByTestId('station-ready')).toBeVisible();
  await packer.addTcpPrinter('Zebra dock', '127.0.0.1', zebra.port);
  await packer.openPrinters();
  await packer.addPrinter({ name: 'Zebra spare', language: 'zpl', host: '127.0.0.1', port: await freePort() });
  await page.getByRole('button', { name: 'Pack' }).click();
  await expect(packer.connection()).toHaveText('Online');

  const created = await api('POST', '/v1/orders', {
    body: {
      currency: 'GBP',
      customer: { name: 'Ada Lovelace', email: 'ada@example.com' },
      shippingAddress: { name: 'Ada Lovelace', line1: '12 St James Square', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' },
      lines: [{ sku: item.sku, barcode: item.barcode, name: 'Enamel mug', quantity: 1, unitPriceMinor: 1250, taxRateBps: 2000 }],
      shippingMinor: 499,
      payment: { status: 'paid' },
    },
  });
  expect(created.status).toBe(201);
  const order = { id: created.body.id as string, number: created.body.number as string };
  await expect(packer.queueRow(order.number)).toBeVisible();
  return { packer, order, warehouseId: floor.warehouseId };
}

/** Types a code where a scan would go: scanning itself is not what these tests are about (nor its timing under load). */
async function enterCode(page: Page, code: string) {
  await page.getByTestId('manual-code').fill(code);
  await page.getByTestId('manual-code').press('Enter');
}

/** Opens the order, verifies its item and presses Ship: the dead Zebra does not take the label. */
async function shipOntoDeadPrinter(
  { station }: World,
  page: Page,
  packer: StationPage,
  order: { number: string },
  item: { sku: string; barcode: string },
): Promise<PrintJob> {
  await enterCode(page, order.number);
  await expect(page.getByTestId('open-order')).toContainText(order.number);
  await enterCode(page, item.barcode);
  await expect(packer.verifiedOf(item.sku)).toHaveText('1 / 1');
  await page.getByTestId('ship').click();
  await expect(packer.message()).toContainText(`has not taken ${order.number}'s label`);
  await page.getByTestId('acknowledge').click();
  await expect(page.getByTestId('label-waiting')).toContainText('Zebra dock');
  const labels = (await stationCall<PrintJob[]>(station, 'printing.list-jobs', {})).filter((j) => j.template === 'shipping-label');
  expect(labels).toHaveLength(1);
  expect(labels[0]!.sscc).toMatch(/^\d{18}$/);
  return labels[0]!;
}

/** Shipped once with that label: on the server, at the printer, on the timeline, and off the station's queue. */
async function expectShippedOnce(
  { api, station, zebra }: World,
  packer: StationPage,
  order: { id: string; number: string },
  label: PrintJob,
) {
  const packages = async () =>
    (await api('GET', `/v1/orders/${order.id}/packages`)).body.data.map((p: { status: string; sscc: string | null }) => ({
      status: p.status,
      sscc: p.sscc,
    }));
  // The Zebra retries with backoff (up to a minute between tries): it may take that long to come back.
  await expect.poll(packages, { timeout: 120_000 }).toEqual([{ status: 'shipped', sscc: label.sscc }]);
  expect(zebra.jobs).toHaveLength(1);
  expect(zebra.jobs[0]!.toString('utf8')).toContain(`>;>800${label.sscc}`);
  const timeline = (await api('GET', `/v1/orders/${order.id}/timeline`)).body.data as { type: string; outcome: string }[];
  expect(timeline.filter((e) => e.type === 'label-printed').map((e) => e.outcome)).toEqual(['applied']);
  expect(timeline.filter((e) => e.type === 'package-shipped').map((e) => e.outcome)).toEqual(['applied']);
  await expect(packer.queueRow(order.number)).toHaveCount(0);
  expect(await stationCall<PrintJob[]>(station, 'printing.list-jobs', { unrecorded: true })).toEqual([]);
}

test('a label queued on a dead printer ships its package after a page reload, once, and Ship again prints no new SSCC', async ({
  page,
  api,
  server,
  station,
  zebra,
}) => {
  const world = { api, server, station, zebra };
  const item = { sku: 'SKU-MUG-R', barcode: '5012345678900' };
  const { packer, order } = await stationWithOrder(world, page, 'DUR-R', item);
  const label = await shipOntoDeadPrinter(world, page, packer, order, item);

  // Ship is not offered while the label waits; the order scanned again (the scanner's Ship) offers
  // the same label, never a new one.
  await expect(page.getByTestId('ship')).toBeDisabled();
  await packer.scan(order.number);
  await expect(packer.message()).toContainText(`label (SSCC ${label.sscc}) is already waiting for Zebra dock`);
  await expect(packer.message()).toContainText('No new label was printed');
  await page.getByTestId('acknowledge').click();
  await expect(page.getByTestId('reprint-label')).toBeVisible();
  await expect(page.getByTestId('move-label')).toBeVisible();
  const jobs = await stationCall<PrintJob[]>(station, 'printing.list-jobs', {});
  expect(jobs.map((j) => [j.template, j.sscc])).toEqual([['shipping-label', label.sscc]]);

  // The screen froze: the packer reloads. The order is still packing here, waiting for its label,
  // and it is open again, as before the reload.
  await page.reload();
  await expect(page.getByTestId('station-ready')).toBeVisible();
  await expect(packer.queueRow(order.number)).toContainText('held here');
  await expect(page.getByTestId('open-order')).toContainText(order.number);
  await expect(page.getByTestId('label-waiting')).toBeVisible();

  // The next order is scanned while an error waits for its OK: refused with the error sound, and
  // still named when the label prints and "shipped" replaces the error.
  await enterCode(page, order.number);
  await expect(packer.message()).toContainText('is already waiting for Zebra dock');
  await enterCode(page, 'ORD-20261205-00077');
  await expect(page.getByTestId('not-taken')).toHaveText('Not taken while this waited for OK: ORD-20261205-00077. Scan it again.');
  expect(await packer.lastSound()).toBe('error');

  zebra.setMode('accept');
  await expectShippedOnce(world, packer, order, label);
  await expect(packer.message()).toContainText(`${order.number} shipped. Scan the next order.`);
  await expect(page.getByTestId('not-taken')).toContainText('ORD-20261205-00077');
});

test('a label queued on a dead printer ships its package after the station host is killed (SIGKILL) and restarted', async ({
  page,
  api,
  server,
  station,
  zebra,
}) => {
  const world = { api, server, station, zebra };
  const item = { sku: 'SKU-JUG-K', barcode: '5012345678917' };
  const { packer, order } = await stationWithOrder(world, page, 'DUR-K', item);
  const label = await shipOntoDeadPrinter(world, page, packer, order, item);

  // The station host dies mid-wait; the printer is fixed meanwhile; the station host comes back on
  // its data dir and port and sends the waiting label at once. The page stays open throughout.
  await station.kill();
  // The page says its station service is gone (scans would not be recorded), not "Online".
  await expect(page.getByTestId('connection')).toHaveText('Station service down', { timeout: 30_000 });
  await expect(page.getByTestId('host-down-banner')).toBeVisible();
  zebra.setMode('accept');
  await station.restart();
  await expect(page.getByTestId('host-down-banner')).toHaveCount(0, { timeout: 30_000 });

  await expectShippedOnce(world, packer, order, label);
});

test('a label the printer takes and then resets on is printed once: the packer is asked whether it came out, and "It printed" ships the package', async ({
  page,
  api,
  server,
  station,
  zebra,
}) => {
  const world = { api, server, station, zebra };
  const item = { sku: 'SKU-MUG-U', barcode: '5012345678900' };
  const { packer, order } = await stationWithOrder(world, page, 'DUR-U', item);
  // The Zebra prints every label it gets, then resets the connection: the station cannot know it printed.
  zebra.setMode('reset-after-job');
  await enterCode(page, order.number);
  await expect(page.getByTestId('open-order')).toContainText(order.number);
  await enterCode(page, item.barcode);
  await expect(packer.verifiedOf(item.sku)).toHaveText('1 / 1');
  await page.getByTestId('ship').click();

  // Asked in plain words, with the error sound; the label waits for the answer, Ship stays off.
  await expect(packer.message()).toContainText('come out of Zebra dock? The printer took all of it but did not confirm it');
  expect(await packer.lastSound()).toBe('error');
  await page.getByTestId('acknowledge').click();
  const question = page.getByTestId('label-unconfirmed');
  await expect(question).toContainText('Look at the printer: press It printed if it is there, or Print it again if it is not.');
  await expect(page.getByTestId('ship')).toBeDisabled();
  const [label] = (await stationCall<PrintJob[]>(station, 'printing.list-jobs', {})).filter((j) => j.template === 'shipping-label');
  expect(label).toMatchObject({ state: 'unconfirmed', mayHavePrinted: true, nextAttemptAt: null });
  await expect(question).toContainText(`SSCC ${label!.sscc}`);
  // The retry timer would have sent it again by now (its first retry comes 1.6-2.4 s after a send): it did not.
  await page.waitForTimeout(3500);
  expect(zebra.jobs).toHaveLength(1);

  // The label is at the printer: the packer says so, and the package ships with it, printed once.
  await question.getByTestId('label-printed').click();
  await expectShippedOnce(world, packer, order, label!);
  await expect(page.getByTestId('label-unconfirmed')).toHaveCount(0);
});

test('an order cancelled while its label waits on a dead printer: the label is voided and never prints, and the box is unpacked', async ({
  page,
  api,
  server,
  station,
  zebra,
}) => {
  const world = { api, server, station, zebra };
  const item = { sku: 'SKU-MUG-C', barcode: '5012345678900' };
  const { packer, order } = await stationWithOrder(world, page, 'DUR-C', item);
  const label = await shipOntoDeadPrinter(world, page, packer, order, item);
  // The box is on the server before the customer cancels: a cancel that beats the station's push
  // leaves its scans and box as conflicts for a supervisor instead (push-conflict tests cover that).
  await expect(packer.pendingEvents()).toHaveText('0 waiting to sync', { timeout: 30_000 });

  // The customer cancels while the Zebra is down: the station voids the waiting label by itself.
  expect((await api('POST', `/v1/orders/${order.id}/cancel`, { body: { reason: 'customer changed their mind' } })).status).toBe(200);
  await expect(packer.message()).toContainText(`Label voided: ${order.number} was cancelled: do not ship this box; unpack it`);
  expect(await packer.lastSound()).toBe('error');
  await page.getByTestId('acknowledge').click();
  await expect(page.getByTestId('label-waiting')).toHaveCount(0);
  const jobs = await stationCall<PrintJob[]>(station, 'printing.list-jobs', {});
  expect(jobs.find((j) => j.id === label.id)).toMatchObject({
    state: 'voided',
    voidReason: `${order.number} was cancelled: do not ship this box; unpack it`,
  });
  await expect(page.getByTestId('open-order')).toHaveAttribute('data-status', 'cancelled');
  await expect(page.getByTestId('ship')).toBeDisabled();
  // An error still waiting for its OK would come back after the reload (remembered-messages.ts): seen first.
  await packer.acknowledgeIfAsked();

  // After a reload, scanning the cancelled order opens it to unpack its box (not to pack it).
  await page.reload();
  await expect(page.getByTestId('station-ready')).toBeVisible();
  await enterCode(page, order.number);
  await expect(packer.message()).toContainText(`${order.number} was cancelled: unpack its box`);
  await page.getByTestId('acknowledge').click();
  await expect(page.getByTestId('open-order')).toHaveAttribute('data-status', 'cancelled');

  // The packer takes the box apart; the Zebra comes back and prints nothing.
  await page.getByTestId('unpack').click();
  await page.getByTestId('unpack-reason').selectOption('wrong items in the box');
  await page.getByTestId('unpack-confirm').click();
  await expect(packer.message()).toContainText('Package unpacked: 1 unit is scanned and ready to pack again');
  zebra.setMode('accept');
  await expect(packer.pendingEvents()).toHaveText('0 waiting to sync', { timeout: 30_000 });
  const packages = (await api('GET', `/v1/orders/${order.id}/packages`)).body.data as { status: string }[];
  expect(packages.map((p) => p.status)).toEqual(['voided']);
  const tasks = (await api('GET', `/v1/orders/${order.id}/tasks`)).body.data as { kind: string }[];
  expect(tasks.filter((x) => x.kind === 'sync-conflict')).toEqual([]);
  // A test label prints on the Zebra, which releases every job waiting for it: the voided label is not among them.
  const test = await stationCall<PrintJob>(station, 'printing.print', {
    template: 'test-label',
    data: { message: 'back on' },
    printerId: label.printerId,
  });
  expect(test.state).toBe('printed');
  await expect.poll(() => zebra.jobs.length).toBe(1);
  await new Promise((r) => setTimeout(r, 1000));
  expect(zebra.jobs.map((j) => j.toString('utf8').includes(label.sscc!))).toEqual([false]);
});

/**
 * Another station labels a parcel of its own with `sscc` (a label typed in by hand, or a range
 * set up twice): the server opens a duplicate-sscc task naming both parcels, and answers it.
 */
async function secondParcelCarrying(api: ApiClient, warehouseId: string, sscc: string, item: { sku: string; barcode: string }) {
  const second = await api('POST', '/v1/stations', { body: { name: 'Pack 2', warehouseId } });
  const enrolled = await api('POST', '/v1/stations/enroll', { body: { code: second.body.enrollmentCode }, token: null });
  const stationId = enrolled.body.stationId as string;
  const created = await api('POST', '/v1/orders', {
    body: {
      currency: 'GBP',
      customer: { name: 'Grace Hopper', email: 'grace@example.com' },
      shippingAddress: { name: 'Grace Hopper', line1: '1 Navy Way', city: 'London', postalCode: 'SW1A 1AA', country: 'GB' },
      lines: [{ sku: item.sku, barcode: item.barcode, name: 'Enamel mug', quantity: 1, unitPriceMinor: 1250, taxRateBps: 2000 }],
      shippingMinor: 499,
      payment: { status: 'paid' },
    },
  });
  const doc = created.body.fulfillmentOrders[0] as {
    id: string;
    orderId: string;
    lines: { lineId: string; barcode: string; quantity: number }[];
  };
  const packageId = crypto.randomUUID();
  let seq = 0;
  const event = (type: string, payload: Record<string, unknown>) => ({
    id: crypto.randomUUID(),
    stationId,
    seq: ++seq,
    type,
    fulfillmentOrderId: doc.id,
    orderId: doc.orderId,
    actor: { kind: 'station', id: stationId },
    occurredAt: new Date().toISOString(),
    payload,
  });
  const events = [
    event('fulfillment-order-claimed', {}),
    ...doc.lines.map((l) => event('item-verified', { lineId: l.lineId, barcode: l.barcode, quantity: l.quantity })),
    event('package-created', { packageId, contents: doc.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })), weightGrams: 900 }),
    event('label-printed', { packageId, printJobId: crypto.randomUUID(), format: 'zpl', sscc, trackingNumber: null, carrier: null }),
  ];
  const pushed = await api('POST', '/v1/sync/push', { token: enrolled.body.credential as string, body: { events } });
  expect(pushed.body.outcomes.map((o: { outcome: string }) => o.outcome)).toEqual(events.map(() => 'applied'));
  const tasks = (await api('GET', '/v1/orders/tasks?kind=duplicate-sscc&limit=200')).body.data as {
    id: string;
    version: number;
    detail: { sscc: string };
  }[];
  return tasks.find((x) => x.detail.sscc === sscc)!;
}

test('a parcel a supervisor relabelled: its old label waiting on a dead printer is voided and never prints, and Reprint refuses the printed one', async ({
  page,
  api,
  server,
  station,
  zebra,
}) => {
  const world = { api, server, station, zebra };
  const item = { sku: 'SKU-MUG-R', barcode: '5012345678900' };
  const { packer, order, warehouseId } = await stationWithOrder(world, page, 'DUR-R', item);
  zebra.setMode('accept');
  await enterCode(page, order.number);
  await enterCode(page, item.barcode);
  await expect(packer.verifiedOf(item.sku)).toHaveText('1 / 1');
  await page.getByTestId('ship').click();
  await expect
    .poll(async () => (await api('GET', `/v1/orders/${order.id}/packages`)).body.data[0]?.status, { timeout: 30_000 })
    .toBe('shipped');
  const [label] = (await stationCall<PrintJob[]>(station, 'printing.list-jobs', {})).filter((j) => j.template === 'shipping-label');
  expect(label).toMatchObject({ state: 'printed' });
  const task = await secondParcelCarrying(api, warehouseId, label!.sscc!, item);

  // The Zebra is down when the packer reprints the label: the copy waits for it.
  zebra.setMode('refuse');
  const copy = await stationCall<PrintJob>(station, 'printing.reprint', { jobId: label!.id });
  expect(copy).toMatchObject({ state: 'retrying', sscc: label!.sscc });
  await packer.acknowledgeIfAsked();

  // A supervisor relabels this station's parcel: the pull brings it here, and the copy is voided at once.
  const supervisor = (await api('POST', '/v1/api-keys', { body: { name: 'Sam', role: 'supervisor', warehouseId } })).body.key as string;
  const relabelled = await api('POST', `/v1/orders/tasks/${task.id}/relabel-package`, {
    token: supervisor,
    headers: { 'if-match': `"${task.version}"` },
    body: { packageId: label!.purpose!.packageId, range: { extensionDigit: 0, companyPrefix: '0614141' } },
  });
  expect(relabelled.status).toBe(200);
  const fresh = relabelled.body.sscc as string;
  const words = `${order.number}'s parcel was relabelled with SSCC ${fresh}`;
  await expect(packer.message()).toContainText(`Label voided: ${words}`, { timeout: 30_000 });
  expect(await packer.lastSound()).toBe('error');
  await page.getByTestId('acknowledge').click();
  const jobs = await stationCall<PrintJob[]>(station, 'printing.list-jobs', {});
  expect(jobs.find((j) => j.id === copy.id)).toMatchObject({
    state: 'voided',
    voidReason: expect.stringContaining(`its old label (SSCC ${label!.sscc}) must not print again`),
  });
  expect(jobs.find((j) => j.id === label!.id)).toMatchObject({ state: 'printed', relabelled: { previousSscc: label!.sscc, sscc: fresh } });

  // Reprint is refused in words; the print queue shows the printed label as replaced, without Reprint.
  await expect(stationCall(station, 'printing.reprint', { jobId: label!.id })).rejects.toThrow(
    'must not print again; print the new label from',
  );
  await packer.openPrinters();
  const row = page.locator('tr[data-state="printed"]').filter({ hasText: 'Replaced:' });
  await expect(row).toContainText(`relabelled with SSCC ${fresh}`);
  await expect(row.getByRole('button', { name: 'Reprint' })).toHaveCount(0);

  // The Zebra is back and a test label releases every job waiting for it: the old SSCC does not come out again.
  zebra.setMode('accept');
  const test = await stationCall<PrintJob>(station, 'printing.print', {
    template: 'test-label',
    data: { message: 'back on' },
    printerId: label!.printerId,
  });
  expect(test.state).toBe('printed');
  await expect.poll(() => zebra.jobs.length).toBe(2);
  await new Promise((r) => setTimeout(r, 1000));
  expect(zebra.jobs.map((j) => j.toString('utf8').includes(label!.sscc!))).toEqual([true, false]);
});
