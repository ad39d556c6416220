import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fileSecretStore } from '../../src/main/services/secret-store';
import { createStationServices, type StationServices } from '../../src/main/services/station-services';
import { openStationDatabase, type StationDatabase } from '../../src/renderer/db/station-database';
import { createSyncOutbox, type SyncOutbox } from '../../src/renderer/db/sync-outbox';
import { seqBlocks } from '../../src/renderer/station-client/seq-blocks';
import type { ConnectionState, SeqBlock } from '../../src/shared/contract/index';
import { dispatch } from '../../src/shared/contract/dispatch';
import type { FulfillmentDocument } from '../../src/shared/sync/fulfillment-document';
import type { PushResponse } from '../../src/shared/sync/sync-protocol';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../../src/server/testing/test-server';

/**
 * A revoked station, with the real station services (main) and the renderer's outbox against a
 * real server: it shows that it was revoked, stops syncing, keeps its unsent events, and an
 * admin's new enrollment code brings it back under the same id, when the events go up.
 */
let t: TestServer;
let services: StationServices;
let db: StationDatabase;
let outbox: SyncOutbox;
let stationId: string;
let warehouseId: string;
let dataDir: string;
const connections: ConnectionState[] = [];

const DEVICE = { deviceId: crypto.randomUUID() };
const call = <T>(name: string, arg?: unknown) => dispatch(services.handlers, name, arg, DEVICE) as Promise<T>;
const pending = () => db.outbox.count({ selector: { state: 'pending' } }).exec();

beforeAll(async () => {
  t = await startTestServer();
  ({ warehouseId } = await setUpWarehouse(t, 'REV-1'));
  const registered = await t.api('POST', '/v1/stations', { body: { name: 'Pack 9', warehouseId } });
  dataDir = mkdtempSync(join(tmpdir(), 'dockside-revoked-'));
  services = await createStationServices({ dataDir, secrets: fileSecretStore(dataDir) });
  services.events.subscribe(DEVICE.deviceId, (name, payload) => {
    if (name === 'sync.connection') connections.push(payload as ConnectionState);
  });
  stationId = (await call<{ stationId: string }>('station.enroll', { serverUrl: t.url, code: registered.body.enrollmentCode })).stationId;
  await vi.waitFor(() => expect(services.link.state().online).toBe(true), { timeout: 20_000 });
  db = await openStationDatabase(`revoked-${stationId.slice(0, 8)}`, wrappedValidateAjvStorage({ storage: getRxStorageMemory() }));
  outbox = createSyncOutbox(
    db,
    stationId,
    (events) => call<PushResponse>('sync.push', { events }),
    seqBlocks((req) => call<SeqBlock>('sync.next-seqs', req)),
  );
});
afterAll(async () => {
  await db?.close();
  await services?.close();
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a revoked station', () => {
  it('shows it was revoked, stops syncing and keeps its unsent events; re-enrolled, it sends them', async () => {
    const order = await t.api('POST', '/v1/orders', { body: sampleOrder() });
    const fo = order.body.fulfillmentOrders[0] as FulfillmentDocument;
    const actor = { kind: 'station' as const, id: stationId };

    expect((await t.api('POST', `/v1/stations/${stationId}/revoke`)).status).toBe(200);
    // The live stream closes; reconnecting, the station learns why.
    await vi.waitFor(() => expect(services.link.state().revoked).toMatchObject({ detail: expect.stringContaining('revoked') }), {
      timeout: 20_000,
    });
    expect(services.link.state().online).toBe(false);
    expect((await call<ConnectionState>('sync.connection')).revoked).not.toBeNull();
    // The renderer hears it (its sync bar shows it).
    expect(connections.at(-1)).toMatchObject({ online: false, revoked: { detail: expect.any(String) } });

    // Work recorded now waits on disk: pushing is refused here, without the server, and nothing is set aside.
    await outbox.record({ type: 'fulfillment-order-claimed', fulfillmentOrderId: fo.id, orderId: fo.orderId, actor, payload: {} });
    await outbox.flush();
    await expect(call('sync.hello')).rejects.toMatchObject({ code: 'credential_revoked' });
    expect(await pending()).toBe(1);
    expect(await db.outbox.count({ selector: { state: 'rejected' } }).exec()).toBe(0);

    // An admin re-enrols it: same station, and what waited goes up.
    const code = await t.api('POST', `/v1/stations/${stationId}/enrollment-code`, { body: {} });
    const again = await call<{ stationId: string }>('station.enroll', { serverUrl: t.url, code: code.body.enrollmentCode });
    expect(again.stationId).toBe(stationId);
    await vi.waitFor(() => expect(services.link.state()).toMatchObject({ online: true, revoked: null }), { timeout: 20_000 });
    await outbox.flush();
    expect(await pending()).toBe(0);
    const after = await t.api('GET', `/v1/fulfillment-orders/${fo.id}`);
    expect(after.body.status).toBe('in_progress');
  }, 120_000);
});
