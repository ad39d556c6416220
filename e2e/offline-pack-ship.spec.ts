import { gs1CheckDigit } from '../src/shared/domain/gs1';
import { expect, test } from './support/fixtures';
import { StationPage } from './support/station-page';
import { floorSetup } from './support/floor-setup';

/** A warehouse's own 12-digit code on the tee: a UPC-A would end in 7, so only the open order vouches for it. */
const TEE_CODE = '100000000001';

/**
 * The walking skeleton, end to end with real processes: an order created through the REST API
 * reaches the station, is taken by it, is packed and shipped while the central server is down, the label's
 * bytes reach a (virtual) TCP printer, and when the server returns its timeline holds every
 * station event exactly once.
 */
test('an order is packed and shipped offline and every station event reaches the server once', async ({
  page,
  server,
  station,
  printer,
  api,
}) => {
  // Set up: a warehouse with stock, a station registered to it, and a packer and a supervisor of
  // this warehouse (the station learns who may sign in from the server).
  const sam = { name: 'Sam Supervisor', pin: '7391' };
  const floor = await floorSetup(api, {
    warehouse: { code: 'LON-1', name: 'London DC' },
    stock: { 'SKU-MUG': 50, 'SKU-TEE': 50 },
    station: 'Pack 1',
    people: [
      { name: 'Priya Packer', role: 'packer', pin: '4825' },
      { ...sam, role: 'supervisor' },
    ],
  });
  const priyaId = floor.userIds['Priya Packer'];

  const packer = new StationPage(page);
  await page.goto(station.url);
  await packer.enroll(server.url, floor.enrollmentCode);
  // Nobody works until someone signs in; a wrong PIN is refused with the error sound.
  await expect(page.getByTestId('sign-in')).toBeVisible();
  await packer.signInWithPin('Priya Packer', '4826');
  await expect(packer.message()).toContainText('Wrong PIN for Priya Packer (4 tries left)');
  expect(await packer.lastSound()).toBe('error');
  await page.getByTestId('acknowledge').click();
  await page.getByTestId('pin').fill('4825');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('station-ready')).toBeVisible();
  await expect(page.getByTestId('signed-in')).toContainText('Priya Packer');
  // A supervisor sets up the printer (a packer may not).
  await packer.asSupervisor(sam, { name: 'Priya Packer', pin: '4825' }, () =>
    packer.addTcpPrinter('Zebra virtual', '127.0.0.1', printer.port),
  );
  await expect(packer.connection()).toHaveText('Online');

  // An integrator creates a paid order: it is confirmed and routed to this warehouse.
  const created = await api('POST', '/v1/orders', {
    body: {
      currency: 'GBP',
      customer: { name: 'Ada Lovelace', email: 'ada@example.com' },
      shippingAddress: { name: 'Ada Lovelace', line1: '12 St James Square', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' },
      lines: [
        { sku: 'SKU-MUG', barcode: '5012345678900', name: 'Enamel mug', quantity: 2, unitPriceMinor: 1250, taxRateBps: 2000 },
        // The tee carries the warehouse's own numeric code: a UPC-A's length, not its check digit.
        { sku: 'SKU-TEE', barcode: TEE_CODE, name: 'Cotton tee', quantity: 1, unitPriceMinor: 2000, taxRateBps: 2000 },
      ],
      shippingMinor: 499,
      payment: { status: 'paid' },
    },
  });
  expect(created.status).toBe(201);
  const orderNumber: string = created.body.number;
  expect(orderNumber).toMatch(/^ORD-\d{8}-\d{5}$/);
  await expect(packer.queueRow(orderNumber)).toBeVisible();
  await expect(page.getByTestId('queue-count')).toHaveText('1');

  // The station takes it while online: offline, a station packs only what it holds.
  await expect(packer.holderOf(orderNumber)).toHaveText('open');
  await packer.takeOrders(5);
  await expect(packer.message()).toContainText(`Took 1 order: ${orderNumber}. This station holds 1.`);
  await expect(packer.holderOf(orderNumber)).toHaveText('held here');
  await expect(packer.heldCount()).toHaveText('1');

  // The network goes away.
  await server.stop();
  await expect(packer.connection()).toHaveText('Offline');

  // Scanned while the Activity screen is in front: the Pack screen comes forward with the order
  // open, rather than packing it out of sight.
  await page.getByRole('button', { name: 'Activity', exact: true }).click();
  await expect(page.getByTestId('open-order')).toHaveCount(0);
  await packer.scan(orderNumber);
  await expect(page.getByRole('button', { name: 'Pack', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('open-order')).toContainText(orderNumber);

  // A wrong item: a visible error with the error sound, which must be acknowledged.
  await packer.scan('4006381333931');
  await expect(packer.message()).toContainText('is not on');
  expect(await packer.lastSound()).toBe('error');
  await packer.scan('5012345678900');
  await expect(packer.verifiedOf('SKU-MUG')).toHaveText('0 / 2'); // blocked until acknowledged
  await page.getByTestId('acknowledge').click();

  await packer.scan('5012345678900');
  await expect(packer.verifiedOf('SKU-MUG')).toHaveText('1 / 2');
  expect(await packer.lastSound()).toBe('success');
  await packer.scan('5012345678900');
  // The packer types the box's weight and, without confirming it, scans the last item: the
  // scan is taken as a scan, not typed into the field, and the weight stays as typed.
  const weight = page.getByTestId('package-weight');
  await packer.typeByHand(weight, '1.25');
  // The scanner reads the tee's label twice (a jittery read): one tee, counted once, no "too many".
  await packer.scanReadTwice(TEE_CODE);
  await expect(packer.verifiedOf('SKU-MUG')).toHaveText('2 / 2');
  await expect(packer.verifiedOf('SKU-TEE')).toHaveText('1 / 1');
  await expect(weight).toHaveValue('1.25');
  await expect(weight).toBeFocused();
  await expect(packer.message()).toContainText('All items scanned');
  // Over-scanning is refused, not counted.
  await packer.scan(TEE_CODE);
  await expect(packer.message()).toContainText('already scanned');
  await page.getByTestId('acknowledge').click();

  // Before printing, the packer can preview the label (nothing is queued or printed).
  await page.getByTestId('preview-label').click();
  await expect(page.getByAltText('Shipping label (preview)')).toBeVisible();
  expect(printer.jobs).toHaveLength(0);

  // The screen is reloaded (a frozen page): the order opens again with the weight typed for its
  // package still in the field, and ships with it (the package event below carries 1250 g).
  await page.reload();
  await expect(page.getByTestId('station-ready')).toBeVisible();
  await expect(page.getByTestId('open-order')).toContainText(orderNumber);
  await expect(packer.verifiedOf('SKU-TEE')).toHaveText('1 / 1');
  await expect(weight).toHaveValue('1.25');

  // The packer ships with the scanner alone, the weight field focused with the weight typed but
  // never confirmed: scanning the order number again ships what was scanned, with that weight
  // (the package event below carries 1250 g: nothing of the scan landed in the field).
  await weight.focus();
  await expect(weight).toHaveValue('1.25');
  await packer.scan(orderNumber);
  await expect(packer.message()).toContainText(`${orderNumber} shipped`);
  // After printing, the label that went to the printer is shown, rendered from the sent bytes.
  const printed = page.getByAltText('Last label printed');
  await expect(printed).toBeVisible();
  expect(await printed.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(300);

  // The label reached the printer: ZPL with the order number as Code 128 and the SSCC as GS1-128.
  const [label] = await printer.waitForJobs(1);
  const zpl = label!.toString('utf8');
  expect(zpl).toMatch(/^\s*\^XA/);
  expect(zpl).toContain('^CI28');
  expect(zpl.trim().endsWith('^XZ')).toBe(true);
  expect(zpl).toContain(orderNumber);
  // GS1-128 in ZPL: start code C (>;), FNC1 (>8), AI 00, then the 18 SSCC digits.
  const sscc = />;>800(\d{18})/.exec(zpl);
  expect(sscc, `no GS1-128 SSCC in:\n${zpl}`).not.toBeNull();
  const ssccDigits = sscc![1]!;
  expect(gs1CheckDigit(ssccDigits.slice(0, 17))).toBe(Number(ssccDigits[17]));

  // Seven events wait: claim, three scans, package, label, shipment. They survive a reload.
  await expect(packer.pendingEvents()).toHaveText('7 waiting to sync');
  // As an upgraded station would, the browser also holds the copy RxDB's replication plugin kept
  // of every pulled order (nothing reads it now): the station removes it when it starts.
  const dbPrefix = `rxdb-dexie-dockside-${floor.stationId.replace(/-/g, '')}--`;
  const leftover = `${dbPrefix}0--rx-replication-meta-5e1f2a`;
  await page.evaluate(
    (name) =>
      new Promise<void>((resolve, reject) => {
        const opening = indexedDB.open(name, 1);
        opening.onupgradeneeded = () => opening.result.createObjectStore('docs').put({ checkpoint: 1 }, 'x');
        opening.onsuccess = () => (opening.result.close(), resolve());
        opening.onerror = () => reject(opening.error);
      }),
    leftover,
  );
  const databases = () => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
  expect(await databases()).toContain(leftover);
  await page.reload();
  await expect(page.getByTestId('station-ready')).toBeVisible();
  await expect(packer.pendingEvents()).toHaveText('7 waiting to sync');
  await expect.poll(databases).not.toContain(leftover);
  // Shipped, though the server has not heard: the order is no longer to pack, nor held here.
  await expect(packer.queueRow(orderNumber)).toHaveCount(0);
  await expect(page.getByTestId('queue-count')).toHaveText('0');
  await expect(page.getByTestId('held-count')).toHaveText('0');
  // The station's own databases stay.
  expect((await databases()).some((name) => name.startsWith(dbPrefix) && name.endsWith('--fulfillment_orders'))).toBe(true);

  // The server comes back: the outbox drains.
  await server.restart();
  await expect(packer.connection()).toHaveText('Online', { timeout: 30_000 });
  await expect(packer.pendingEvents()).toHaveText('0 waiting to sync', { timeout: 30_000 });

  const order = await api('GET', `/v1/orders/${created.body.id}`);
  expect(order.body.status).toBe('shipped');
  const timeline = await api('GET', `/v1/orders/${created.body.id}/timeline`);
  // Taken online (recorded by the server as Priya at this station), then the station's own events.
  const taken = timeline.body.data.filter((e: { type: string }) => e.type === 'fulfillment-order-assigned');
  expect(taken).toEqual([
    expect.objectContaining({
      stationSeq: null,
      stationId: floor.stationId,
      actor: expect.objectContaining({ kind: 'user', id: priyaId }),
    }),
  ]);
  const stationEvents = timeline.body.data.filter((e: { stationSeq: number | null }) => e.stationSeq !== null);
  expect(stationEvents.map((e: { type: string }) => e.type)).toEqual([
    'fulfillment-order-claimed',
    'item-verified',
    'item-verified',
    'item-verified',
    'package-created',
    'label-printed',
    'package-shipped',
  ]);
  expect(new Set(stationEvents.map((e: { id: string }) => e.id)).size).toBe(7);
  expect(stationEvents.map((e: { stationSeq: number }) => e.stationSeq)).toEqual(
    [...stationEvents.map((e: { stationSeq: number }) => e.stationSeq)].sort((a, b) => a - b),
  );
  for (const e of stationEvents) {
    expect(e.outcome).toBe('applied');
    expect(e.stationId).toBe(floor.stationId);
    expect(e.actor).toMatchObject({ kind: 'user', id: priyaId });
    // Recorded by the server after it came back, after the station did the work.
    expect(Date.parse(e.recordedAt)).toBeGreaterThanOrEqual(Date.parse(e.occurredAt));
  }
  expect(stationEvents.find((e: { type: string }) => e.type === 'package-created').payload.weightGrams).toBe(1250);
  const labelEvent = stationEvents.find((e: { type: string }) => e.type === 'label-printed');
  expect(zpl).toContain(labelEvent.payload.sscc.slice(2));
  await expect(page.getByTestId('queue-count')).toHaveText('0');
  await expect(packer.queueRow(orderNumber)).toHaveCount(0);
});
