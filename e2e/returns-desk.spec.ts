import { expect, test } from './support/fixtures';
import { ReturnsDeskPage } from './support/returns-desk-page';
import { E2E_EASYPOST_KEY } from './support/global-setup';
import { easyPostAccount } from '../src/server/carriers/testing/easypost-account';
import { floorSetup } from './support/floor-setup';

/** The tee carries the warehouse's own numeric code: a UPC-A's length without its check digit (received by scanner). */
const TEE_CODE = '100000000001';

/**
 * The returns desk end to end with real processes: an RMA authorized through the REST API
 * reaches the station, the desk prints its return label bought from the carrier (asking for the
 * parcel's weight, as the order's parcels were never weighed), a returns clerk receives and grades its units by scans while the central
 * server is down, and when the server returns the return is completed with the refund from the
 * order's frozen prices and every station event is on the timeline exactly once.
 */
test('a return is received and graded offline at the returns desk and completed on the server once', async ({
  page,
  server,
  station,
  printer,
  api,
}) => {
  const home = { name: 'Dockside Returns', line1: '10 Harbour Rd', city: 'Portsmouth', postalCode: 'PO1 3LJ', country: 'GB' };
  const raeUser = { name: 'Rae Returns', pin: '9157' };
  const supervisor = { name: 'Sam Supervisor', pin: '7391' };
  const floor = await floorSetup(api, {
    warehouse: { code: 'LON-1', name: 'London DC', address: home },
    stock: { 'SKU-MUG': 50, 'SKU-TEE': 50 },
    station: 'Returns desk 1',
    people: [
      { ...raeUser, role: 'returns' },
      { ...supervisor, role: 'supervisor' },
    ],
  });
  // Return labels are bought from a carrier API (the EasyPost stand-in global-setup.ts starts).
  const account = await api('POST', '/v1/carrier-accounts', { body: easyPostAccount(floor.warehouseId, E2E_EASYPOST_KEY) });
  expect(account.status).toBe(201);

  // A returns clerk signs in and lands on the returns desk.
  const desk = new ReturnsDeskPage(page);
  await page.goto(station.url);
  await desk.enroll(server.url, floor.enrollmentCode);
  await desk.signInWithPin('Rae Returns', '9157');
  await expect(page.getByTestId('station-ready')).toBeVisible();
  await expect(desk.navButton()).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('return-queue')).toBeVisible();
  await expect(desk.connection()).toHaveText('Online');
  // A supervisor routes return labels to the desk's Zebra.
  await desk.asSupervisor(supervisor, raeUser, async () => {
    await desk.openPrinters();
    await desk.addPrinter({ name: 'Desk Zebra', language: 'zpl', host: '127.0.0.1', port: printer.port });
    await desk.routeDocument('Return label', 'Desk Zebra');
  });
  await desk.openReturns();

  // An order shipped through the API, then an RMA for all of it, authorized to this warehouse.
  const created = await api('POST', '/v1/orders', {
    body: {
      currency: 'GBP',
      customer: { name: 'Ada Lovelace', email: 'ada@example.com' },
      shippingAddress: { name: 'Ada Lovelace', line1: '12 St James Square', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' },
      lines: [
        { sku: 'SKU-MUG', barcode: '5012345678900', name: 'Enamel mug', quantity: 2, unitPriceMinor: 1250, taxRateBps: 2000 },
        { sku: 'SKU-TEE', barcode: TEE_CODE, name: 'Cotton tee', quantity: 1, unitPriceMinor: 2000, taxRateBps: 2000 },
      ],
      shippingMinor: 499,
      payment: { status: 'paid' },
    },
  });
  expect(created.status).toBe(201);
  for (const fo of created.body.fulfillmentOrders as { id: string; lines: { lineId: string; quantity: number }[] }[]) {
    const pkg = await api('POST', `/v1/fulfillment-orders/${fo.id}/packages`, {
      body: { contents: fo.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })) },
    });
    expect(pkg.status).toBe(201);
    expect((await api('POST', `/v1/packages/${pkg.body.id}/ship`, { body: { carrier: 'DPD', trackingNumbers: ['T1'] } })).body.status).toBe(
      'shipped',
    );
  }
  const order = (await api('GET', `/v1/orders/${created.body.id}`)).body;
  expect(order.status).toBe('shipped');
  const rma = await api('POST', `/v1/orders/${order.id}/returns`, {
    body: {
      method: 'ship',
      lines: order.lines.map((l: { id: string; quantity: number }) => ({ lineId: l.id, quantity: l.quantity, reasonCode: 'damaged' })),
      authorize: true,
    },
  });
  expect(rma.status).toBe(201);
  expect(rma.body).toMatchObject({ status: 'authorized', warehouseId: floor.warehouseId });
  const rmaNumber: string = rma.body.number;
  await expect(desk.returnRow(rmaNumber)).toBeVisible();

  // The customer needs a return label. The carrier sells it by weight, and the order's parcels
  // were never weighed: the desk asks for the parcel's weight, then buys and prints it.
  await desk.scan(rmaNumber);
  await expect(desk.openReturn()).toContainText(rmaNumber);
  await page.getByTestId('print-return-label').click();
  await expect(desk.message()).toContainText(`The carrier prices ${rmaNumber}'s return label by weight`);
  expect(await desk.lastSound()).toBe('error');
  await page.getByTestId('acknowledge').click();
  await expect(page.getByTestId('print-return-label')).toBeDisabled();
  await page.getByTestId('return-label-weight').fill('0.9');
  await page.getByTestId('print-return-label').click();
  await expect(desk.message()).toContainText(`Return label for ${rmaNumber} printing: UPS 1Z`);
  const returnLabel = (await api('GET', `/v1/returns/${rma.body.id}/return-label`)).body;
  expect(returnLabel).toMatchObject({ source: 'adapter', carrier: 'ups' });
  const [printedLabel] = await printer.waitForJobs(1);
  // The carrier's own ZPL, byte for byte as it sells it: its tracking barcode.
  expect(printedLabel!.toString('latin1')).toContain(`^FD${returnLabel.trackingNumber}^FS`);
  await expect(page.getByTestId('return-label-weight')).toHaveCount(0);

  // The network goes away.
  await server.stop();
  await expect(desk.connection()).toHaveText('Offline');

  await desk.scan(rmaNumber);
  await expect(desk.openReturn()).toContainText(rmaNumber);

  // A wrong item: visible error and error sound, and scans wait until it is acknowledged.
  await desk.scan('4006381333931');
  await expect(desk.message()).toContainText('is not on');
  expect(await desk.lastSound()).toBe('error');
  await desk.scan('5012345678900');
  await expect(desk.receivedOf('SKU-MUG')).toHaveText('0 / 2');
  await page.getByTestId('acknowledge').click();

  await desk.scan('5012345678900');
  await expect(desk.receivedOf('SKU-MUG')).toHaveText('1 / 2');
  expect(await desk.lastSound()).toBe('success');
  // A label the scanner cannot read is typed by hand into "Type a code": it counts like a scan.
  await desk.enterCodeByHand('5012345678900');
  await desk.scan(TEE_CODE);
  await expect(desk.receivedOf('SKU-MUG')).toHaveText('2 / 2');
  await expect(desk.receivedOf('SKU-TEE')).toHaveText('1 / 1');
  // One too many: refused, not counted.
  await desk.scan(TEE_CODE);
  await expect(desk.message()).toContainText('Too many');
  expect(await desk.lastSound()).toBe('error');
  await page.getByTestId('acknowledge').click();
  await expect(desk.openReturn()).toHaveAttribute('data-status', 'received');
  // The list says what the desk did, though the server has not heard of it yet.
  await expect(desk.rowStatus(rmaNumber)).toHaveText('received');
  // A reload (a frozen screen) lands back on the open RMA, as the desk left it.
  await page.reload();
  await expect(page.getByTestId('station-ready')).toBeVisible();
  await expect(desk.openReturn()).toHaveAttribute('data-status', 'received');
  await expect(desk.rowStatus(rmaNumber)).toHaveText('received');

  // Each unit graded with the big buttons. A double tap grades one unit (not the next mug too)
  // and completes once: the timeline below has each event once, none conflicted.
  await desk.gradeNext('SKU-MUG', 'new', 'restock', 'dblclick');
  await expect(desk.gradedOf('SKU-MUG')).toHaveText('new → restock');
  // A damaged unit cannot be restocked as sellable stock: the button says why, and is off.
  await page.getByTestId('grade-unit').getByTestId('condition-damaged').click();
  await expect(page.getByTestId('grade-unit').getByTestId('disposition-restock')).toBeDisabled();
  await expect(page.getByTestId('not-restocked')).toHaveText(/^A damaged unit is not restocked as sellable stock/);
  await desk.gradeNext('SKU-MUG', 'damaged', 'quarantine');
  await desk.gradeNext('SKU-TEE', 'like_new', 'refurbish');
  await expect(desk.gradedOf('SKU-MUG')).toHaveText('new → restock, damaged → quarantine');
  // A second look finds the tee defective: its grade changes before Complete, on the screen at once.
  await desk.changeGrade('SKU-TEE', 'defective', 'dispose');
  await expect(desk.gradedOf('SKU-TEE')).toHaveText('defective → dispose (changed)');
  await expect(desk.openReturn()).toHaveAttribute('data-status', 'inspected');
  await desk.complete('dblclick');
  await expect(desk.message()).toContainText(`${rmaNumber} completed`);
  await expect(desk.rowStatus(rmaNumber)).toHaveText('completed');

  // Eight events wait (three units received, three graded, one grade changed, the completion); they survive a reload.
  await expect(desk.pendingEvents()).toHaveText('8 waiting to sync');
  await page.reload();
  await expect(page.getByTestId('station-ready')).toBeVisible();
  await expect(desk.pendingEvents()).toHaveText('8 waiting to sync');

  // The server comes back: the outbox drains and the completed return leaves the desk.
  await server.restart();
  await expect(desk.connection()).toHaveText('Online', { timeout: 30_000 });
  await expect(desk.pendingEvents()).toHaveText('0 waiting to sync', { timeout: 30_000 });
  await expect(desk.returnRow(rmaNumber)).toHaveCount(0, { timeout: 30_000 });

  const done = (await api('GET', `/v1/returns/${rma.body.id}`)).body;
  expect(done.status).toBe('completed');
  expect(
    done.lines
      .find((l: { sku: string }) => l.sku === 'SKU-MUG')
      .units.map((u: { condition: string; disposition: string }) => [u.condition, u.disposition]),
  ).toEqual([
    ['new', 'restock'],
    ['damaged', 'quarantine'],
  ]);
  expect(done.lines.find((l: { sku: string }) => l.sku === 'SKU-TEE').units).toEqual([
    expect.objectContaining({ condition: 'defective', disposition: 'dispose', regradedBy: floor.userIds['Rae Returns'] }),
  ]);
  // 2 mugs at 12.50 + 20 % VAT and a tee at 20.00 + 20 %, from the prices frozen on the order; shipping is not refunded.
  expect(done.refundRequest).toMatchObject({ status: 'requested', amountMinor: 2 * 1500 + 2400, currency: 'GBP' });
  const refunds = (await api('GET', `/v1/orders/${order.id}/refund-requests`)).body.data;
  expect(refunds.map((r: { amountMinor: number }) => r.amountMinor)).toEqual([5400]);

  const timeline = await api('GET', `/v1/orders/${order.id}/timeline?limit=200`);
  const stationEvents = timeline.body.data.filter((e: { stationId: string | null }) => e.stationId);
  expect(stationEvents.map((e: { type: string }) => e.type)).toEqual([
    'return-units-received',
    'return-units-received',
    'return-units-received',
    'return-unit-inspected',
    'return-unit-inspected',
    'return-unit-inspected',
    'return-unit-regraded',
    'return-inspection-completed',
  ]);
  expect(new Set(stationEvents.map((e: { id: string }) => e.id)).size).toBe(8);
  expect(new Set(stationEvents.map((e: { stationSeq: number }) => e.stationSeq)).size).toBe(8);
  for (const e of stationEvents) {
    expect(e.outcome).toBe('applied');
    expect(e.stationId).toBe(floor.stationId);
    expect(e.actor).toMatchObject({ kind: 'user', id: floor.userIds['Rae Returns'], name: 'Rae Returns' });
    expect(e.entityIds.returnId).toBe(rma.body.id);
  }
});

