import { expect, test } from './support/fixtures';
import { StationPage } from './support/station-page';

/**
 * An admin revokes a station while it is open: the station says so at once (sync bar, a panel,
 * the error sound) and stops syncing; the admin's new enrollment code, typed into that panel,
 * brings it back online as the same station.
 */
test('a revoked station shows it, stops syncing, and is re-enrolled from its own screen', async ({
  page,
  server,
  station: stationHost,
  api,
}) => {
  const wh = await api('POST', '/v1/warehouses', { body: { code: 'REV-1', name: 'Revocation DC', priority: 1 } });
  const registered = await api('POST', '/v1/stations', { body: { name: 'Pack R', warehouseId: wh.body.id } });
  await page.goto(stationHost.url);
  const station = new StationPage(page);
  await station.enroll(server.url, registered.body.enrollmentCode);
  await expect(page.getByTestId('connection')).toHaveText('Online');

  expect((await api('POST', `/v1/stations/${registered.body.id}/revoke`)).status).toBe(200);
  await expect(page.getByTestId('connection')).toHaveText('Revoked: not syncing');
  const panel = page.getByTestId('station-revoked');
  await expect(panel).toContainText('This station was revoked');
  await expect(page.getByTestId('revoked-kept-events')).toContainText('kept on this station');
  await expect(station.message()).toContainText('revoked by an admin');
  await station.acknowledgeIfAsked();

  const code = await api('POST', `/v1/stations/${registered.body.id}/enrollment-code`, { body: {} });
  await panel.getByLabel('New enrollment code from an admin').fill(code.body.enrollmentCode);
  await panel.getByRole('button', { name: 'Re-enrol this station' }).click();
  await expect(page.getByTestId('connection')).toHaveText('Online');
  await expect(panel).toBeHidden();
  const hello = await api('GET', '/v1/stations');
  expect(hello.body.data.map((s: { id: string }) => s.id)).toContain(registered.body.id);
});
