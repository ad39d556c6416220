import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { StationPage } from './support/station-page';

const MUG = { sku: 'SKU-MUG', barcode: '5012345678900', name: 'Enamel mug' };
const TEE = { sku: 'SKU-TEE', barcode: '5012345678917', name: 'Cotton tee' };
const CAP = { sku: 'SKU-CAP', barcode: '5012345678924', name: 'Wool cap' };

/**
 * From now on, every sound the station plays and every error message it shows: a missed or split
 * scan shows as an error (a half code is "not the item"), or as a count left short.
 */
async function recordFeedback(page: Page) {
  await page.evaluate(() => {
    const seen = { sounds: [] as string[], errors: [] as string[] };
    (window as unknown as { feedbackSeen: typeof seen }).feedbackSeen = seen;
    const root = document.documentElement;
    new MutationObserver(() => seen.sounds.push(root.dataset.lastSound ?? '?')).observe(root, {
      attributes: true,
      attributeFilter: ['data-sound-count'],
    });
    new MutationObserver(() => {
      for (const el of Array.from(document.querySelectorAll('.message-error'))) {
        const text = el.textContent ?? '';
        if (seen.errors[seen.errors.length - 1] !== text) seen.errors.push(text);
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['class'] });
  });
  return () => page.evaluate(() => (window as unknown as { feedbackSeen: { sounds: string[]; errors: string[] } }).feedbackSeen);
}

/**
 * Fifty scans, as a USB scanner sends them (keys 4 ms apart, then Enter), each stop's scans sent
 * back to back without waiting for the screen: two orders picked into totes (28 scans), then
 * packed from the totes and shipped (22 scans). Not one scan may be lost or split: every count
 * ends exact, no error shows, and the server ends with exactly the picks, verifications and
 * shipments the scans stand for.
 */
test('fifty fast scans across pick and pack: none missed or split, every count exact, the server holds exactly those events', async ({
  page,
  server,
  station,
  printer,
  api,
}) => {
  test.setTimeout(300_000);
  const lon = (await api('POST', '/v1/warehouses', { body: { code: 'LON-1', name: 'London DC', priority: 1 } })).body;
  for (const sku of [MUG.sku, TEE.sku, CAP.sku]) await api('PUT', `/v1/inventory/${lon.id}/${sku}`, { body: { onHand: 30 } });
  expect((await api('PUT', `/v1/warehouses/${lon.id}/pick-mode`, { body: { mode: 'pick-and-pack' } })).status).toBe(200);
  const csv = [
    'zone,aisle,bay,level,bin,barcode,walk_order,sku,quantity',
    `A,01,01,1,A,BIN-A0101,10,${TEE.sku},30`,
    `A,01,02,1,A,BIN-A0102,20,${MUG.sku},30`,
    `A,01,03,1,A,BIN-A0103,30,${CAP.sku},30`,
  ].join('\n');
  expect((await api('POST', `/v1/warehouses/${lon.id}/bins/import`, { body: { csv } })).body).toMatchObject({ bins: 3 });
  const registered = (await api('POST', '/v1/stations', { body: { name: 'Pick 1', warehouseId: lon.id } })).body;
  const priya = { name: 'Priya Packer', pin: '4825' };
  const sam = { name: 'Sam Supervisor', pin: '7391' };
  await api('POST', '/v1/users', { body: { ...priya, role: 'packer', warehouseId: lon.id } });
  await api('POST', '/v1/users', { body: { ...sam, role: 'supervisor', warehouseId: lon.id } });

  const orders: { id: string; number: string }[] = [];
  for (const lines of [
    [
      { ...TEE, quantity: 4 },
      { ...MUG, quantity: 6 },
    ],
    [
      { ...MUG, quantity: 5 },
      { ...CAP, quantity: 3 },
    ],
  ]) {
    const created = await api('POST', '/v1/orders', {
      body: {
        currency: 'GBP',
        customer: { name: 'Ada Lovelace', email: 'ada@example.com' },
        shippingAddress: { name: 'Ada Lovelace', line1: '12 St James Square', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' },
        lines: lines.map((l) => ({ ...l, unitPriceMinor: 1000, taxRateBps: 2000 })),
        payment: { status: 'paid' },
      },
    });
    expect(created.status).toBe(201);
    orders.push({ id: created.body.id, number: created.body.number });
  }
  const [o1, o2] = orders as [(typeof orders)[0], (typeof orders)[0]];

  const st = new StationPage(page);
  await page.goto(station.url);
  await st.enroll(server.url, registered.enrollmentCode);
  await st.signInWithPin(priya.name, priya.pin);
  await expect(page.getByTestId('station-ready')).toBeVisible();
  await st.asSupervisor(sam, priya, () => st.addTcpPrinter('Zebra virtual', '127.0.0.1', printer.port));
  await expect(page.getByTestId('queue-count')).toHaveText('2');
  await st.takeOrders(2);
  await expect(st.heldCount()).toHaveText('2');
  await expect(page.getByTestId('nav-pick')).toBeVisible();
  const feedback = await recordFeedback(page);

  let scans = 0;
  /** A burst of scans, one after the other as fast as the scanner sends them, not waiting for the screen. */
  const burst = async (codes: string[]) => {
    for (const code of codes) await st.scan(code);
    scans += codes.length;
  };
  const times = (code: string, n: number) => Array.from({ length: n }, () => code);

  await page.getByTestId('nav-pick').click();
  await page.getByTestId('cart-size').fill('2');
  await page.getByTestId('start-picking').click();
  await expect(st.message()).toContainText(`Cart of 2: scan a tote for ${o1.number}`);
  await burst(['T-01', 'T-02']);
  await expect(st.message()).toContainText(`Tote T-02 for ${o2.number}`);
  const stopBin = page.getByTestId('stop-bin');
  const stopTote = page.getByTestId('stop-tote');
  const cartPicked = (order: string) => page.locator(`[data-testid="cart"] tr[data-order-number="${order}"] [data-testid="cart-picked"]`);

  // Walk order: tee (T-01), mug (T-01), mug (T-02), cap (T-02); each stop one burst.
  await expect(stopBin).toHaveText('A-01-01-1-A');
  await burst(['BIN-A0101', ...times(TEE.barcode, 4), 'T-01']);
  await expect(cartPicked(o1.number)).toHaveText('4 / 10');
  await expect(stopBin).toHaveText('A-01-02-1-A');
  await expect(stopTote).toHaveText('T-01');
  await burst(['BIN-A0102', ...times(MUG.barcode, 6), 'T-01']);
  await expect(cartPicked(o1.number)).toHaveText('10 / 10');
  await expect(stopTote).toHaveText('T-02');
  await burst(['BIN-A0102', ...times(MUG.barcode, 5), 'T-02']);
  await expect(cartPicked(o2.number)).toHaveText('5 / 8');
  await expect(stopBin).toHaveText('A-01-03-1-A');
  await burst(['BIN-A0103', ...times(CAP.barcode, 3), 'T-02']);
  await expect(cartPicked(o2.number)).toHaveText('8 / 8');
  await expect(page.getByTestId('pick-instruction')).toHaveAttribute('data-step', 'done');
  expect(scans).toBe(28);

  // Pack from the totes: open by tote, verify every unit, ship by the order number.
  await page.getByRole('button', { name: 'Pack', exact: true }).click();
  for (const [tote, order, lines] of [
    [
      'T-01',
      o1,
      [
        [TEE, 4],
        [MUG, 6],
      ],
    ],
    [
      'T-02',
      o2,
      [
        [MUG, 5],
        [CAP, 3],
      ],
    ],
  ] as const) {
    await burst([tote]);
    await expect(st.message()).toContainText(`Opened ${order.number}`);
    await burst(lines.flatMap(([item, n]) => times(item.barcode, n)));
    for (const [item, n] of lines) await expect(st.verifiedOf(item.sku)).toHaveText(`${n} / ${n}`);
    await expect(st.message()).toContainText('All items scanned');
    await burst([order.number]);
    await expect(st.message()).toContainText(`${order.number} shipped`);
  }
  expect(scans).toBe(50);
  await printer.waitForJobs(2);

  // Nothing went wrong on the way: no error shown, no error sound.
  const seen = await feedback();
  expect(seen.sounds.length, 'the recorder heard the scans').toBeGreaterThanOrEqual(25);
  expect(seen.errors).toEqual([]);
  expect(seen.sounds.filter((s) => s === 'error')).toEqual([]);

  // The server, once the outbox is empty: exactly the events the scans stand for, all applied.
  await expect(st.pendingEvents()).toHaveText('0 waiting to sync', { timeout: 60_000 });
  for (const [order, picks, verified] of [
    [
      o1,
      [
        ['T-01', TEE.sku, 4],
        ['T-01', MUG.sku, 6],
      ],
      { [TEE.sku]: 4, [MUG.sku]: 6 },
    ],
    [
      o2,
      [
        ['T-02', MUG.sku, 5],
        ['T-02', CAP.sku, 3],
      ],
      { [MUG.sku]: 5, [CAP.sku]: 3 },
    ],
  ] as const) {
    const detail = (await api('GET', `/v1/orders/${order.id}`)).body as { lines: { id: string; sku: string }[] };
    const skuOfLine = new Map(detail.lines.map((l) => [l.id, l.sku]));
    const events = (await api('GET', `/v1/orders/${order.id}/timeline`)).body.data as {
      type: string;
      outcome?: string;
      payload: { lineId?: string; tote?: string; quantity?: number };
    }[];
    const stationEvents = events.filter((e) => ['item-picked', 'pick-shorted', 'item-verified', 'package-shipped'].includes(e.type));
    expect(stationEvents.filter((e) => e.outcome !== 'applied').map((e) => `${e.type}: ${e.outcome}`)).toEqual([]);
    const picked = stationEvents.filter((e) => e.type === 'item-picked');
    expect(picked.map((e) => [e.payload.tote, skuOfLine.get(e.payload.lineId!) ?? e.payload.lineId, e.payload.quantity])).toEqual(picks);
    expect(stationEvents.filter((e) => e.type === 'pick-shorted')).toEqual([]);
    const verifiedBySku: Record<string, number> = {};
    const verifications = stationEvents.filter((e) => e.type === 'item-verified');
    for (const e of verifications) {
      const sku = skuOfLine.get(e.payload.lineId!) ?? `line ${e.payload.lineId}`;
      verifiedBySku[sku] = (verifiedBySku[sku] ?? 0) + (e.payload.quantity ?? 1);
    }
    expect(verifiedBySku).toEqual(verified);
    expect(stationEvents.filter((e) => e.type === 'package-shipped')).toHaveLength(1);
  }
  const bins = (await api('GET', `/v1/warehouses/${lon.id}/bins`)).body.data as { code: string; stock: { quantity: number }[] }[];
  expect(bins.map((b) => [b.code, b.stock[0]!.quantity])).toEqual([
    ['A-01-01-1-A', 26],
    ['A-01-02-1-A', 19],
    ['A-01-03-1-A', 27],
  ]);
});
