import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeqBlock } from '../../src/shared/contract/index';
import type { PullResponse } from '../../src/shared/sync/sync-protocol';
import { sampleOrder, startTestServer, type TestServer } from '../../src/server/testing/test-server';
import { stationBehindProxy, type StationBehindProxy } from '../support/station-behind-proxy';

/**
 * The real station services, enrolled with a real server through a proxy that can mangle the
 * server's answers: a wrong shape reaches the handler's caller as server_response_invalid naming
 * the route and field, and nothing the station keeps is changed by it.
 */
let t: TestServer;
let station: StationBehindProxy;
let proxy: StationBehindProxy['proxy'];
let warehouseId: string;
const call = <T>(name: string, arg?: unknown) => station.call<T>(name, arg);

beforeAll(async () => {
  t = await startTestServer();
  station = await stationBehindProxy(t, { warehouse: 'ANS-1', station: 'Pack 3 ANS-1' });
  ({ proxy, warehouseId } = station);
});
afterAll(async () => {
  await station?.stop();
  await t?.close();
});

describe('a station given answers of the wrong shape', () => {
  it('refuses a hello whose lastSeq is text, and keeps its seq floor where it was', async () => {
    const before = await call<SeqBlock>('sync.next-seqs', { count: 1 });
    proxy.rewrite('/v1/sync/hello', (hello) => ({ ...hello, lastSeq: '1000000' }));
    try {
      await expect(call('sync.hello')).rejects.toMatchObject({
        code: 'server_response_invalid',
        details: { route: 'GET /v1/sync/hello', field: 'lastSeq' },
      });
    } finally {
      proxy.passThrough();
    }
    const after = await call<SeqBlock>('sync.next-seqs', { count: 1 });
    expect(after.first).toBe(before.last + 1);
  });

  it('refuses a pull whose document has a status the station does not know, naming that document', async () => {
    await t.api('POST', '/v1/orders', { body: sampleOrder() });
    const pull = { collection: 'fulfillment_orders', checkpoint: null, limit: 10 };
    proxy.rewrite('/v1/sync/pull', (page) => ({ ...page, documents: page.documents.map((d: object) => ({ ...d, status: 'teleported' })) }));
    try {
      await expect(call('sync.pull', pull)).rejects.toMatchObject({
        code: 'server_response_invalid',
        status: 502,
        details: { route: 'POST /v1/sync/pull', field: 'documents.0.status' },
      });
    } finally {
      proxy.passThrough();
    }
    const page = await call<PullResponse>('sync.pull', pull);
    expect(page.documents).toHaveLength(1);
    expect(page.documents[0]).toMatchObject({ _deleted: false, status: 'open', warehouseId });
  });
});
