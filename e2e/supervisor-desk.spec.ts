import { expect, test } from './support/fixtures';
import { StationPage } from './support/station-page';
import { SupervisorPage } from './support/supervisor-page';

/**
 * A supervisor works from a packing station: signs in with a PIN, sees the warehouse's
 * backorders, reassigns one to another warehouse that has the stock, and the server records it
 * as that supervisor at this station; cancels a backorder after confirming, and resolves a
 * conflict with a note. A packer signed in at the same station has no Supervisor screen at all.
 */
const order = (sku: string) => ({
  currency: 'GBP',
  customer: { name: 'Ada Lovelace', email: 'ada@example.com' },
  shippingAddress: { name: 'Ada Lovelace', line1: '12 St James Square', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' },
  lines: [{ sku, name: 'Brass lamp', quantity: 1, unitPriceMinor: 4500, taxRateBps: 2000 }],
  payment: { status: 'paid' },
});

test('a supervisor at a station reassigns and cancels backorders and resolves a conflict; a packer has no Supervisor screen', async ({
  page,
  server,
  station,
  api,
}) => {
  // Two warehouses; the station packs for London.
  const lon = await api('POST', '/v1/warehouses', { body: { code: 'LON-1', name: 'London DC', priority: 1 } });
  const man = await api('POST', '/v1/warehouses', { body: { code: 'MAN-1', name: 'Manchester DC', priority: 2 } });
  expect([lon.status, man.status]).toEqual([201, 201]);
  const registered = await api('POST', '/v1/stations', { body: { name: 'Pack 1', warehouseId: lon.body.id } });
  const sam = await api('POST', '/v1/users', {
    body: { name: 'Sam Supervisor', role: 'supervisor', warehouseId: lon.body.id, pin: '7391', badge: 'BADGE-SAM-7391' },
  });
  const priya = await api('POST', '/v1/users', { body: { name: 'Priya Packer', role: 'packer', warehouseId: lon.body.id, pin: '4825' } });
  expect([sam.status, priya.status]).toEqual([201, 201]);

  // Manchester's only lamp is taken by a first order, so a second one backorders; then the first
  // order's fulfillment is cancelled, which frees the lamp without serving the queue.
  expect((await api('PUT', `/v1/inventory/${man.body.id}/LAMP-1`, { body: { onHand: 1 } })).status).toBe(200);
  const first = await api('POST', '/v1/orders', { body: order('LAMP-1') });
  const second = await api('POST', '/v1/orders', { body: order('LAMP-1') });
  expect(second.body.backorders).toHaveLength(1);
  const backorderId: string = second.body.backorders[0].id;
  const firstFo = (await api('GET', `/v1/orders/${first.body.id}`)).body.fulfillmentOrders[0].id;
  expect((await api('POST', `/v1/fulfillment-orders/${firstFo}/cancel`, { body: { reason: 'customer cancelled' } })).status).toBe(200);

  // A lamp nobody stocks (it will be cancelled), and a conflict on an order London is packing.
  const orphan = await api('POST', '/v1/orders', { body: order('LAMP-OLD') });
  expect(orphan.body.backorders).toHaveLength(1);
  expect((await api('PUT', `/v1/inventory/${lon.body.id}/MUG-1`, { body: { onHand: 5 } })).status).toBe(200);
  const packing = await api('POST', '/v1/orders', { body: order('MUG-1') });
  const conflict = await api('POST', `/v1/orders/${packing.body.id}/tasks`, {
    body: { title: 'Parcel shipped after the order was cancelled', kind: 'sync-conflict' },
  });
  expect(conflict.status).toBe(201);

  const station1 = new StationPage(page);
  const desk = new SupervisorPage(page);
  await page.goto(station.url);
  await station1.enroll(server.url, registered.body.enrollmentCode);

  // A packer signed in: no Supervisor screen.
  await station1.signInWithPin('Priya Packer', '4825');
  await expect(page.getByTestId('signed-in')).toContainText('Priya Packer');
  await expect(page.getByRole('navigation').getByRole('button', { name: 'Activity' })).toBeVisible();
  await expect(desk.navButton()).toHaveCount(0);

  // The supervisor steps in by scanning their badge at the packer's pack screen, and sees the backorder.
  // An error waits for its OK there (an unknown item): the badge still hands over, and is never shown
  // (a credential), though codes scanned while an error waits are named on it to be scanned again.
  await station1.scan('4006381333931');
  await expect(page.getByTestId('acknowledge')).toBeVisible();
  await station1.scan('BADGE-SAM-7391');
  await expect(station1.message()).toContainText('Sam Supervisor signed in, taking over from Priya Packer');
  await expect(page.getByTestId('signed-in')).toContainText('Sam Supervisor');
  await expect(station1.message()).toContainText('Still to OK:');
  await expect(page.locator('body')).not.toContainText('BADGE-SAM-7391');
  await expect(page.getByTestId('not-taken')).toHaveCount(0);
  await page.getByTestId('acknowledge').click();
  await expect(station1.connection()).toHaveText('Online');
  await desk.open();
  const row = desk.backorder(second.body.number);
  await expect(row).toBeVisible();
  await expect(row).toContainText('LAMP-1');
  await expect(desk.task('Parcel shipped after the order was cancelled')).toBeVisible();
  // The task says which order (and whose) it is about, to find the parcel by.
  await expect(desk.task('Parcel shipped after the order was cancelled').getByTestId('task-where')).toHaveText(
    `Order ${packing.body.number} · Ada Lovelace`,
  );
  // The Stations panel: the warehouse's stations, what each is for, and when it was last seen.
  await expect(page.getByTestId('station-list').getByRole('row').getByRole('cell')).toHaveText([
    'Pack 1',
    'Packing station',
    'this station',
  ]);

  // Its "Reassign to…" list says where the lamp is; London has none, so it cannot be chosen.
  const target = row.getByTestId('reassign-target');
  await target.focus();
  await expect(target.locator('option', { hasText: 'MAN-1' })).toHaveText('MAN-1 · Manchester DC · 1 available');
  await expect(target.locator('option', { hasText: 'LON-1' })).toHaveText('LON-1 · London DC (here) · 0 available');
  await expect(target.locator('option', { hasText: 'LON-1' })).toBeDisabled();

  // Every message the station shows, and every supervisor action it sends to main, from here on.
  await page.evaluate(() => {
    const said: string[] = ((window as unknown as { said: string[] }).said = []);
    const shown = () => {
      const m = document.querySelector('[data-testid="message"]');
      return m ? `${m.className}: ${m.textContent}` : null;
    };
    let last = shown();
    new MutationObserver(() => {
      const text = shown();
      if (text && text !== last) said.push(text);
      last = text;
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const said = () => page.evaluate(() => (window as unknown as { said: string[] }).said);
  const sent: string[] = [];
  page.on('request', (r) => {
    const call = /\/api\/call\/(supervisor\.(reassign|cancel)-backorder)$/.exec(r.url());
    if (call) sent.push(call[1]!);
  });

  // Reassign it to Manchester, with a hurried double-click: one action, one message.
  await desk.reassign(second.body.number, 'MAN-1', 'dblclick');
  await expect(station1.message()).toContainText('reassigned to Manchester DC');
  await expect(row).toHaveCount(0);

  // Cancel the lamp nobody has, after confirming (a double-click again); the queue is then empty.
  await desk.cancel(orphan.body.number, 'discontinued by the supplier', 'dblclick');
  await expect(station1.message()).toContainText('cancelled');
  await expect(desk.noBackorders()).toBeVisible();
  expect(sent).toEqual(['supervisor.reassign-backorder', 'supervisor.cancel-backorder']);
  expect(await said()).toEqual([
    expect.stringMatching(/^message message-success: .*reassigned to Manchester DC$/),
    expect.stringMatching(/^message message-success: .*cancelled$/),
  ]);
  expect((await api('GET', `/v1/backorders/${orphan.body.backorders[0].id}`)).body.status).toBe('cancelled');

  // Resolve the conflict with a note.
  await desk.resolve('Parcel shipped after the order was cancelled', 'carrier intercepted the parcel');
  await expect(page.getByTestId('no-tasks')).toBeVisible();
  const tasks = await api('GET', `/v1/orders/${packing.body.id}/tasks`);
  expect(tasks.body.data[0]).toMatchObject({ id: conflict.body.id, status: 'done' });
  const resolved = (await api('GET', `/v1/orders/${packing.body.id}/timeline`)).body.data.find(
    (e: { type: string }) => e.type === 'task-updated',
  );
  expect(resolved).toMatchObject({
    actor: { kind: 'user', id: sam.body.id },
    stationId: registered.body.id,
    payload: { to: 'done', note: 'carrier intercepted the parcel' },
  });

  // The server moved it, and says who did it, and where.
  const backorder = await api('GET', `/v1/backorders/${backorderId}`);
  expect(backorder.body).toMatchObject({ status: 'reassigned', warehouseId: man.body.id });
  const timeline = await api('GET', `/v1/orders/${second.body.id}/timeline`);
  const reassignedEvents = timeline.body.data.filter((e: { type: string }) => e.type === 'backorder-reassigned');
  expect(reassignedEvents).toHaveLength(1);
  const [reassigned] = reassignedEvents;
  expect(reassigned).toMatchObject({ actor: { kind: 'user', id: sam.body.id, name: 'Sam Supervisor' }, stationId: registered.body.id });

  // Signing out and in as the packer takes the Supervisor screen away again.
  await page.getByTestId('sign-out').click();
  await station1.signInWithPin('Priya Packer', '4825');
  await expect(page.getByTestId('signed-in')).toContainText('Priya Packer');
  await expect(desk.navButton()).toHaveCount(0);
  await expect(page.getByTestId('supervisor')).toHaveCount(0);
});

/**
 * The floor walk-through's three: ↑/↓ move a backorder among its own SKU's only, and the row says
 * its place there; "Move to station…" offers this warehouse's packing stations, not the returns
 * desk; a refused action says what happened in words. Then an order Pack 2 holds goes back to the
 * pool, and another is cancelled for its customer after the desk asks.
 */
test('a supervisor orders backorders within a SKU, moves work only to packing stations, reads refusals in words, takes back and cancels', async ({
  page,
  server,
  station,
  api,
}) => {
  const lon = (await api('POST', '/v1/warehouses', { body: { code: 'LON-1', name: 'London DC', priority: 1 } })).body;
  const registered = await api('POST', '/v1/stations', { body: { name: 'Pack 1', warehouseId: lon.id } });
  const pack2 = (await api('POST', '/v1/stations', { body: { name: 'Pack 2', warehouseId: lon.id } })).body;
  await api('POST', '/v1/stations', { body: { name: 'Returns desk', warehouseId: lon.id, kind: 'returns' } });
  await api('POST', '/v1/users', { body: { name: 'Sam Supervisor', role: 'supervisor', warehouseId: lon.id, pin: '7391' } });

  // Two mugs backordered, with a lamp backordered between them.
  const mugA = (await api('POST', '/v1/orders', { body: order('MUG-9') })).body;
  const lamp = (await api('POST', '/v1/orders', { body: order('LAMP-9') })).body;
  const mugB = (await api('POST', '/v1/orders', { body: order('MUG-9') })).body;
  // An order on hold, to move and release.
  expect((await api('PUT', `/v1/inventory/${lon.id}/TEE-9`, { body: { onHand: 5 } })).status).toBe(200);
  const held = (await api('POST', '/v1/orders', { body: order('TEE-9') })).body;
  const heldFo: string = held.fulfillmentOrders[0].id;
  expect((await api('POST', `/v1/fulfillment-orders/${heldFo}/hold`, { body: { reasons: ['supervisor'] } })).status).toBe(200);
  // Two orders Pack 2 holds, its packer gone home with them open: one to take back, one the customer cancels.
  const gone = (await api('POST', '/v1/orders', { body: order('TEE-9') })).body;
  const called = (await api('POST', '/v1/orders', { body: order('TEE-9') })).body;
  for (const o of [gone, called]) {
    const claim = await api('POST', `/v1/fulfillment-orders/${o.fulfillmentOrders[0].id}/claim`, { body: { stationId: pack2.id } });
    expect(claim.status).toBe(200);
  }

  const station1 = new StationPage(page);
  const desk = new SupervisorPage(page);
  await page.goto(station.url);
  await station1.enroll(server.url, registered.body.enrollmentCode);
  await station1.signInWithPin('Sam Supervisor', '7391');
  await expect(station1.connection()).toHaveText('Online');
  await desk.open();

  const place = (o: { number: string }) => desk.backorder(o.number).getByTestId('queue-place');
  const button = (o: { number: string }, way: 'up' | 'down') =>
    desk.backorder(o.number).getByRole('button', { name: new RegExp(`for ${o.number} ${way}$`) });
  await expect(place(lamp)).toHaveText(' · the only one for LAMP-9');
  await expect(place(mugA)).toHaveText(' · 1st of 2 for MUG-9');
  await expect(place(mugB)).toHaveText(' · 2nd of 2 for MUG-9');
  await expect(page.getByTestId('backorders')).not.toContainText('priority');
  // Ends of a SKU's queue: nothing to pass, whatever other SKU is listed beside it.
  await expect(button(lamp, 'up')).toBeDisabled();
  await expect(button(lamp, 'down')).toBeDisabled();
  await expect(button(mugA, 'up')).toBeDisabled();
  await expect(button(mugB, 'down')).toBeDisabled();

  await button(mugB, 'up').click();
  await expect(station1.message()).toContainText(`MUG-9 for ${mugB.number} moved up`);
  await expect(place(mugB)).toHaveText(' · 1st of 2 for MUG-9');
  await expect(place(mugA)).toHaveText(' · 2nd of 2 for MUG-9');
  await expect(place(lamp)).toHaveText(' · the only one for LAMP-9');

  // Move to station: this warehouse's packing stations; never the returns desk.
  const stationOptions = desk.work(held.number).getByLabel(`Station for ${held.number}`).locator('option');
  await expect(stationOptions).toHaveText(['Move to station…', 'Pack 1 (here)', 'Pack 2']);

  // Released elsewhere meanwhile: pressing Release on this screen says so in words, not as a status.
  expect((await api('POST', `/v1/fulfillment-orders/${heldFo}/release`, { body: {} })).status).toBe(200);
  await desk.work(held.number).getByRole('button', { name: 'Release' }).click();
  await expect(station1.message()).toContainText(
    `${held.number} is not on hold (it is not taken by any station): there is no hold to release`,
  );
  await page.getByTestId('acknowledge').click();

  // Take back to the pool: the server has it held by nobody, and the row goes.
  await expect(desk.work(gone.number)).toContainText('in progress at Pack 2');
  await desk.takeBack(gone.number);
  await expect(station1.message()).toContainText(`${gone.number} is back in the pool: any station can take it`);
  await expect(desk.work(gone.number)).toHaveCount(0);
  const pooled = (await api('GET', `/v1/fulfillment-orders/${gone.fulfillmentOrders[0].id}`)).body;
  expect(pooled).toMatchObject({ status: 'open', claimedBy: null });

  // Cancel: asked first, naming the order, its unit (claimed, never picked: nothing goes back to stock) and the refund
  // (45.00 + 20% tax, all captured); nothing happens without a reason.
  const question = await desk.askToCancelOrder(called.number);
  await expect(question).toHaveText(
    `Cancel ${called.number} for Ada Lovelace? Its 1 unit will not ship: not picked yet, it is simply not sent, and 54.00 GBP is refunded. This cannot be undone.`,
  );
  await expect(desk.work(called.number).getByRole('button', { name: 'Cancel order', exact: true })).toBeDisabled();
  await desk.work(called.number).getByLabel('Why cancel').fill('the customer rang the office');
  await desk.work(called.number).getByRole('button', { name: 'Cancel order', exact: true }).click();
  await expect(station1.message()).toContainText(`${called.number} cancelled`);
  await expect(desk.work(called.number)).toHaveCount(0);
  expect((await api('GET', `/v1/orders/${called.id}`)).body).toMatchObject({
    status: 'cancelled',
    cancellation: { reason: 'the customer rang the office', restock: true },
  });
});
