import type { Browser } from '@playwright/test';
import { expect, test } from './support/fixtures';
import type { RunningProcess } from './support/processes';
import { StationPage } from './support/station-page';

/**
 * The floor walk-through's two screens of one station host (two devices, each its own copy and
 * outbox) with the same one-apron order open: the apron is scanned on one, and Ship is pressed on
 * both at the same moment. One label prints; the other screen is told, with the error sound, that
 * the order is (being) shipped at the other screen; the server keeps one package and opens no task.
 */
const APRON = '5012345678924';

async function openScreen(browser: Browser, station: RunningProcess): Promise<StationPage> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(station.url);
  return new StationPage(page);
}

test('Ship pressed on two screens of one station at once prints one label', async ({ browser, server, station, printer, api }) => {
  const wh = await api('POST', '/v1/warehouses', { body: { code: 'LON-7', name: 'London DC', priority: 1 } });
  expect((await api('PUT', `/v1/inventory/${wh.body.id}/APRON-LINEN`, { body: { onHand: 5 } })).status).toBe(200);
  const registered = await api('POST', '/v1/stations', { body: { name: 'Pack 7', warehouseId: wh.body.id } });
  for (const [name, role, pin] of [
    ['Sam Supervisor', 'supervisor', '7391'],
    ['Priya Packer', 'packer', '4825'],
  ])
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
  const number: string = order.body.number;

  const desk = await openScreen(browser, station);
  await desk.enroll(server.url, registered.body.enrollmentCode);
  await desk.signInWithPin('Sam Supervisor', '7391');
  await expect(desk.page.getByTestId('signed-in')).toContainText('Sam Supervisor');
  await desk.addTcpPrinter('Zebra virtual', '127.0.0.1', printer.port);
  const other = await openScreen(browser, station);
  await other.signInWithPin('Priya Packer', '4825');
  await expect(other.page.getByTestId('signed-in')).toContainText('Priya Packer');

  await desk.typeCode(number);
  await expect(desk.message()).toContainText(`Opened ${number}`);
  await other.typeCode(number);
  await expect(other.message()).toContainText(`Opened ${number}`);
  await desk.typeCode(APRON);
  await expect(desk.verifiedOf('APRON-LINEN')).toHaveText('1 / 1');
  // The scan reaches the other screen's copy through the server: there too the apron is scanned, not yet packed.
  await expect(other.verifiedOf('APRON-LINEN')).toHaveText('1 / 1', { timeout: 30_000 });

  await Promise.all([desk.page.getByTestId('ship').click(), other.page.getByTestId('ship').click()]);

  const shipped = new RegExp(`${number} shipped`);
  const refused = new RegExp(`${number} (is being|was already) shipped at the other screen \\(.+\\): nothing was printed here`);
  const outcome = async () => {
    const texts = await Promise.all([desk, other].map((s) => s.message().textContent()));
    return { shipped: texts.filter((t) => shipped.test(t ?? '')).length, refused: texts.filter((t) => refused.test(t ?? '')).length };
  };
  await expect.poll(outcome, { timeout: 30_000 }).toEqual({ shipped: 1, refused: 1 });
  const loser = refused.test((await desk.message().textContent()) ?? '') ? desk : other;
  expect(await loser.lastSound()).toBe('error');

  for (const screen of [desk, other]) await expect(screen.pendingEvents()).toHaveText('0 waiting to sync', { timeout: 30_000 });
  expect(printer.jobs).toHaveLength(1);
  await expect.poll(async () => (await api('GET', `/v1/orders/${order.body.id}`)).body.status, { timeout: 30_000 }).toBe('shipped');
  expect((await api('GET', `/v1/orders/${order.body.id}/tasks`)).body.data).toEqual([]);
  const timeline = (await api('GET', `/v1/orders/${order.body.id}/timeline`)).body.data as { type: string; outcome: string }[];
  expect(timeline.filter((e) => e.type === 'package-created').map((e) => e.outcome)).toEqual(['applied']);
});
