import { buildUps1z, isValidUps1z } from '../src/shared/carriers/tracking-numbers';
import { expect, test } from './support/fixtures';
import { StationPage } from './support/station-page';
import { floorSetup } from './support/floor-setup';

/**
 * The text of each Code 128 barcode in a ZPL label: its ^FD data (after ^FH_, so _XX hex escapes
 * are undone) with ZPL's code-set invocations (>: start B, >; start C, >6 to B, >0 a literal >) taken out.
 */
function code128Texts(zpl: string): string[] {
  return [...zpl.matchAll(/\^BCN[^^]*(?:\^FH_)?\^FD(.*?)\^FS/g)].map((m) =>
    m[1]!
      .replace(/_([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
      .replace(/^>[:;]/, '')
      .replace(/>6/g, '')
      .replace(/>0/g, '>'),
  );
}

/**
 * Shipping with a carrier while the server is down: the station was given a block of UPS
 * tracking numbers while online, the warehouse's shipping rule picks the service, each label
 * carries the next number of the block as its tracking barcode, the packer is warned as the block
 * runs low, and after reconnecting the server's packages have carrier, service and those numbers.
 */
test('a station numbers carrier labels from its block offline and the server gets carrier, service and tracking number', async ({
  page,
  server,
  station,
  printer,
  api,
}) => {
  const floor = await floorSetup(api, {
    warehouse: { code: 'MAN-1', name: 'Manchester DC' },
    stock: { 'SKU-MUG': 50, 'SKU-TEE': 50 },
    station: 'Pack 1',
    people: [
      { name: 'Priya Packer', role: 'packer', pin: '4825' },
      { name: 'Sam Supervisor', role: 'supervisor', pin: '7391' },
    ],
  });
  // The warehouse ships UPS: shipper number DKS001, blocks of 10, more asked for below 9 left.
  const account = await api('POST', '/v1/carrier-accounts', {
    body: {
      warehouseId: floor.warehouseId,
      carrier: 'ups',
      accountNumber: 'DKS001',
      name: 'UPS Main',
      labelFormat: 'zpl',
      services: [
        { code: '03', name: 'UPS Ground' },
        { code: '01', name: 'UPS Next Day Air' },
      ],
      credentials: { userId: 'dockside', password: 'not-for-stations' },
      blockSize: 10,
      lowWater: 9,
    },
  });
  expect(account.status).toBe(201);
  const rules = await api('PUT', `/v1/warehouses/${floor.warehouseId}/shipping-rules`, {
    body: {
      rules: [
        { name: 'heavy goes next day', when: { weightGrams: { min: 20_000 } }, accountId: account.body.id, serviceCode: '01' },
        { name: 'GB parcels by ground', when: { countries: ['GB'] }, accountId: account.body.id, serviceCode: '03' },
      ],
    },
  });
  expect(rules.status).toBe(200);

  const packer = new StationPage(page);
  await page.goto(station.url);
  await packer.enroll(server.url, floor.enrollmentCode);
  await packer.signInWithPin('Priya Packer', '4825');
  await expect(page.getByTestId('station-ready')).toBeVisible();
  // A supervisor sets up the printer (a packer may not).
  await packer.asSupervisor({ name: 'Sam Supervisor', pin: '7391' }, { name: 'Priya Packer', pin: '4825' }, () =>
    packer.addTcpPrinter('Zebra virtual', '127.0.0.1', printer.port),
  );
  await expect(packer.connection()).toHaveText('Online');
  // Online, the station fetched its carriers and its first block (serials 1-10).
  await expect.poll(async () => (await api('GET', `/v1/carrier-accounts/${account.body.id}`)).body.nextSerial).toBe(11);

  const created = await api('POST', '/v1/orders', {
    body: {
      currency: 'GBP',
      customer: { name: 'Ada Lovelace', email: 'ada@example.com' },
      shippingAddress: { name: 'Ada Lovelace', line1: '12 St James Square', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' },
      lines: [
        { sku: 'SKU-MUG', barcode: '5012345678900', name: 'Enamel mug', quantity: 1, unitPriceMinor: 1250, taxRateBps: 2000 },
        { sku: 'SKU-TEE', barcode: '5012345678917', name: 'Cotton tee', quantity: 1, unitPriceMinor: 2000, taxRateBps: 2000 },
      ],
      shippingMinor: 499,
      payment: { status: 'paid' },
    },
  });
  expect(created.status).toBe(201);
  const orderNumber: string = created.body.number;
  await expect(packer.queueRow(orderNumber)).toBeVisible();
  await packer.takeOrders(5);
  await expect(packer.holderOf(orderNumber)).toHaveText('held here');

  await server.stop();
  await expect(packer.connection()).toHaveText('Offline');

  // Two packages: the mug, then the tee. The rule chooses UPS Ground for a parcel to GB.
  await packer.scan(orderNumber);
  await packer.scan('5012345678900');
  await expect(packer.verifiedOf('SKU-MUG')).toHaveText('1 / 1');
  await expect(page.getByTestId('carrier-chosen')).toHaveText('UPS Main · UPS Ground (rule “GB parcels by ground”)');
  await page.getByTestId('ship').click();
  await expect(packer.message()).toContainText('Package shipped');
  // One number used: 9 left, not yet below the mark.
  await expect(page.getByTestId('carrier-warning')).toHaveCount(0);

  await packer.scan('5012345678917');
  await expect(packer.verifiedOf('SKU-TEE')).toHaveText('1 / 1');
  // The packer overrides the rule for this package.
  await page.getByTestId('carrier-override').selectOption({ label: 'UPS Main · UPS Next Day Air' });
  await expect(page.getByTestId('carrier-chosen')).toHaveText('UPS Main · UPS Next Day Air (chosen by hand)');
  await page.getByTestId('ship').click();
  await expect(packer.message()).toContainText(`${orderNumber} shipped`);
  // Below the low-water mark while offline: the packer is told.
  await expect(page.getByTestId('carrier-warning')).toHaveText(
    'UPS Main: only 8 tracking numbers left (offline: more when the server is back)',
  );

  // Each label's tracking barcode is the next number of the block, with a valid check character.
  const labels = (await printer.waitForJobs(2)).map((b) => b.toString('utf8'));
  const tracking = labels.map((zpl) => code128Texts(zpl).find((t) => t.startsWith('1Z')));
  expect(tracking).toEqual([buildUps1z('DKS001', '03', 1), buildUps1z('DKS001', '01', 2)]);
  for (const t of tracking) expect(isValidUps1z(t!)).toBe(true);

  await server.restart();
  await expect(packer.connection()).toHaveText('Online', { timeout: 30_000 });
  await expect(packer.pendingEvents()).toHaveText('0 waiting to sync', { timeout: 30_000 });

  const packages = (await api('GET', `/v1/orders/${created.body.id}/packages`)).body.data as Record<string, unknown>[];
  expect(packages.map((p) => [p.carrier, p.service, p.trackingNumber, p.status])).toEqual([
    ['ups', 'UPS Ground', tracking[0], 'shipped'],
    ['ups', 'UPS Next Day Air', tracking[1], 'shipped'],
  ]);
  expect(packages[0]!.trackingUrl).toContain(tracking[0]);
  // Back online, the station refilled: the next block was issued, and nothing is reused.
  await expect.poll(async () => (await api('GET', `/v1/carrier-accounts/${account.body.id}`)).body.nextSerial).toBe(21);
  await expect(page.getByTestId('carrier-warning')).toHaveCount(0);
});
