import type { Browser } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { LAN_STATION_HOSTNAME, type RunningProcess } from './support/processes';
import { StationPage } from './support/station-page';
import type { ApiClient } from '../src/server/testing/api-client';
import type { VirtualPrinter } from '../src/main/printing/testing/virtual-printer';

/**
 * The floor walk-through's two screens of one station host (two browser contexts: two devices,
 * each its own copy and outbox) and the same one-apron order.
 */
const APRON = '5012345678924';

async function openScreen(browser: Browser, station: RunningProcess): Promise<StationPage> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(station.url);
  return new StationPage(page);
}

/** A warehouse with aprons, the station enrolled at the desk with a Zebra, `people` who sign in there, and a one-apron order. */
async function deskWithOrder(
  {
    browser,
    server,
    station,
    printer,
    api,
  }: { browser: Browser; server: RunningProcess; station: RunningProcess; printer: VirtualPrinter; api: ApiClient },
  code: string,
  people: [name: string, role: string, pin: string][],
) {
  const wh = await api('POST', '/v1/warehouses', { body: { code, name: 'London DC', priority: 1 } });
  expect((await api('PUT', `/v1/inventory/${wh.body.id}/APRON-LINEN`, { body: { onHand: 5 } })).status).toBe(200);
  const registered = await api('POST', '/v1/stations', { body: { name: `${code} pack`, warehouseId: wh.body.id } });
  for (const [name, role, pin] of people)
    expect((await api('POST', '/v1/users', { body: { name, role, warehouseId: wh.body.id, pin } })).status).toBe(201);
  const order = await api('POST', '/v1/orders', {
    body: {
      currency: 'GBP',
      customer: { name: 'Ada Lovelace', email: 'ada@example.com' },
      shippingAddress: { name: 'Ada Lovelace', line1: '12 St James Square', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' },
      lines: [{ sku: 'APRON-LINEN', barcode: APRON, name: 'Linen apron', quantity: 1, unitPriceMinor: 2400, taxRateBps: 2000 }],
      shippingMinor: 499,
      payment: { status: 'paid' },
    },
  });
  const desk = await openScreen(browser, station);
  await desk.enroll(server.url, registered.body.enrollmentCode);
  if (people[0]) {
    await desk.signInWithPin(people[0][0], people[0][2]);
    await expect(desk.page.getByTestId('signed-in')).toContainText(people[0][0]);
  }
  await desk.addTcpPrinter('Zebra virtual', '127.0.0.1', printer.port);
  return { desk, order: { id: order.body.id as string, number: order.body.number as string } };
}

/** Scans the order's one apron at `screen` and ships it: shipped once, one label, nothing left to sync, no task. */
async function shipsOnce(screen: StationPage, world: { printer: VirtualPrinter; api: ApiClient }, order: { id: string; number: string }) {
  await screen.typeCode(APRON);
  await expect(screen.verifiedOf('APRON-LINEN')).toHaveText('1 / 1');
  await screen.page.getByTestId('ship').click();
  await expect(screen.message()).toContainText(`${order.number} shipped`);
  await expect(screen.pendingEvents()).toHaveText('0 waiting to sync', { timeout: 30_000 });
  expect(world.printer.jobs).toHaveLength(1);
  expect((await world.api('GET', `/v1/orders/${order.id}/tasks`)).body.data).toEqual([]);
}

test('an order open at one screen is not opened at the other: it is packed and shipped at one', async ({
  browser,
  server,
  station,
  printer,
  api,
}) => {
  const world = { browser, server, station, printer, api };
  const { desk, order } = await deskWithOrder(world, 'LON-7', [
    ['Sam Supervisor', 'supervisor', '7391'],
    ['Priya Packer', 'packer', '4825'],
  ]);
  const other = await openScreen(world.browser, world.station);
  await other.signInWithPin('Priya Packer', '4825');
  await expect(other.page.getByTestId('signed-in')).toContainText('Priya Packer');

  await desk.typeCode(order.number);
  await expect(desk.message()).toContainText(`Opened ${order.number}`);
  await other.typeCode(order.number);
  // The other screen is named: here a second browser on the station's own computer.
  await expect(other.message()).toContainText(
    new RegExp(`${order.number} is open at Sam Supervisor's screen, “Station computer \\([0-9a-f]{8}\\)”: pack it there\\.`),
  );
  expect(await other.lastSound()).toBe('error');
  await expect(other.page.getByTestId('open-order')).toHaveCount(0);

  await shipsOnce(desk, world, order);
});

test('where nobody signs in, an order open at one screen is not opened at the other until that page is closed; it ships once', async ({
  browser,
  server,
  station,
  printer,
  api,
}) => {
  const world = { browser, server, station, printer, api };
  const { desk, order } = await deskWithOrder(world, 'LON-8', []);
  const other = await openScreen(world.browser, world.station);

  await desk.typeCode(order.number);
  await expect(desk.message()).toContainText(`Opened ${order.number}`);
  await other.typeCode(order.number);
  await expect(other.message()).toContainText(
    new RegExp(`${order.number} is open at the other screen, “Station computer \\([0-9a-f]{8}\\)”: pack it there\\.`),
  );
  expect(await other.lastSound()).toBe('error');
  await expect(other.page.getByTestId('open-order')).toHaveCount(0);

  // The desk's page is closed with the order open (a browser shut, a crash): the order is free at the other screen.
  await desk.page.context().close();
  await expect(async () => {
    await other.acknowledgeIfAsked();
    await other.typeCode(order.number);
    await expect(other.message()).toContainText(`Opened ${order.number}`, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await shipsOnce(other, world, order);
  await expect.poll(async () => (await world.api('GET', `/v1/orders/${order.id}`)).body.status, { timeout: 30_000 }).toBe('shipped');
});

test('an order open at a packer’s handheld that is gone: at the desk she is told so, packs it there instead, and it ships once', async ({
  browser,
  server,
  station,
  printer,
  api,
}) => {
  const world = { browser, server, station, printer, api };
  const { desk, order } = await deskWithOrder(world, 'LON-9', [
    ['Sam Supervisor', 'supervisor', '7391'],
    ['Margaret Turing', 'packer', '4825'],
  ]);
  // The supervisor set the printer up; Margaret packs.
  await desk.page.getByTestId('sign-out').click();
  await desk.signInWithPin('Margaret Turing', '4825');
  await expect(desk.page.getByTestId('signed-in')).toContainText('Margaret Turing');
  const handheld = await openScreen(world.browser, world.station);
  await handheld.signInWithPin('Margaret Turing', '4825');
  await handheld.typeCode(order.number);
  await expect(handheld.message()).toContainText(`Opened ${order.number}`);

  // The handheld's battery dies (its browser is gone): at the desk, the order is hers, at a screen not connected.
  await handheld.page.context().close();
  await expect(async () => {
    await desk.acknowledgeIfAsked();
    await desk.typeCode(order.number);
    await expect(desk.message()).toContainText(
      new RegExp(`${order.number} is open at your other screen, “Station computer \\([0-9a-f]{8}\\)”, which is not connected now`),
      {
        timeout: 2_000,
      },
    );
  }).toPass({ timeout: 30_000 });
  expect(await desk.lastSound()).toBe('error');
  await expect(desk.page.getByTestId('take-here')).toContainText('Scans that screen had not sent stay on it');
  await desk.page.getByTestId('take-here-confirm').click();
  await expect(desk.message()).toContainText(`Opened ${order.number}`);
  await expect(desk.page.getByTestId('take-here')).toHaveCount(0);

  await shipsOnce(desk, world, order);
});

test('a packer’s handheld gone with an order open: another packer is told whose it is, a supervisor signs that screen out, and the order opens', async ({
  browser,
  server,
  station,
  printer,
  api,
}) => {
  const world = { browser, server, station, printer, api };
  const sam = { name: 'Sam Supervisor', pin: '7391' };
  const bob = { name: 'Bob Packer', pin: '5170' };
  const { desk, order } = await deskWithOrder(world, 'LON-10', [
    ['Sam Supervisor', 'supervisor', sam.pin],
    ['Margaret Turing', 'packer', '4825'],
    ['Bob Packer', 'packer', bob.pin],
  ]);
  await desk.page.getByTestId('sign-out').click();
  await desk.signInWithPin(bob.name, bob.pin);
  const handheld = await openScreen(world.browser, world.station);
  await handheld.signInWithPin('Margaret Turing', '4825');
  await handheld.typeCode(order.number);
  await expect(handheld.message()).toContainText(`Opened ${order.number}`);
  await handheld.page.context().close();

  await expect(async () => {
    await desk.acknowledgeIfAsked();
    await desk.typeCode(order.number);
    await expect(desk.message()).toContainText(
      new RegExp(
        `${order.number} is open at Margaret Turing's screen, “Station computer \\([0-9a-f]{8}\\)”, which is not connected now\\.`,
      ),
      {
        timeout: 2_000,
      },
    );
  }).toPass({ timeout: 30_000 });
  await expect(desk.message()).toContainText('a supervisor can sign it out (Supervisor, Screens)');
  // Not Bob's screen to move: nothing offers it.
  await expect(desk.page.getByTestId('take-here')).toHaveCount(0);
  await desk.acknowledgeIfAsked();

  await desk.asSupervisor(sam, bob, async () => {
    await desk.page.getByRole('navigation').getByRole('button', { name: 'Supervisor', exact: true }).click();
    const row = desk.page.getByTestId('screen').filter({ hasText: 'Margaret Turing' });
    await expect(row).toContainText(order.number);
    // Named as it paired: the "handheld" here is a second browser on the station's own computer.
    await expect(row.getByRole('cell').first()).toHaveText(/^Station computer \([0-9a-f]{8}\)$/);
    await expect(row).toContainText('Not connected');
    await row.getByTestId('screen-sign-out').click();
    await expect(row).toContainText('Scans that screen had not sent stay on it');
    await row.getByTestId('screen-sign-out-confirm').click();
    await expect(desk.message()).toContainText(
      `Margaret Turing is signed out at that screen: ${order.number} can be opened at another screen`,
    );
    await expect(desk.page.getByTestId('screen')).toHaveCount(0);
  });

  await desk.acknowledgeIfAsked();
  await desk.typeCode(order.number);
  await expect(desk.message()).toContainText(`Opened ${order.number}`);
  await shipsOnce(desk, world, order);
});

test('a handheld on the warehouse LAN pairs with the code and a name, packs and ships; meanwhile the desk is told the order is open there, by that name', async ({
  browser,
  launch,
  server,
  printer,
  api,
}) => {
  // The station host serves the LAN under a name: the handheld's page is not the station's own,
  // and plain HTTP to a name is no secure context (no crypto.subtle, no crypto.randomUUID).
  const station = await launch.stationHost(server.url, { allowedHosts: [LAN_STATION_HOSTNAME] });
  const world = { browser, server, station, printer, api };
  const { desk, order } = await deskWithOrder(world, 'LON-11', [
    ['Sam Supervisor', 'supervisor', '7391'],
    ['Margaret Turing', 'packer', '4825'],
  ]);

  const page = await (await browser.newContext()).newPage();
  await page.goto(station.url.replace('127.0.0.1', LAN_STATION_HOSTNAME));
  await expect(page.getByTestId('pair-device')).toBeVisible();
  expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
  const code = [...station.output().matchAll(/Pairing code for a handheld or browser: (\S+)/g)].at(-1)![1]!;
  await page.getByTestId('pairing-code-input').fill(code);
  await page.getByTestId('screen-name-input').fill('Handheld 3');
  await page.getByRole('button', { name: 'Pair' }).click();
  const handheld = new StationPage(page);
  await handheld.signInWithPin('Margaret Turing', '4825');
  await expect(page.getByTestId('signed-in')).toContainText('Margaret Turing');
  await handheld.typeCode(order.number);
  await expect(handheld.message()).toContainText(`Opened ${order.number}`);

  await desk.typeCode(order.number);
  await expect(desk.message()).toContainText(`${order.number} is open at Margaret Turing's screen, “Handheld 3”: pack it there.`);
  await desk.acknowledgeIfAsked();
  await desk.page.getByRole('navigation').getByRole('button', { name: 'Supervisor', exact: true }).click();
  await expect(desk.page.getByTestId('screen').filter({ hasText: 'Margaret Turing' }).getByRole('cell').first()).toHaveText('Handheld 3');

  await shipsOnce(handheld, world, order);
  await expect.poll(async () => (await world.api('GET', `/v1/orders/${order.id}`)).body.status, { timeout: 30_000 }).toBe('shipped');
});