/**
 * What the floor walk-through found at the desk: the customer's notes and the refund where the
 * clerk grades, a confirm before closing receiving short, a note when a half-received RMA is left
 * for another, and an RMA cancelled by the office while the desk was offline said once, with the
 * error sound, when it is back (its offline receipts reach the server as conflicts).
 */
test('the desk shows notes and the refund, confirms closing short, notes a half-received RMA, and says an RMA cancelled while offline', async ({
  page,
  server,
  launch,
  api,
}) => {
  const floor = await floorSetup(api, {
    warehouse: { code: 'LON-1', name: 'London DC' },
    stock: { 'SKU-MUG': 50, 'SKU-TEE': 50 },
    station: 'Returns desk 1',
    people: [{ name: 'Rae Returns', pin: '9157', role: 'returns' }],
  });
  // The desk reaches the server through a link the test cuts: offline while the office works on.
  const link = await launch.networkLink(server);
  const station = await launch.stationHost(link.url);
  const desk = new ReturnsDeskPage(page);
  await page.goto(station.url);
  await desk.enroll(link.url, floor.enrollmentCode);
  await desk.signInWithPin('Rae Returns', '9157');
  await expect(page.getByTestId('return-queue')).toBeVisible();

  const created = await api('POST', '/v1/orders', {
    body: {
      currency: 'GBP',
      customer: { name: 'Ada Lovelace', email: 'ada@example.com' },
      shippingAddress: { name: 'Ada Lovelace', line1: '12 St James Square', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' },
      lines: [
        { sku: 'SKU-MUG', barcode: '5012345678900', name: 'Enamel mug', quantity: 2, unitPriceMinor: 1250, taxRateBps: 2000 },
        { sku: 'SKU-TEE', barcode: '5012345678917', name: 'Cotton tee', quantity: 1, unitPriceMinor: 2000, taxRateBps: 2000 },
      ],
      payment: { status: 'paid' },
    },
  });
  for (const fo of created.body.fulfillmentOrders as { id: string; lines: { lineId: string; quantity: number }[] }[]) {
    const pkg = await api('POST', `/v1/fulfillment-orders/${fo.id}/packages`, {
      body: { contents: fo.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })) },
    });
    expect((await api('POST', `/v1/packages/${pkg.body.id}/ship`, { body: { carrier: 'DPD', trackingNumbers: ['T1'] } })).body.status).toBe(
      'shipped',
    );
  }
  const order = (await api('GET', `/v1/orders/${created.body.id}`)).body;
  const lineOf = (sku: string) => order.lines.find((l: { sku: string }) => l.sku === sku).id as string;
  const mugs = await api('POST', `/v1/orders/${order.id}/returns`, {
    body: {
      lines: [{ lineId: lineOf('SKU-MUG'), quantity: 2, reasonCode: 'damaged', reasonNote: 'handle cracked' }],
      customerNote: 'The box was crushed when it arrived',
      authorize: true,
    },
  });
  const tee = await api('POST', `/v1/orders/${order.id}/returns`, {
    body: { lines: [{ lineId: lineOf('SKU-TEE'), quantity: 1, reasonCode: 'size_fit' }], authorize: true },
  });
  expect([mugs.status, tee.status]).toEqual([201, 201]);
  const mugRma: string = mugs.body.number;
  const teeRma: string = tee.body.number;
  await expect(desk.returnRow(teeRma)).toBeVisible();

  // The customer's words are on the desk: their note, and each line's reason with their own words.
  await desk.scan(mugRma);
  await expect(page.getByTestId('customer-note')).toHaveText('Customer’s note: “The box was crushed when it arrived”');
  await expect(page.locator('[data-testid="return-lines"] tr[data-sku="SKU-MUG"] [data-testid="reason"]')).toHaveText(
    'damaged: “handle cracked”',
  );
  await desk.scan('5012345678900');
  await expect(desk.receivedOf('SKU-MUG')).toHaveText('1 / 2');
  // One stray tap does not close receiving: it asks, naming what is missing; Escape goes back.
  await page.getByTestId('close-receiving').click();
  await expect(page.getByTestId('confirm-close-receiving')).toHaveText('Yes, 1 unit is missing');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('close-receiving')).toBeVisible();
  await expect(desk.openReturn()).toHaveAttribute('data-status', 'partially_received');

  // Another RMA opened: the half-received one is named, so its box is kept together.
  await desk.scan(teeRma);
  await expect(desk.message()).toContainText(`Opened ${teeRma}`);
  await expect(desk.message()).toContainText(`${mugRma} is left half-received (1 unit received, not completed): keep its box together`);

  // Offline, the tee is received; meanwhile the office cancels that RMA.
  await link.cut();
  await expect(desk.connection()).toHaveText('Offline');
  await desk.scan('5012345678917');
  await expect(desk.message()).toHaveText(/Everything received: 1 unit\. Grade each unit\./);
  expect((await api('POST', `/v1/returns/${tee.body.id}/cancel`, { body: { reason: 'customer kept it' } })).status).toBe(200);
  await link.restore();
  await expect(desk.connection()).toHaveText('Online', { timeout: 30_000 });
  // Back online: one message, with the error sound, saying what happened and what to do; the RMA's progress goes.
  // What became of the unit received offline is said as it stands when the closure arrives: the
  // push and the pull run side by side on reconnecting, so it went up already or is still to go.
  await expect(desk.message()).toContainText(
    new RegExp(
      `^${teeRma} was cancelled by the office \\(customer kept it\\): set its box aside and ask your supervisor\\. ` +
        '(1 unit received here is on the server as a conflict for a supervisor|1 change made here is still to go to the server, where a supervisor sees it)\\.',
    ),
    { timeout: 30_000 },
  );
  expect(await desk.lastSound()).toBe('error');
  await expect(desk.message()).not.toContainText('Everything received');
  await expect(desk.openReturn()).toHaveCount(0);
  const received = async () =>
    ((await api('GET', `/v1/orders/${order.id}/timeline?limit=200`)).body.data as { type: string; outcome: string }[])
      .filter((e) => e.type === 'return-units-received')
      .map((e) => e.outcome);
  await expect.poll(received, { timeout: 30_000 }).toEqual(['applied', 'conflicted']);
  await page.getByTestId('acknowledge').click();

  // Back to the mugs: closing short is confirmed from the keyboard, and grading shows the reason and the refund.
  await desk.scan(mugRma);
  await page.getByTestId('close-receiving').click();
  await expect(page.getByTestId('confirm-close-receiving')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(desk.openReturn()).toHaveAttribute('data-status', 'received');
  await expect(page.getByTestId('grade-reason')).toHaveText('Customer’s reason: damaged: “handle cracked”');
  await desk.gradeNext('SKU-MUG', 'new', 'restock');
  // 12.50 + 20 % VAT, from the order's frozen prices.
  await expect(page.getByTestId('refund-amount')).toHaveText('Refund on Complete: 15.00 GBP');
});
