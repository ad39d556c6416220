import type { Browser } from '@playwright/test';
import { expect, test } from './support/fixtures';
import type { RunningProcess } from './support/processes';
import { StationPage } from './support/station-page';
import { floorSetup } from './support/floor-setup';

/**
 * Two browsers on one station host, as a packing desk and a handheld on the warehouse LAN: each
 * is its own device with its own sign-in, and they pack at the same time without ever sharing a
 * (stationId, seq), so the server applies every event of both.
 */
const order = (name: string) => ({
  currency: 'GBP',
  customer: { name, email: `${name.split(' ')[0]!.toLowerCase()}@example.com` },
  shippingAddress: { name, line1: '12 St James Square', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' },
  lines: [
    { sku: 'SKU-MUG', barcode: '5012345678900', name: 'Enamel mug', quantity: 2, unitPriceMinor: 1250, taxRateBps: 2000 },
    { sku: 'SKU-TEE', barcode: '5012345678917', name: 'Cotton tee', quantity: 1, unitPriceMinor: 2000, taxRateBps: 2000 },
  ],
  shippingMinor: 499,
  payment: { status: 'paid' },
});

async function openBrowser(browser: Browser, station: RunningProcess): Promise<StationPage> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(station.url);
  return new StationPage(page);
}

/**
 * A code typed into "Type a code": it goes where a scan would. (A keyboard-wedge scan is told from
 * typing by keystroke timing, which two pages driven on a loaded machine would only test the load of.)
 */
async function enterCode(station: StationPage, code: string) {
  await station.page.getByTestId('manual-code').fill(code);
  await station.page.getByTestId('manual-code').press('Enter');
}

/** Both pack at once, each its own order, step by step in turn. */
async function packInTurns(work: [StationPage, string][]) {
  const steps: ((station: StationPage, orderNumber: string) => Promise<void>)[] = [
    async (station, orderNumber) => {
      await enterCode(station, orderNumber);
      await expect(station.page.getByTestId('open-order')).toContainText(orderNumber);
    },
    async (station) => {
      await enterCode(station, '5012345678900');
      await expect(station.verifiedOf('SKU-MUG')).toHaveText('1 / 2');
    },
    async (station) => {
      await enterCode(station, '5012345678917');
      await expect(station.verifiedOf('SKU-TEE')).toHaveText('1 / 1');
    },
    async (station) => {
      await enterCode(station, '5012345678900');
      await expect(station.verifiedOf('SKU-MUG')).toHaveText('2 / 2');
    },
    async (station, orderNumber) => {
      await enterCode(station, orderNumber);
      await expect(station.message()).toContainText(`${orderNumber} shipped`);
    },
  ];
  for (const step of steps) for (const [station, orderNumber] of work) await step(station, orderNumber);
}

test('two browsers on one station host: separate sign-ins, and every event of both applied', async ({
  browser,
  server,
  station,
  printer,
  api,
}) => {
  const floor = await floorSetup(api, {
    warehouse: { code: 'LON-2', name: 'London DC' },
    stock: { 'SKU-MUG': 50, 'SKU-TEE': 50 },
    station: 'Pack 4',
    people: [
      { name: 'Sam Supervisor', role: 'supervisor', pin: '7391' },
      { name: 'Priya Packer', role: 'packer', pin: '4825' },
    ],
  });

  // The desk: enrolled, a supervisor signs in, a label printer is set up (the station's, for every device).
  const desk = await openBrowser(browser, station);
  await desk.enroll(server.url, floor.enrollmentCode);
  await desk.signInWithPin('Sam Supervisor', '7391');
  await expect(desk.page.getByTestId('signed-in')).toContainText('Sam Supervisor');
  await desk.addTcpPrinter('Zebra virtual', '127.0.0.1', printer.port);

  // A second, fresh browser opening the station is not signed in as the supervisor.
  const handheld = await openBrowser(browser, station);
  await expect(handheld.page.getByTestId('sign-in')).toBeVisible();
  await expect(handheld.page.getByTestId('signed-in')).toHaveCount(0);
  await handheld.signInWithPin('Priya Packer', '4825');
  await expect(handheld.page.getByTestId('signed-in')).toContainText('Priya Packer');
  await expect(handheld.page.getByRole('button', { name: 'Supervisor' })).toHaveCount(0);
  // Her sign-in did not reach the desk.
  await expect(desk.page.getByTestId('signed-in')).toContainText('Sam Supervisor');

  const first = await api('POST', '/v1/orders', { body: order('Ada Lovelace') });
  const second = await api('POST', '/v1/orders', { body: order('Grace Hopper') });
  await expect(desk.queueRow(second.body.number)).toBeVisible();
  await expect(handheld.queueRow(first.body.number)).toBeVisible();

  await packInTurns([
    [desk, first.body.number],
    [handheld, second.body.number],
  ]);
  await expect(desk.pendingEvents()).toHaveText('0 waiting to sync', { timeout: 30_000 });
  await expect(handheld.pendingEvents()).toHaveText('0 waiting to sync', { timeout: 30_000 });

  // The server applied every event of both devices, each under its own seq, done by who was signed in there.
  // The events the devices pushed: those with a station seq (taking the order online, the lease, is recorded by the server).
  const timelineOf = async (orderId: string) =>
    (await api('GET', `/v1/orders/${orderId}/timeline`)).body.data.filter(
      (e: { stationId: string | null; stationSeq: number | null }) => e.stationId === floor.stationId && e.stationSeq !== null,
    );
  const byDesk = await timelineOf(first.body.id);
  const byHandheld = await timelineOf(second.body.id);
  for (const [events, who] of [
    [byDesk, floor.userIds['Sam Supervisor']],
    [byHandheld, floor.userIds['Priya Packer']],
  ] as const) {
    expect(events.map((e: { type: string }) => e.type)).toEqual([
      'fulfillment-order-claimed',
      'item-verified',
      'item-verified',
      'item-verified',
      'package-created',
      'label-printed',
      'package-shipped',
    ]);
    for (const e of events) expect(e).toMatchObject({ outcome: 'applied', actor: { kind: 'user', id: who } });
  }
  const seqs = [...byDesk, ...byHandheld].map((e: { stationSeq: number }) => e.stationSeq);
  expect(new Set(seqs).size).toBe(14);
  for (const o of [first, second]) expect((await api('GET', `/v1/orders/${o.body.id}`)).body.status).toBe('shipped');

  // A reload is the same device, still signed in as itself.
  await handheld.page.reload();
  await expect(handheld.page.getByTestId('signed-in')).toContainText('Priya Packer');
  await expect(desk.page.getByTestId('signed-in')).toContainText('Sam Supervisor');
});
