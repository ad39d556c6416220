import type { Browser, Page } from '@playwright/test';
import type { VirtualPrinter } from '../src/main/printing/testing/virtual-printer';
import type { ApiClient } from '../src/server/testing/api-client';
import { test as base, expect } from './support/fixtures';
import type { NetworkLink } from './support/network-link';
import type { RunningProcess } from './support/processes';
import { StationPage } from './support/station-page';
import { SupervisorPage } from './support/supervisor-page';

/**
 * Two stations of one warehouse and one central server, all real processes, two browser pages.
 * An order is packed by exactly one station however close together both scan it; stations that
 * took their work ahead pack offline without ever packing the same order; and a station that
 * keeps packing an order a supervisor moved away while it was offline ends in the conflict path.
 * Station 1 reaches the server through a link the test can cut (the server stays up for station 2).
 */
interface TwoStations {
  printer: VirtualPrinter;
  server: RunningProcess;
  api: ApiClient;
  /** Station 1's way to the server. */
  link1: NetworkLink;
  host1: RunningProcess;
  host2: RunningProcess;
}

/** The tests build on each other: one set of processes for this file, in a worker of its own. */
const test = base.extend<object, { twoStations: TwoStations }>({
  twoStations: [
    async ({ launchShared }, use) => {
      const printer = await launchShared.printer();
      const server = await launchShared.centralServer();
      const link1 = await launchShared.networkLink(server);
      const [host1, host2] = [await launchShared.stationHost(link1.url), await launchShared.stationHost(server.url)];
      await use({ printer, server, api: launchShared.api(server), link1, host1, host2 });
    },
    { scope: 'worker' },
  ],
});
test.use({ ownWorker: 'assigned-work' });
// One retry, for this spec only: under heavy load the take-ahead test has twice (of about ten full
// runs) found its own taken order "not held" after the server stopped. Not yet diagnosed; a retry
// is reported as flaky in the summary of `npm test`, never hidden.
test.describe.configure({ mode: 'serial', retries: process.env.E2E_NO_RETRY ? 0 : 1 });
// Its failing first try is the one to read: traced, though the other specs trace only a retry (playwright.config.ts).
test.use({ trace: 'retain-on-failure' });

const MUG = '5012345678900';
let printer: VirtualPrinter;
let server: RunningProcess;
let api: ApiClient;
let link1: NetworkLink;
let one: StationPage;
let two: StationPage;
let warehouseId = '';
const stationIds: string[] = [];

async function openStation(
  browser: Browser,
  host: RunningProcess,
  serverUrl: string,
  name: string,
  person: string,
  pin: string,
): Promise<StationPage> {
  const registered = await api('POST', '/v1/stations', { body: { name, warehouseId } });
  expect(registered.status).toBe(201);
  stationIds.push(registered.body.id);
  const page: Page = await (await browser.newContext()).newPage();
  const station = new StationPage(page);
  await page.goto(host.url);
  await station.enroll(serverUrl, registered.body.enrollmentCode);
  await station.signInWithPin(person, pin);
  await expect(page.getByTestId('signed-in')).toContainText(person);
  // A supervisor sets up the printer (a packer may not).
  await station.asSupervisor({ name: 'Sam Supervisor', pin: '7391' }, { name: person, pin }, () =>
    station.addTcpPrinter('Zebra virtual', '127.0.0.1', printer.port),
  );
  await expect(station.connection()).toHaveText('Online');
  return station;
}

