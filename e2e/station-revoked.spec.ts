import { expect, test } from './support/fixtures';
import { StationPage } from './support/station-page';
import { floorSetup } from './support/floor-setup';

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
  const floor = await floorSetup(api, { warehouse: { code: 'REV-1', name: 'Revocation DC' }, stock: {}, station: 'Pack R' });
  await page.goto(stationHost.url);
  const station = new StationPage(page);
  await station.enroll(server.url, floor.enrollmentCode);
  await expect(page.getByTestId('connection')).toHaveText('Online');

  expect((await api('POST', `/v1/stations/${floor.stationId}/revoke`)).status).toBe(200);
  await expect(page.getByTestId('connection')).toHaveText('Revoked: not syncing');
  const panel = page.getByTestId('station-revoked');
  await expect(panel).toContainText('This station was revoked');
  await expect(page.getByTestId('revoked-kept-events')).toContainText('kept on this station');
  await expect(station.message()).toContainText('revoked by an admin');
  await station.acknowledgeIfAsked();

  const code = await api('POST', `/v1/stations/${floor.stationId}/enrollment-code`, { body: {} });
  await panel.getByLabel('New enrollment code from an admin').fill(code.body.enrollmentCode);
  await panel.getByRole('button', { name: 'Re-enrol this station' }).click();
  await expect(page.getByTestId('connection')).toHaveText('Online');
  await expect(panel).toBeHidden();
  const hello = await api('GET', '/v1/stations');
  expect(hello.body.data.map((s: { id: string }) => s.id)).toContain(floor.stationId);
});
