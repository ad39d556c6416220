import { expect, test } from './support/fixtures';
import { StationPage } from './support/station-page';
import { floorSetup } from './support/floor-setup';

const MUG = '5012345678900';
const TEE = '5012345678917';

/**
 * The office cancels some units of the order open on the pack screen, while the packer has
 * scanned more of them than the order now wants (the station was offline for the last scans):
 * when the changed order arrives, the packer is told with the error sound which item, how many
 * fewer, and how many to put back, and the package that ships holds only what is wanted now.
 */
test('a partial cancel of the order being packed is said, and the extra units do not ship', async ({
  page,
  launch,
  server,
  printer,
  api,
}) => {
  const link = await launch.networkLink(server);
  const host = await launch.stationHost(link.url);
  const priya = { name: 'Priya Packer', pin: '4825' };
  const sam = { name: 'Sam Supervisor', pin: '7391' };
  const floor = await floorSetup(api, {
    warehouse: { code: 'LON-1', name: 'London DC' },
    stock: { 'SKU-MUG': 50, 'SKU-TEE': 50 },
    station: 'Pack 1',
    people: [
      { ...priya, role: 'packer' },
      { ...sam, role: 'supervisor' },
    ],
  });

  const packer = new StationPage(page);
  await page.goto(host.url);
  await packer.enroll(link.url, floor.enrollmentCode);
  await packer.signInWithPin(priya.name, priya.pin);
  await expect(page.getByTestId('signed-in')).toContainText(priya.name);
  await packer.asSupervisor(sam, priya, () => packer.addTcpPrinter('Zebra virtual', '127.0.0.1', printer.port));
  await expect(packer.connection()).toHaveText('Online');

  const created = await api('POST', '/v1/orders', {
    body: {
      currency: 'GBP',
      customer: { name: 'Ada Lovelace', email: 'ada@example.com' },
      shippingAddress: { name: 'Ada Lovelace', line1: '12 St James Square', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' },
      lines: [
        { sku: 'SKU-MUG', barcode: MUG, name: 'Enamel mug', quantity: 3, unitPriceMinor: 1250, taxRateBps: 2000 },
        { sku: 'SKU-TEE', barcode: TEE, name: 'Cotton tee', quantity: 1, unitPriceMinor: 2000, taxRateBps: 2000 },
      ],
      payment: { status: 'paid' },
    },
  });
  expect(created.status).toBe(201);
  const order = { id: created.body.id as string, number: created.body.number as string };
  const mugLine = (created.body.lines as { id: string; sku: string }[]).find((l) => l.sku === 'SKU-MUG')!;
  await expect(packer.queueRow(order.number)).toBeVisible();
  await packer.takeOrders(5);
  await expect(packer.holderOf(order.number)).toHaveText('held here');

  // One mug scanned online; the other two while the station is cut off from the server.
  await packer.typeCode(order.number);
  await expect(packer.message()).toContainText(`Opened ${order.number}`);
  await packer.typeCode(MUG);
  await expect(packer.verifiedOf('SKU-MUG')).toHaveText('1 / 3');
  await expect(packer.pendingEvents()).toHaveText('0 waiting to sync');
  await link.cut();
  await expect(packer.connection()).toHaveText('Offline');
  await packer.typeCode(MUG);
  await expect(packer.verifiedOf('SKU-MUG')).toHaveText('2 / 3');
  await packer.typeCode(MUG);
  await expect(packer.verifiedOf('SKU-MUG')).toHaveText('3 / 3');

  // Meanwhile the office cancels two mugs: the server takes them off the fulfillment order.
  const cancelled = await api('POST', `/v1/orders/${order.id}/partial-cancel`, {
    body: { lines: [{ lineId: mugLine.id, quantity: 2 }], reason: 'customer wants one mug' },
  });
  expect(cancelled.status).toBe(200);

  await link.restore();
  await expect(packer.message()).toHaveText(
    new RegExp(`${order.number} now wants 1 Enamel mug \\(SKU-MUG\\), 2 fewer: 3 scanned, put 2 back\\.`),
  );
  expect(await packer.lastSound()).toBe('error');
  await expect(packer.verifiedOf('SKU-MUG')).toHaveText('1 / 1');
  await page.getByTestId('acknowledge').click();

  // The rest of the order ships, and its package holds one mug.
  await packer.typeCode(TEE);
  await expect(packer.message()).toContainText('All items scanned');
  await packer.typeCode(order.number);
  await expect(packer.message()).toContainText(`${order.number} shipped`);
  await expect
    .poll(async () => {
      const fo = (await api('GET', `/v1/orders/${order.id}`)).body.fulfillmentOrders[0];
      const shipped = (fo.packages as { status: string; contents: { lineId: string; quantity: number }[] }[]).filter(
        (p) => p.status === 'shipped',
      );
      return shipped.flatMap((p) => p.contents).map((c) => c.quantity);
    })
    .toEqual([1, 1]);
});
