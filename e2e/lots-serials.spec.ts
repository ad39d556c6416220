import { expect, test } from './support/fixtures';
import { StationPage } from './support/station-page';
import { floorSetup } from './support/floor-setup';

/**
 * Lots and serials, end to end with real processes: a serial-tracked camera and a lot-tracked
 * carton of milk are packed while the server is down. The serials come from a GS1 scan (AI 21)
 * and, for a unit whose label has only its GTIN, typed when the station asks; a serial already
 * scanned is refused at once. The milk's lot and expiry come from its GS1 scan (AI 10, AI 17).
 * The printer jams at the first Ship: the packer unpacks that box (its label and slip are voided)
 * and the next box holds the same serials without a new scan. The packing slip that reaches the
 * (virtual) printer lists them; after reconnecting, the server has the first box voided and the
 * second's contents and the order's timeline hold them.
 */
const CAMERA_GTIN = '9506000134352';
const MILK_GTIN = '5012345678924';

test('a serial-tracked and a lot-tracked SKU are packed offline and their serials and lot reach the slip and the server', async ({
  page,
  server,
  station,
  printer,
  api,
}) => {
  // Two server starts and some forty scans: on a loaded machine this takes longer than one ship.
  test.slow();
  const packerUser = { name: 'Priya Packer', pin: '4825' };
  const supervisor = { name: 'Sam Supervisor', pin: '7391' };
  const floor = await floorSetup(api, {
    warehouse: { code: 'LOT-1', name: 'Lots DC' },
    stock: { 'CAM-1': 20, 'MILK-1': 20 },
    station: 'Pack 1',
    people: [
      { ...packerUser, role: 'packer' },
      { ...supervisor, role: 'supervisor' },
    ],
  });
  expect((await api('PUT', '/v1/skus/CAM-1/tracking', { body: { tracking: 'serial' } })).body.tracking).toBe('serial');
  expect((await api('PUT', '/v1/skus/MILK-1/tracking', { body: { tracking: 'lot' } })).body.tracking).toBe('lot');

  const packer = new StationPage(page);
  await page.goto(station.url);
  await packer.enroll(server.url, floor.enrollmentCode);
  await packer.signInWithPin(packerUser.name, packerUser.pin);
  await expect(page.getByTestId('station-ready')).toBeVisible();
  // A supervisor sets up the printer, and sends packing slips to it too.
  await packer.asSupervisor(supervisor, packerUser, async () => {
    await packer.openPrinters();
    await packer.addPrinter({ name: 'Zebra virtual', language: 'zpl', host: '127.0.0.1', port: printer.port });
    await packer.routeDocument('Packing slip', 'Zebra virtual');
    await page.getByRole('button', { name: 'Pack' }).click();
  });
  await expect(packer.connection()).toHaveText('Online');

  const created = await api('POST', '/v1/orders', {
    body: {
      currency: 'GBP',
      customer: { name: 'Ada Lovelace', email: 'ada@example.com' },
      shippingAddress: { name: 'Ada Lovelace', line1: '12 St James Square', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' },
      lines: [
        { sku: 'CAM-1', barcode: CAMERA_GTIN, name: 'Camera', quantity: 2, unitPriceMinor: 30000, taxRateBps: 2000 },
        { sku: 'MILK-1', barcode: MILK_GTIN, name: 'Milk carton', quantity: 2, unitPriceMinor: 150, taxRateBps: 0 },
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
  await packer.scan(orderNumber);
  await expect(page.getByTestId('open-order')).toContainText(orderNumber);
  const trackingOf = (sku: string) => page.locator(`[data-testid="lines"] tr[data-sku="${sku}"] [data-testid="line-tracking"]`);
  await expect(trackingOf('CAM-1')).toHaveText('serial needed');

  // A camera whose GS1 label carries its serial (AI 21): counted with it at once.
  await packer.scan(`(01)0${CAMERA_GTIN}(21)CAM-0001`);
  await expect(packer.verifiedOf('CAM-1')).toHaveText('1 / 2');
  await expect(trackingOf('CAM-1')).toHaveText('SN CAM-0001');

  // A camera with only its GTIN: the station asks for the serial and counts nothing yet.
  await packer.scan(CAMERA_GTIN);
  await expect(page.getByTestId('unit-capture')).toContainText('serial number of this Camera');
  await expect(packer.verifiedOf('CAM-1')).toHaveText('1 / 2');
  // The serial may be typed from the box at once: "Type a code" has focus (a scan into it is still a scan).
  await expect(page.getByTestId('manual-code')).toBeFocused();
  // Its barcode again is not a serial, nor is the order's number; a serial already scanned is refused.
  await packer.scan(CAMERA_GTIN);
  await expect(packer.message()).toContainText("That is the item's barcode");
  await page.getByTestId('acknowledge').click();
  await packer.scan(orderNumber);
  await expect(packer.message()).toContainText('That is an order number, not a serial number');
  expect(await packer.lastSound()).toBe('error');
  await page.getByTestId('acknowledge').click();
  await expect(page.getByTestId('unit-capture')).toBeVisible();
  await packer.enterCodeByHand('CAM-0001');
  await expect(packer.message()).toContainText('Serial CAM-0001 of CAM-1 is already packed');
  expect(await packer.lastSound()).toBe('error');
  await page.getByTestId('acknowledge').click();
  await expect(packer.verifiedOf('CAM-1')).toHaveText('1 / 2');
  // The packer puts that unit aside, takes the next one, and types the serial from its box.
  await packer.scan(CAMERA_GTIN);
  await expect(page.getByTestId('unit-capture')).toBeVisible();
  await packer.enterCodeByHand('CAM-0002');
  await expect(packer.verifiedOf('CAM-1')).toHaveText('2 / 2');
  await expect(page.getByTestId('unit-capture')).toHaveCount(0);
  await expect(trackingOf('CAM-1')).toHaveText('SN CAM-0001, CAM-0002');

  // A carton past its expiry date is refused; the packer takes another.
  await packer.scan(`(01)0${MILK_GTIN}(17)240101(10)L-2023`);
  await expect(packer.message()).toContainText('Lot L-2023 expired on 2024-01-01: put this unit aside and take another');
  expect(await packer.lastSound()).toBe('error');
  await page.getByTestId('acknowledge').click();
  await expect(packer.verifiedOf('MILK-1')).toHaveText('0 / 2');
  // Milk: lot and expiry from its GS1 DataMatrix (AI 17, AI 10).
  await packer.scan(`(01)0${MILK_GTIN}(17)270531(10)L-2027`);
  await packer.scan(`(01)0${MILK_GTIN}(17)270531(10)L-2027`);
  await expect(packer.verifiedOf('MILK-1')).toHaveText('2 / 2');
  await expect(trackingOf('MILK-1')).toHaveText('LOT L-2027 EXP 2027-05-31 x2');
  await expect(packer.message()).toContainText('All items scanned');

  // The Zebra jams as the box is shipped: its slip and label wait in the queue.
  printer.setMode('refuse');
  await packer.scan(orderNumber);
  await expect(packer.message()).toContainText(`has not taken ${orderNumber}'s label`);
  await page.getByTestId('acknowledge').click();
  const box = page.locator('[data-testid="packages"] li');
  await expect(box).toHaveAttribute('data-status', 'packing');
  const firstPackageId = await box.getAttribute('data-package-id');
  // The packer takes the box apart, still offline: its slip and label are voided, and the units
  // are scanned and unpacked again, serials and lot included, for the next box.
  await page.getByTestId('unpack').click();
  await page.getByTestId('unpack-reason').selectOption('label printer down');
  await page.getByTestId('unpack-confirm').click();
  await expect(packer.message()).toContainText('Package unpacked: 4 units are scanned and ready to pack again');
  await expect(box).toHaveAttribute('data-status', 'voided');
  await expect(page.getByTestId('label-waiting')).toHaveCount(0);
  await expect(trackingOf('CAM-1')).toHaveText('SN CAM-0001, CAM-0002');
  await expect(packer.verifiedOf('CAM-1')).toHaveText('2 / 2');

  // The Zebra is fixed: the next box ships.
  printer.setMode('accept');
  await packer.scan(orderNumber);
  await expect(packer.message()).toContainText(`${orderNumber} shipped`);

  // The packing slip went to the printer before the label, with every serial and the lot.
  const jobs = await printer.waitForJobs(2);
  const slip = jobs.map((j) => j.toString('utf8')).find((z) => z.includes('PACKING SLIP'));
  expect(slip, 'no packing slip among the printed jobs').toBeTruthy();
  for (const text of ['CAM-0001', 'CAM-0002', 'LOT L-2027', '2027-05-31']) expect(slip).toContain(text);

  await server.restart();
  await expect(packer.connection()).toHaveText('Online', { timeout: 30_000 });
  await expect(packer.pendingEvents()).toHaveText('0 waiting to sync', { timeout: 30_000 });

  // On the server: the package contents hold the serials and the lot, as does the timeline.
  const order = await api('GET', `/v1/orders/${created.body.id}`);
  expect(order.body.status).toBe('shipped');
  const fo = order.body.fulfillmentOrders[0];
  const lineId = (sku: string) => fo.lines.find((l: { sku: string }) => l.sku === sku).lineId;
  // The unpacked box is voided with its reason; the second one shipped. Only its slip and label printed.
  expect(fo.packages.map((p: { id: string; status: string }) => p.status)).toEqual(['voided', 'shipped']);
  expect(fo.packages[0].id).toBe(firstPackageId);
  expect((await api('GET', `/v1/packages/${firstPackageId}`)).body.voidReason).toBe('label printer down');
  expect(printer.jobs).toHaveLength(2);
  const shipped = fo.packages[1].id;
  const pkg = await api('GET', `/v1/packages/${shipped}`);
  expect(pkg.body.contents).toEqual(
    expect.arrayContaining([
      {
        lineId: lineId('CAM-1'),
        quantity: 2,
        units: [
          { serial: 'CAM-0001', lot: null, expiry: null, quantity: 1 },
          { serial: 'CAM-0002', lot: null, expiry: null, quantity: 1 },
        ],
      },
      { lineId: lineId('MILK-1'), quantity: 2, units: [{ serial: null, lot: 'L-2027', expiry: '2027-05-31', quantity: 2 }] },
    ]),
  );
  const timeline = await api('GET', `/v1/orders/${created.body.id}/timeline`);
  const scans = timeline.body.data.filter((e: { type: string }) => e.type === 'item-verified');
  expect(scans.map((e: { payload: { serial?: string; lot?: string } }) => e.payload.serial ?? e.payload.lot)).toEqual([
    'CAM-0001',
    'CAM-0002',
    'L-2027',
    'L-2027',
  ]);
  expect(scans.every((e: { outcome: string }) => e.outcome === 'applied')).toBe(true);
  // Where a serial shipped, for the returns desk and support.
  const where = await api('GET', '/v1/serials/CAM-0002');
  expect(where.body.data).toEqual([expect.objectContaining({ orderNumber, packageId: shipped })]);
});
