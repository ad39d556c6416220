import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { ssccLabelData, stationSettings, tcpPrinter } from '../../src/main/printing/testing/fixtures';
import { startVirtualPrinter, type VirtualPrinter } from '../../src/main/printing/testing/virtual-printer';
import { fileSecretStore } from '../../src/main/services/secret-store';
import { createStationServices, type StationServices } from '../../src/main/services/station-services';
import { dispatch } from '../../src/shared/contract/dispatch';
import { startTestServer, type TestServer } from '../../src/server/testing/test-server';

/**
 * The floor's bug: every station counted SSCC serials from 1 under the same company prefix, so two
 * stations' first parcels carried one SSCC. Two real stations enrolled with one server, with the same
 * label settings: each holds its own block from enrolment on, and their first labels differ.
 */
let t: TestServer;
let printer: VirtualPrinter;
const stations: { services: StationServices; dataDir: string; id: string }[] = [];

beforeAll(async () => {
  t = await startTestServer();
  printer = await startVirtualPrinter();
  const wh = await t.api('POST', '/v1/warehouses', { body: { code: 'SSC-1', name: 'SSCC DC', priority: 10 } });
  for (const name of ['Pack 1', 'Pack 2']) {
    const registered = await t.api('POST', '/v1/stations', { body: { name, warehouseId: wh.body.id } });
    const dataDir = mkdtempSync(join(tmpdir(), 'dockside-sscc-'));
    const zebra = tcpPrinter(printer.port);
    const services = await createStationServices({
      dataDir,
      secrets: fileSecretStore(dataDir),
      initialSettings: stationSettings([zebra], { 'sscc-label': zebra.id }), // the same prefix at both: 3 / 0614141
    });
    const enrolled = await dispatch(
      services.handlers,
      'station.enroll',
      { serverUrl: t.url, code: registered.body.enrollmentCode },
      {
        deviceId: crypto.randomUUID(),
      },
    );
    stations.push({ services, dataDir, id: (enrolled as { stationId: string }).stationId });
  }
});
afterAll(async () => {
  for (const s of stations) {
    await s.services.close();
    rmSync(s.dataDir, { recursive: true, force: true });
  }
  await printer?.close();
  await t?.close();
});

it('two stations with the same label settings print different SSCCs, each from its own server-issued block', async () => {
  // On enrolment each station takes a block, before any label asks for one.
  const blocks = await vi.waitFor(
    async () => {
      const rows = await t.server.db.query<{ station_id: string; first_serial: unknown; last_serial: unknown }>(
        'select station_id, first_serial, last_serial from sscc_blocks',
      );
      expect(rows.map((r) => r.station_id).sort()).toEqual(stations.map((s) => s.id).sort());
      return rows;
    },
    { timeout: 20_000, interval: 100 },
  );
  const first = await Promise.all(stations.map((s) => s.services.print.print({ template: 'sscc-label', data: ssccLabelData() })));
  const [a, b] = first.map((job) => job.sscc!);
  expect(a).toMatch(/^30614141\d{10}$/);
  expect(a).not.toBe(b);
  // Each SSCC's serial lies in the block the server recorded for the station that printed it.
  stations.forEach((s, i) => {
    const serial = Number(first[i]!.sscc!.slice(8, 17));
    const block = blocks.find((r) => r.station_id === s.id)!;
    expect(serial).toBeGreaterThanOrEqual(Number(block.first_serial));
    expect(serial).toBeLessThanOrEqual(Number(block.last_serial));
  });
});
