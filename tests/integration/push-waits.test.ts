import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { fileSecretStore } from '../../src/main/services/secret-store';
import { SERVER_SLOW } from '../../src/main/services/server-request';
import { createStationServices, type StationServices } from '../../src/main/services/station-services';
import { dispatch } from '../../src/shared/contract/dispatch';
import type { PushResponse } from '../../src/shared/sync/sync-protocol';
import { setUpWarehouse, startTestServer, type TestServer } from '../../src/server/testing/test-server';
import { startRewritingProxy, type RewritingProxy } from '../support/rewriting-proxy';

/**
 * After a reconnect a push queues behind the station's other devices' pushes, and the server
 * answers it only once it has applied it. The station waits for that answer far longer than for
 * any other request: giving up would not stop the server's work, and the events would be sent
 * again behind it. Real station services, a real server, a proxy that holds answers back.
 */
const LIMIT_MS = 5_000;
const HELD_MS = LIMIT_MS + 1_500;

let t: TestServer;
let proxy: RewritingProxy;
let services: StationServices;
const dataDir = mkdtempSync(join(tmpdir(), 'dockside-push-waits-'));
const call = <T>(name: string, arg?: unknown) => dispatch(services.handlers, name, arg, { deviceId: crypto.randomUUID() }) as Promise<T>;
const heldBack = (body: unknown) => new Promise((resolve) => setTimeout(() => resolve(body), HELD_MS));

beforeAll(async () => {
  t = await startTestServer();
  const { warehouseId } = await setUpWarehouse(t, 'WAIT-1');
  const registered = await t.api('POST', '/v1/stations', { body: { name: 'Pack 4 WAIT-1', warehouseId } });
  proxy = await startRewritingProxy(t.url);
  services = await createStationServices({ dataDir, secrets: fileSecretStore(dataDir), requestTimeoutMs: LIMIT_MS });
  await call('station.enroll', { serverUrl: proxy.url, code: registered.body.enrollmentCode });
  await vi.waitFor(() => expect(services.link.state().online).toBe(true), { timeout: 20_000 });
});
afterAll(async () => {
  await services?.close();
  await proxy?.close();
  await t?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it('waits for a push answered after the request limit, where a pull that late is given up as slow', async () => {
  proxy.rewrite('/v1/sync/pull', heldBack);
  proxy.rewrite('/v1/sync/push', heldBack);
  try {
    await expect(call('sync.pull', { collection: 'fulfillment_orders', checkpoint: null, limit: 10 })).rejects.toMatchObject({
      code: 'server_unreachable',
      message: SERVER_SLOW,
    });
    // An event the server cannot read is still answered (as unreadable): the answer is what is awaited.
    const pushed = await call<PushResponse>('sync.push', { events: [{ id: crypto.randomUUID(), type: 'not-an-event' }] });
    expect(pushed.unreadable).toEqual([expect.objectContaining({ index: 0 })]);
    expect(services.link.state()).toMatchObject({ online: true, lastError: null });
  } finally {
    proxy.passThrough();
  }
});