async function newOrder(): Promise<{ id: string; number: string }> {
  const created = await api('POST', '/v1/orders', {
    body: {
      currency: 'GBP',
      customer: { name: 'Ada Lovelace', email: 'ada@example.com' },
      shippingAddress: { name: 'Ada Lovelace', line1: '12 St James Square', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' },
      lines: [{ sku: 'SKU-MUG', barcode: MUG, name: 'Enamel mug', quantity: 2, unitPriceMinor: 1250, taxRateBps: 2000 }],
      payment: { status: 'paid' },
    },
  });
  expect(created.status).toBe(201);
  return { id: created.body.id, number: created.body.number };
}

const packagesOf = async (orderId: string) => (await api('GET', `/v1/orders/${orderId}`)).body.fulfillmentOrders[0].packages as unknown[];
const timelineOf = async (orderId: string) =>
  (await api('GET', `/v1/orders/${orderId}/timeline`)).body.data as {
    type: string;
    outcome: string;
    stationId: string | null;
    stationSeq: number | null;
  }[];

test.beforeAll(async ({ browser, twoStations }) => {
  ({ printer, server, api, link1 } = twoStations);
  const { host1, host2 } = twoStations;

  const wh = await api('POST', '/v1/warehouses', { body: { code: 'LON-1', name: 'London DC', priority: 1 } });
  warehouseId = wh.body.id;
  expect((await api('PUT', `/v1/inventory/${warehouseId}/SKU-MUG`, { body: { onHand: 100 } })).status).toBe(200);
  for (const [name, role, pin] of [
    ['Priya Packer', 'packer', '4825'],
    ['Pat Packer', 'packer', '5829'],
    ['Sam Supervisor', 'supervisor', '7391'],
  ]) {
    expect((await api('POST', '/v1/users', { body: { name, role, warehouseId, pin } })).status).toBe(201);
  }
  one = await openStation(browser, host1, link1.url, 'Pack 1', 'Priya Packer', '4825');
  two = await openStation(browser, host2, server.url, 'Pack 2', 'Pat Packer', '5829');
});

test('two stations scan the same order at once: exactly one packs it, the other is told who has it', async () => {
  const order = await newOrder();
  for (const s of [one, two]) await expect(s.holderOf(order.number)).toHaveText('open');

  // Codes are typed into "Type a code" so that keystroke timing on a loaded machine plays no part.
  await Promise.all([one.typeCode(order.number), two.typeCode(order.number)]);
  for (const s of [one, two]) await expect(s.message()).toContainText(/Opened|is being packed at/);
  const opened = [];
  for (const s of [one, two]) if (((await s.message().textContent()) ?? '').startsWith('Opened')) opened.push(s);
  expect(opened).toHaveLength(1);
  const [winner, loser] = opened[0] === one ? [one, two] : [two, one];
  const winnerName = winner === one ? 'Pack 1' : 'Pack 2';
  await expect(loser.message()).toHaveText(new RegExp(`^${order.number} is being packed at ${winnerName}`));
  expect(await loser.lastSound()).toBe('error');
  await expect(loser.page.getByTestId('open-order')).toHaveCount(0);
  await expect(loser.holderOf(order.number)).toHaveText(`at ${winnerName}`);
  await loser.page.getByTestId('acknowledge').click();

  // The winner packs and ships it: for the server, one station packed it, one parcel left.
  for (const code of [MUG, MUG]) await winner.typeCode(code);
  await expect(winner.message()).toContainText('All items scanned');
  await winner.typeCode(order.number);
  await expect(winner.message()).toContainText(`${order.number} shipped`);
  for (const s of [winner, loser]) await expect(s.pendingEvents()).toHaveText('0 waiting to sync');
  await expect.poll(() => packagesOf(order.id)).toHaveLength(1);
  const timeline = await timelineOf(order.id);
  expect(timeline.filter((e) => e.stationSeq !== null).every((e) => e.outcome === 'applied')).toBe(true);
  expect(new Set(timeline.filter((e) => e.stationSeq !== null).map((e) => e.stationId)).size).toBe(1);
  expect((await api('GET', `/v1/orders/${order.id}/tasks`)).body.data).toEqual([]);
});

test('each station takes work ahead and packs only its own offline: after reconnecting, one shipment per order and no conflicts', async () => {
  const first = await newOrder();
  const second = await newOrder();
  // A count the field cannot take says what it can, rather than only greying the button out.
  await one.page.getByTestId('take-count').fill('9999');
  await expect(one.page.getByTestId('take-orders-button')).toBeDisabled();
  await expect(one.page.getByTestId('take-count-hint')).toHaveText('Take 1 to 50 orders at a time');
  // Oldest first: station 1 takes the first order, station 2 the next.
  await one.takeOrders(1);
  await expect(one.page.getByTestId('take-count-hint')).toHaveCount(0);
  await expect(one.message()).toContainText(`Took 1 order: ${first.number}`);
  await two.takeOrders(1);
  await expect(two.message()).toContainText(`Took 1 order: ${second.number}`);
  await expect(one.holderOf(first.number)).toHaveText('held here');
  await expect(one.holderOf(second.number)).toHaveText('at Pack 2');
  await expect(two.holderOf(first.number)).toHaveText('at Pack 1');
  // "Took" is said once the station's own copy holds the order: unplugging now loses nothing.
  await expect(two.holderOf(second.number)).toHaveText('held here');
  await expect(one.heldCount()).toHaveText('1');

  await server.stop();
  for (const s of [one, two]) await expect(s.connection()).toHaveText('Offline');

  // The other station's order is visible, but not to be packed here.
  await one.typeCode(second.number);
  await expect(one.message()).toHaveText(new RegExp(`^${second.number} is being packed at Pack 2: put it aside`));
  expect(await one.lastSound()).toBe('error');
  await one.page.getByTestId('acknowledge').click();
  // Taking more needs the server.
  await expect(one.page.getByTestId('take-orders-button')).toBeDisabled();

  await one.packAndShip(first.number, [MUG, MUG]);
  await two.packAndShip(second.number, [MUG, MUG]);
  for (const s of [one, two]) await expect(s.pendingEvents()).toHaveText('6 waiting to sync');

  await server.restart();
  for (const s of [one, two]) {
    await expect(s.connection()).toHaveText('Online', { timeout: 30_000 });
    await expect(s.pendingEvents()).toHaveText('0 waiting to sync', { timeout: 30_000 });
    await expect(s.page.getByTestId('conflicts')).toHaveCount(0);
  }
  for (const order of [first, second]) {
    expect(await packagesOf(order.id)).toHaveLength(1);
    expect((await api('GET', `/v1/orders/${order.id}`)).body.status).toBe('shipped');
    const stationEvents = (await timelineOf(order.id)).filter((e) => e.stationSeq !== null);
    expect(stationEvents).toHaveLength(6);
    expect(stationEvents.every((e) => e.outcome === 'applied')).toBe(true);
    expect((await api('GET', `/v1/orders/${order.id}/tasks`)).body.data).toEqual([]);
  }
});

test('a supervisor moves an order from a station that is offline and packing it: its work ends as conflicts with tasks', async () => {
  const order = await newOrder();
  await one.takeOrders(1);
  await expect(one.message()).toContainText(`Took 1 order: ${order.number}`);
  await expect(two.holderOf(order.number)).toHaveText('at Pack 1');

  // Station 1 loses its network; the server and station 2 stay up.
  await link1.cut();
  await expect(one.connection()).toHaveText('Offline');
  await one.packAndShip(order.number, [MUG, MUG]);
  await expect(one.pendingEvents()).toHaveText('6 waiting to sync');

  // Meanwhile a supervisor at station 2 gives the order to station 2.
  const desk = new SupervisorPage(two.page);
  await two.page.getByTestId('sign-out').click();
  await two.signInWithPin('Sam Supervisor', '7391');
  await expect(two.page.getByTestId('signed-in')).toContainText('Sam Supervisor');
  await desk.open();
  await expect(desk.work(order.number)).toContainText('at Pack 1');
  await desk.moveToStation(order.number, 'Pack 2');
  await expect(two.message()).toContainText(`${order.number} moved to Pack 2`);

  // Station 1 comes back: what it did is on the record, as conflicts for a supervisor.
  await link1.restore();
  await expect(one.connection()).toHaveText('Online', { timeout: 30_000 });
  await expect(one.pendingEvents()).toHaveText('0 waiting to sync', { timeout: 30_000 });
  // Counted as the server's open tasks about them: one, for the box (its claim needs no follow-up).
  await expect(one.page.getByTestId('conflicts')).toHaveText('1 conflict for a supervisor');
  await expect(one.holderOf(order.number)).toHaveText('at Pack 2');

  const tasks = (await api('GET', `/v1/orders/${order.id}/tasks`)).body.data as { title: string }[];
  // One task for the box, named by its most pressing follow-up (the parcel left), not one per scan.
  expect(tasks).toHaveLength(1);
  await desk.refresh();
  // Which order, what was done, where and why in words, then what to do.
  const boxTask = desk.task(
    new RegExp(`${order.number}: .*a package was shipped at Pack 1 while the order was being packed at Pack 2\\. Intercept the parcel`),
  );
  await expect(boxTask).toContainText(`${order.number} is being packed at Pack 2`);
  const stationEvents = (await timelineOf(order.id)).filter((e) => e.stationSeq !== null);
  expect(stationEvents.map((e) => e.outcome)).toEqual(stationEvents.map(() => 'conflicted'));
  expect(stationEvents.every((e) => e.stationId === stationIds[0])).toBe(true);

  // The parcel left the building: the supervisor accepts it, and the order takes it as shipped from
  // Pack 1 (given back to it from Pack 2), so Pack 2 never packs it again.
  await boxTask.getByRole('button', { name: 'Accept the shipment' }).click();
  await expect(two.message()).toContainText(`Shipment accepted: ${order.number}`);
  await expect(boxTask).toHaveCount(0);
  const accepted = (await api('GET', `/v1/orders/${order.id}`)).body;
  expect(accepted.status).toBe('shipped');
  expect(accepted.fulfillmentOrders[0].packages.map((p: { status: string }) => p.status)).toEqual(['shipped']);
  await expect(two.page.locator(`[data-order-number="${order.number}"]`)).toHaveCount(0);
});

test('an order held here that a supervisor puts on hold is named beside the count, with why, and leaves the list to pack', async () => {
  const order = await newOrder();
  await one.takeOrders(1);
  await expect(one.message()).toContainText(`Took 1 order: ${order.number}`);
  await expect(one.holderOf(order.number)).toHaveText('held here');
  const heldBefore = await one.heldCount().textContent();

  const fulfillmentOrderId = (await api('GET', `/v1/orders/${order.id}`)).body.fulfillmentOrders[0].id as string;
  const held = await api('POST', `/v1/fulfillment-orders/${fulfillmentOrderId}/hold`, { body: { reasons: ['incorrect_address'] } });
  expect(held.status).toBe(200);

  await expect(one.page.getByTestId('held-on-hold')).toContainText(`of which on hold: ${order.number} (incorrect address)`);
  await expect(one.heldCount()).toHaveText(heldBefore!);
  await expect(one.page.locator(`[data-order-number="${order.number}"]`)).toHaveCount(0);
});

test('the order open at a station that a supervisor moves to another station is closed there at once, with why', async () => {
  const order = await newOrder();
  // Scanned once it has reached the station (a loaded machine pulls it later).
  await expect(one.queueRow(order.number)).toBeVisible();
  await one.typeCode(order.number);
  await expect(one.message()).toContainText(`Opened ${order.number}`);
  await one.typeCode(MUG);
  await expect(one.verifiedOf('SKU-MUG')).toHaveText('1 / 2');

  const fulfillmentOrderId = (await api('GET', `/v1/orders/${order.id}`)).body.fulfillmentOrders[0].id as string;
  const mugScanned = async () =>
    ((await api('GET', `/v1/fulfillment-orders/${fulfillmentOrderId}`)).body.lines as { sku: string; verified: number }[]).find(
      (l) => l.sku === 'SKU-MUG',
    )!.verified;
  // The scan has reached the server before the move (a loaded machine pushes it later).
  await expect.poll(mugScanned, { timeout: 20_000 }).toBe(1);
  const moved = await api('POST', `/v1/fulfillment-orders/${fulfillmentOrderId}/move`, {
    body: { stationId: stationIds[1], reason: 'Pack 1 is short of boxes' },
  });
  expect(moved.status).toBe(200);
  // The mug scanned here stays on this bench: Pack 2 scans its own.
  expect(await mugScanned()).toBe(0);

  // Said as it happens, not at the packer's next scan. (The station may see the order pass through
  // the pool on its way to Pack 2: then it says only that the order is no longer held here.)
  await expect(one.message()).toHaveText(
    new RegExp(`^${order.number} (was moved to Pack 2|is no longer held by this station): put back any items you scanned for it`),
  );
  expect(await one.lastSound()).toBe('error');
  await expect(one.page.getByTestId('open-order')).toHaveCount(0);
  await one.page.getByTestId('acknowledge').click();
});
