import { expect, test } from './support/fixtures';
import { StationPage } from './support/station-page';

const MUG = '5012345678900';
/** The tee carries the warehouse's own numeric code: a UPC-A's length without its check digit (picked and packed by scanner). */
const TEE = '100000000001';
const CAP = '5012345678924';

/**
 * Pick before pack, offline: a picker takes three orders onto a cart of totes, walks the bins in
 * walk order (a wrong bin and a unit too many are refused with the error sound), finds the cap
 * bin one short, then packs each order from its tote and ships it. Back online, the server holds
 * the picks, a task for the short bin, and the missing cap routed to the other warehouse.
 */
test('a batch of three orders is picked into totes offline with one short pick, packed from the totes and shipped', async ({
  page,
  server,
  station,
  printer,
  api,
}) => {
  // Three orders picked, packed and shipped with some sixty scans: longer than one order's flow.
  test.setTimeout(360_000);
  const lon = (await api('POST', '/v1/warehouses', { body: { code: 'LON-1', name: 'London DC', priority: 1 } })).body;
  const man = (await api('POST', '/v1/warehouses', { body: { code: 'MAN-1', name: 'Manchester DC', priority: 2 } })).body;
  for (const sku of ['SKU-MUG', 'SKU-TEE']) await api('PUT', `/v1/inventory/${lon.id}/${sku}`, { body: { onHand: 10 } });
  // London's books say two caps, its cap bin lists one: the path asks for both there, once; the picker will find one.
  await api('PUT', `/v1/inventory/${lon.id}/SKU-CAP`, { body: { onHand: 2 } });
  await api('PUT', `/v1/inventory/${man.id}/SKU-CAP`, { body: { onHand: 5 } });
  expect((await api('PUT', `/v1/warehouses/${lon.id}/pick-mode`, { body: { mode: 'pick-and-pack' } })).status).toBe(200);
  const csv = [
    'zone,aisle,bay,level,bin,barcode,walk_order,sku,quantity',
    'A,01,03,1,A,BIN-A0103,30,SKU-CAP,1',
    'A,01,01,1,A,BIN-A0101,10,SKU-TEE,10',
    'A,01,02,1,A,BIN-A0102,20,SKU-MUG,10',
  ].join('\n');
  expect((await api('POST', `/v1/warehouses/${lon.id}/bins/import`, { body: { csv } })).body).toMatchObject({ bins: 3 });
  const registered = (await api('POST', '/v1/stations', { body: { name: 'Pick 1', warehouseId: lon.id } })).body;
  const priya = { name: 'Priya Packer', pin: '4825' };
  const sam = { name: 'Sam Supervisor', pin: '7391' };
  await api('POST', '/v1/users', { body: { ...priya, role: 'packer', warehouseId: lon.id } });
  await api('POST', '/v1/users', { body: { ...sam, role: 'supervisor', warehouseId: lon.id } });

  const st = new StationPage(page);
  await page.goto(station.url);
  await st.enroll(server.url, registered.enrollmentCode);
  await st.signInWithPin(priya.name, priya.pin);
  await expect(page.getByTestId('station-ready')).toBeVisible();
  await st.asSupervisor(sam, priya, () => st.addTcpPrinter('Zebra virtual', '127.0.0.1', printer.port));

  const item = (sku: string, barcode: string, name: string, quantity: number) => ({
    sku,
    barcode,
    name,
    quantity,
    unitPriceMinor: 1000,
    taxRateBps: 2000,
  });
  const orders: { id: string; number: string }[] = [];
  for (const lines of [
    [item('SKU-MUG', MUG, 'Enamel mug', 1), item('SKU-TEE', TEE, 'Cotton tee', 1)],
    [item('SKU-MUG', MUG, 'Enamel mug', 2)],
    [item('SKU-CAP', CAP, 'Wool cap', 2)],
  ]) {
    const created = await api('POST', '/v1/orders', {
      body: {
        currency: 'GBP',
        customer: { name: 'Ada Lovelace', email: 'ada@example.com' },
        shippingAddress: { name: 'Ada Lovelace', line1: '12 St James Square', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' },
        lines,
        payment: { status: 'paid' },
      },
    });
    expect(created.status).toBe(201);
    orders.push({ id: created.body.id, number: created.body.number });
  }
  const [o1, o2, o3] = orders as [(typeof orders)[0], (typeof orders)[0], (typeof orders)[0]];
  await expect(page.getByTestId('queue-count')).toHaveText('3');
  await st.takeOrders(3);
  await expect(st.heldCount()).toHaveText('3');
  // The warehouse picks: its bins are here, and with them the pick screen.
  await expect(page.getByTestId('nav-pick')).toBeVisible();

  await server.stop();
  await expect(st.connection()).toHaveText('Offline');

  await page.getByTestId('nav-pick').click();
  await page.getByTestId('cart-size').fill('3');
  await page.getByTestId('start-picking').click();
  await expect(st.message()).toContainText(`Cart of 3: scan a tote for ${o1.number}`);
  for (const tote of ['T-01', 'T-02', 'T-03']) await st.scan(tote);
  await expect(st.message()).toContainText(`Tote T-03 for ${o3.number}`);
  const instruction = page.getByTestId('pick-instruction');
  const stopBin = page.getByTestId('stop-bin');
  // The path lists each pick once (the cap line too, though its bin lists fewer), and loses a row per stop done.
  const pathRows = page.getByTestId('pick-path').locator('tbody tr');
  const rowsOfPath = [
    'A-01-01-1-A 1 SKU-TEE T-01',
    'A-01-02-1-A 1 SKU-MUG T-01',
    'A-01-02-1-A 2 SKU-MUG T-02',
    'A-01-03-1-A 2 SKU-CAP T-03',
  ];
  const expectPath = (rows: string[]) => expect(pathRows).toHaveText(rows.map((r) => r.replace(/ /g, '')));
  await expectPath(rowsOfPath);

  // First stop in walk order: the tee for tote T-01.
  await expect(stopBin).toHaveText('A-01-01-1-A');
  await st.scan('BIN-A0101');
  await st.scan(TEE);
  await expect(instruction).toHaveAttribute('data-step', 'tote');
  await st.scan('T-01');
  await expect(stopBin).toHaveText('A-01-02-1-A');
  // The wrong bin: the error sound, and nothing more until it is acknowledged.
  await st.scan('BIN-A0103');
  await expect(st.message()).toContainText('Wrong bin: go to A-01-02-1-A');
  expect(await st.lastSound()).toBe('error');
  await page.getByTestId('acknowledge').click();
  await st.scan('BIN-A0102');
  await st.scan(MUG);
  await st.scan('T-01');
  await expect(page.getByTestId('stop-tote')).toHaveText('T-02');
  await expectPath(rowsOfPath.slice(2));
  // The next stop is from the bin the picker is at: its units count without a second bin scan.
  await expect(instruction).toHaveAttribute('data-step', 'units');
  await expect(st.message()).toContainText('Next from this bin: 2 × SKU-MUG for tote T-02');
  await st.scan(MUG);
  await expect(page.getByTestId('stop-count')).toHaveText('1 of 2');
  await st.scan(MUG);
  // A unit too many is refused.
  await st.scan(MUG);
  await expect(st.message()).toContainText('One too many');
  await page.getByTestId('acknowledge').click();
  await expect(page.getByTestId('stop-count')).toHaveText('2 of 2');
  await st.scan('T-02');
  // The cap bin has one of the two: one goes in T-03, the other is reported short.
  await expect(stopBin).toHaveText('A-01-03-1-A');
  await expectPath(rowsOfPath.slice(3));
  await st.scan('BIN-A0103');
  await st.scan(CAP);
  // Short pick: nothing left in the bin (the count offered is 0).
  await page.getByTestId('short-pick').click();
  const leftInBin = page.getByTestId('left-in-bin');
  await expect(leftInBin).toHaveValue('0');
  // A count that is no count, typed and entered: refused in words with the error sound, as any
  // refusal at the station, and waiting for its OK; the form stays open as typed, nothing reported.
  await leftInBin.fill('-5');
  await leftInBin.press('Enter');
  await expect(st.message()).toContainText('"-5" is not a count: type how many are left in the bin');
  expect(await st.lastSound()).toBe('error');
  await page.getByTestId('acknowledge').click();
  await expect(st.message()).toHaveCount(0);
  await expect(leftInBin).toHaveValue('-5');
  await expect(leftInBin).toBeFocused();
  await expect(instruction).toHaveAttribute('data-step', 'units');
  await leftInBin.fill('0');
  await page.getByTestId('confirm-short-pick').click();
  await expect(st.message()).toContainText(`1 × SKU-CAP reported short for ${o3.number}`);
  await expect(instruction).toHaveAttribute('data-step', 'done');

  // Pick to pack: each tote opens its order, with its units shown as picked.
  await page.getByRole('button', { name: 'Pack', exact: true }).click();
  for (const [tote, order, codes] of [
    ['T-01', o1, [MUG, TEE]],
    ['T-02', o2, [MUG, MUG]],
    ['T-03', o3, [CAP]],
  ] as const) {
    await st.scan(tote);
    await expect(st.message()).toContainText(`Opened ${order.number}`);
    await expect(page.getByTestId('open-order').getByTestId('picked').first()).toContainText(tote);
    if (order === o2) {
      // The tee of another order, by the warehouse's own numeric code (not a GTIN): not on this order, not "scan again".
      await st.scan(TEE);
      await expect(st.message()).toContainText(`Cotton tee (${TEE}) is not on ${o2.number}`);
      expect(await st.lastSound()).toBe('error');
      await page.getByTestId('acknowledge').click();
    }
    for (const code of codes) await st.scan(code);
    await expect(st.message()).toContainText('All items scanned');
    await st.scan(order.number);
    await expect(st.message()).toContainText(`${order.number} shipped`);
  }
  await printer.waitForJobs(3);

  await server.restart();
  await expect(st.connection()).toHaveText('Online', { timeout: 30_000 });
  await expect(st.pendingEvents()).toHaveText('0 waiting to sync', { timeout: 60_000 });

  // The server: every pick on the timeline, applied, with its bin, tote and person.
  const timeline = await api('GET', `/v1/orders/${o2.id}/timeline`);
  const picks = timeline.body.data.filter((e: { type: string }) => e.type === 'item-picked');
  expect(picks.map((e: { payload: { tote: string; quantity: number } }) => [e.payload.tote, e.payload.quantity])).toEqual([['T-02', 2]]);
  expect(picks[0]).toMatchObject({ outcome: 'applied', stationId: registered.id, actor: expect.objectContaining({ name: priya.name }) });
  const capOrder = await api('GET', `/v1/orders/${o3.id}?expand=timeline,tasks,backorders`);
  const types = JSON.stringify(capOrder.body);
  expect(types).toContain('pick-shorted');
  expect(types).toContain('pick-short');
  // London has no other cap: the missing one went to Manchester by the routing rules; London's share shipped.
  const fos = capOrder.body.fulfillmentOrders as { warehouseId: string; status: string; lines: { sku: string; quantity: number }[] }[];
  expect(fos.map((f) => [f.warehouseId === lon.id ? 'LON' : 'MAN', f.status, f.lines[0]!.quantity]).sort()).toEqual([
    ['LON', 'closed', 1],
    ['MAN', 'open', 1],
  ]);
  const bins = (await api('GET', `/v1/warehouses/${lon.id}/bins`)).body.data as { code: string; stock: { quantity: number }[] }[];
  expect(bins.map((b) => [b.code, b.stock[0]!.quantity])).toEqual([
    ['A-01-01-1-A', 9],
    ['A-01-02-1-A', 7],
    ['A-01-03-1-A', 0],
  ]);
});
