import { afterAll, beforeAll, expect, it } from 'vitest';
import { SERVER_SLOW } from '../../src/main/services/server-request';
import type { PushResponse } from '../../src/shared/sync/sync-protocol';
import { startTestServer, type TestServer } from '../../src/server/testing/test-server';
import { stationBehindProxy, type StationBehindProxy } from '../support/station-behind-proxy';

/**
 * After a reconnect a push queues behind the station's other devices' pushes, and the server
 * answers it only once it has applied it. The station waits for that answer far longer than for
 * any other request: giving up would not stop the server's work, and the events would be sent
 * again behind it. Real station services, a real server, a proxy that holds answers back.
 */
const LIMIT_MS = 5_000;
const HELD_MS = LIMIT_MS + 1_500;

let t: TestServer;
let station: StationBehindProxy;
const heldBack = (body: unknown) => new Promise((resolve) => setTimeout(() => resolve(body), HELD_MS));

beforeAll(async () => {
  t = await startTestServer();
  station = await stationBehindProxy(t, { warehouse: 'WAIT-1', station: 'Pack 4 WAIT-1' }, { requestTimeoutMs: LIMIT_MS });
});
afterAll(async () => {
  await station?.stop();
  await t?.close();
});

it('waits for a push answered after the request limit, where a pull that late is given up as slow', async () => {
  const { proxy, services, call } = station;
  proxy.rewrite('/v1/sync/pull', heldBack);
  proxy.rewrite('/v1/sync/push', heldBack);
  try {
    // Side by side, as a station's pull and push are: the same hold, two outcomes.
    const pull = call('sync.pull', { collection: 'fulfillment_orders', checkpoint: null, limit: 10 });
    // An event the server cannot read is still answered (as unreadable): the answer is what is awaited.
    const push = call<PushResponse>('sync.push', { events: [{ id: crypto.randomUUID(), type: 'not-an-event' }] });
    await expect(pull).rejects.toMatchObject({ code: 'server_unreachable', message: SERVER_SLOW });
    expect((await push).unreadable).toEqual([expect.objectContaining({ index: 0 })]);
    expect(services.link.state()).toMatchObject({ online: true, lastError: null });
  } finally {
    proxy.passThrough();
  }
});
