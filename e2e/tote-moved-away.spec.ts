import { expect, test } from './support/fixtures';
import { StationPage } from './support/station-page';

const MUG = '5012345678900';

/**
 * Pick before pack: a supervisor moves an order to another station after it was picked into a
 * tote here. Scanning that tote on the pack screen names the order it holds and where it went,
 * rather than calling the tote "not an order assigned to this station".
 */
test('a tote whose order was moved to another station says which order it holds and where it went', async ({
  page,
  server,
  station,
  api,
}) => {
  const lon = (await api('POST', '/v1/warehouses', { body: { code: 'LON-1', name: 'London DC', priority: 1 } })).body;
  await api('PUT', `/v1/inventory/${lon.id}/SKU-MUG`, { body: { onHand: 10 } });
  expect((await api('PUT', `/v1/warehouses/${lon.id}/pick-mode`, { body: { mode: 'pick-and-pack' } })).status).toBe(200);
  const csv = ['zone,aisle,bay,level,bin,barcode,walk_order,sku,quantity', 'A,01,02,1,A,BIN-A0102,20,SKU-MUG,10'].join('\n');
  expect((await api('POST', `/v1/warehouses/${lon.id}/bins/import`, { body: { csv } })).body).toMatchObject({ bins: 1 });
  const registered = (await api('POST', '/v1/stations', { body: { name: 'Pack 1', warehouseId: lon.id } })).body;
  const pack2 = (await api('POST', '/v1/stations', { body: { name: 'Pack 2', warehouseId: lon.id } })).body;
  const priya = { name: 'Priya Packer', pin: '4825' };
  await api('POST', '/v1/users', { body: { ...priya, role: 'packer', warehouseId: lon.id } });

  const st = new StationPage(page);
  await page.goto(station.url);
  await st.enroll(server.url, registered.enrollmentCode);
  await st.signInWithPin(priya.name, priya.pin);
  await expect(page.getByTestId('station-ready')).toBeVisible();

  const created = await api('POST', '/v1/orders', {
    body: {
      currency: 'GBP',
      customer: { name: 'Ada Lovelace', email: 'ada@example.com' },
      shippingAddress: { name: 'Ada Lovelace', line1: '12 St James Square', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' },
      lines: [{ sku: 'SKU-MUG', barcode: MUG, name: 'Enamel mug', quantity: 1, unitPriceMinor: 1000, taxRateBps: 2000 }],
      payment: { status: 'paid' },
    },
  });
  expect(created.status).toBe(201);
  const order = { id: created.body.id as string, number: created.body.number as string };
  await expect(page.getByTestId('queue-count')).toHaveText('1');
  await st.takeOrders(1);
  await expect(st.heldCount()).toHaveText('1');

  // Picked into tote T-01, and the pick reaches the server.
  await page.getByTestId('nav-pick').click();
  await page.getByTestId('cart-size').fill('1');
  await page.getByTestId('start-picking').click();
  await expect(st.message()).toContainText(`Cart of 1: scan a tote for ${order.number}`);
  await st.scan('T-01');
  await expect(page.getByTestId('stop-bin')).toHaveText('A-01-02-1-A');
  await st.scan('BIN-A0102');
  await st.scan(MUG);
  await st.scan('T-01');
  await expect(page.getByTestId('pick-instruction')).toHaveAttribute('data-step', 'done');
  await expect(st.pendingEvents()).toHaveText('0 waiting to sync');

  // A supervisor moves the order to Pack 2 before it is packed here.
  const fulfillmentOrderId = (await api('GET', `/v1/orders/${order.id}`)).body.fulfillmentOrders[0].id as string;
  const moved = await api('POST', `/v1/fulfillment-orders/${fulfillmentOrderId}/move`, {
    body: { stationId: pack2.id, reason: 'Pack 1 is short of boxes' },
  });
  expect(moved.status).toBe(200);

  await page.getByRole('button', { name: 'Pack', exact: true }).click();
  await expect(st.holderOf(order.number)).toHaveText('at Pack 2');
  await st.acknowledgeIfAsked();
  await st.scan('T-01');
  await expect(st.message()).toContainText(
    `T-01 holds ${order.number}, which was moved to Pack 2: take the tote there, do not pack it here`,
  );
  expect(await st.lastSound()).toBe('error');
  await expect(page.getByTestId('open-order')).toHaveCount(0);
});
