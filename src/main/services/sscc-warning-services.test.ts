import { rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { CREDENTIAL_REVOKED, type SsccStock } from '../../shared/contract/index';
import { dispatch } from '../../shared/contract/dispatch';
import { openSsccAllocator } from '../printing/sscc/sscc-allocator';
import { tempDataDir } from '../printing/testing/fixtures';
import { fakeSsccServer } from '../printing/testing/sscc-blocks';
import { fileSecretStore } from './secret-store';
import { createStationServices, type StationServices } from './station-services';

/**
 * The SSCC warning of the real station services, as they start: a station that spent its reserve
 * offline and was shut down has fewer numbers than the refill mark on disk.
 */
const range = { extensionDigit: 0, companyPrefix: '0614141' };
let services: StationServices | undefined;
let server: Server | undefined;
afterEach(async () => {
  await services?.close();
  server?.closeAllConnections(); // a block request still held open would keep it from closing
  await new Promise((done) => (server ? server.close(done) : done(undefined)));
  services = server = undefined;
});

/** A station data dir holding 250 numbers of `range` (the server gave one block of 250), enrolled with `serverUrl`. */
async function stationHolding250(serverUrl: string) {
  const dataDir = await tempDataDir();
  const blocks = fakeSsccServer(1, 250, 250);
  await (await openSsccAllocator(dataDir, { fetchBlock: blocks.fetchBlock })).refill(range);
  const station = { stationId: crypto.randomUUID(), stationName: 'Pack 1', warehouseId: crypto.randomUUID(), warehouseName: 'DC' };
  writeFileSync(join(dataDir, 'station.json'), JSON.stringify({ ...station, serverUrl }));
  fileSecretStore(dataDir).set('station-credential', 'st_test');
  return dataDir;
}

const start = async (dataDir: string) =>
  (services = await createStationServices({ dataDir, secrets: fileSecretStore(dataDir), initialSettings: { sscc: range } }));

const warning = '250 shipping label numbers left at this station: connect it to the server to get more before they run out';

it('warns as the services start with the server unreachable, once the first attempt failed, from the stock on disk, before any label or refill', async () => {
  const station = await start(await stationHolding250('http://127.0.0.1:9')); // nothing listens on port 9
  await vi.waitFor(() => expect(station.link.state().lastError).not.toBeNull());
  expect(station.ssccStock()).toEqual({ ...range, remaining: 250, refillFailed: 'no-server', warning, warnBelow: 300 });
  // What a page opening now is answered.
  const snapshot = await dispatch(station.handlers, 'printing.sscc-stock', undefined, { deviceId: crypto.randomUUID() });
  expect((snapshot as SsccStock).warning).toBe(warning);
});

it('says it must be re-enrolled, not connected, once the server refuses it as revoked', async () => {
  server = createServer((_req, res) => {
    res.writeHead(401, { 'content-type': 'application/problem+json' });
    res.end(JSON.stringify({ code: CREDENTIAL_REVOKED, detail: 'this station was revoked at 2026-12-06T07:00:00Z' }));
  });
  await new Promise<void>((listening) => server!.listen(0, '127.0.0.1', listening));
  const station = await start(await stationHolding250(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  // The live stream's first request learns it; no label is printed.
  await vi.waitFor(() => expect(station.link.state().revoked).not.toBeNull(), { timeout: 10_000 });
  await vi.waitFor(() => expect(station.ssccStock().refillFailed).toBe('revoked'));
  expect(station.ssccStock().warning).toBe(
    '250 shipping label numbers left at this station: it was revoked, so it can get no more until it is re-enrolled with a new enrollment code from an admin',
  );
});

it('warns at once with no server set up: there is no connection attempt to wait for', async () => {
  const dataDir = await stationHolding250('http://127.0.0.1:9');
  rmSync(join(dataDir, 'station.json'));
  const station = await start(dataDir);
  expect(station.ssccStock()).toMatchObject({ remaining: 250, refillFailed: 'no-server', warning });
});

it('does not warn while a station starting online waits for its first refill: the refill decides', async () => {
  let giveBlock = () => {};
  const blockAsked = new Promise<void>((asked) => {
    server = createServer((req, res) => {
      if (req.url === '/v1/sync/stream') {
        res.writeHead(200, { 'content-type': 'text/event-stream' }).write(': connected\n\n');
        return;
      }
      if (req.url !== '/v1/sync/sscc-blocks') return void res.writeHead(404, { 'content-type': 'application/json' }).end('{}');
      asked();
      const block = { id: crypto.randomUUID(), ...range, firstSerial: 1000, lastSerial: 1999, issuedAt: new Date().toISOString() };
      giveBlock = () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(block));
    });
  });
  await new Promise<void>((listening) => server!.listen(0, '127.0.0.1', listening));
  const station = await start(await stationHolding250(`http://127.0.0.1:${(server!.address() as AddressInfo).port}`));
  const pushed: SsccStock[] = [];
  station.events.subscribe(
    crypto.randomUUID(),
    (name, payload) => name === 'printing.sscc-stock-changed' && pushed.push(payload as SsccStock),
  );
  expect(station.ssccStock()).toMatchObject({ remaining: 250, refillFailed: null, warning: null });
  // Online, its refill asked for a block and waits for it: still no warning.
  await blockAsked;
  expect(station.link.state().online).toBe(true);
  expect(station.ssccStock()).toMatchObject({ remaining: 250, refillFailed: null, warning: null });
  giveBlock();
  await vi.waitFor(() => expect(station.ssccStock()).toMatchObject({ remaining: 1250, refillFailed: null, warning: null }));
  expect(pushed.filter((p) => p.warning !== null)).toEqual([]);
});
