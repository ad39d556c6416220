import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresForTests } from './postgres-available';
import { spawnServer, type ServerProcess } from './server-process';
import { openSse } from './sse';
import { createTestDatabase, type TestDatabase } from './test-database';
import { apiClient, eventually } from './test-support';
import { sampleOrder } from './test-server';

/**
 * docs/architecture.md, Scale: several stateless server processes share one PostgreSQL; a station's live
 * stream on one process sees changes made through another (LISTEN/NOTIFY), and background work
 * (webhook deliveries, jobs) is shared without doing anything twice.
 */
const pg = await postgresForTests();
if (!pg.available) console.warn(`multi-process tests skipped: ${pg.reason}`);

const TOKEN = 'dks_multi_process_admin_token_0123456789';
let db: TestDatabase;
let a: ServerProcess;
let b: ServerProcess;
let receiver: Server;
let receiverUrl = '';
const received: { id: string; deliveryId: string }[] = [];

/** The API of one of the two processes, as the admin unless a call says otherwise. */
const api = (server: ServerProcess) => apiClient(server.url, TOKEN);

describe.skipIf(!pg.available)(`two server processes on one PostgreSQL${pg.available ? '' : ` (skipped: ${pg.reason})`}`, () => {
  let station: { stationId: string; credential: string; warehouseId: string };

  beforeAll(async () => {
    if (!pg.available) return;
    db = await createTestDatabase(pg.url, 'dockside_mp');
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const parsed = JSON.parse(body) as { id: string; deliveryId: string };
        received.push({ id: parsed.id, deliveryId: parsed.deliveryId });
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const addr = receiver.address();
    receiverUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/hook`;
    // Started together: migrations and bootstrap must not trip over each other.
    const env = {
      DATABASE_URL: db.url,
      DOCKSIDE_BOOTSTRAP_TOKEN: TOKEN,
      DOCKSIDE_WEBHOOK_POLL_MS: '100',
      DOCKSIDE_JOB_POLL_MS: '100',
      DOCKSIDE_POLICY_INTERVAL_MS: '100',
    };
    [a, b] = await Promise.all([spawnServer(env), spawnServer(env)]);

    const wh = await api(a)('POST', '/v1/warehouses', { body: { code: 'LON-1', name: 'London', priority: 10 } });
    expect(wh.status).toBe(201);
    await api(a)('PUT', `/v1/inventory/${wh.body.id}/SKU-MUG`, { body: { onHand: 1000 } });
    await api(a)('PUT', `/v1/inventory/${wh.body.id}/SKU-TEE`, { body: { onHand: 1000 } });
    const st = await api(a)('POST', '/v1/stations', { body: { name: 'Pack 1', warehouseId: wh.body.id } });
    const enrolled = await api(b)('POST', '/v1/stations/enroll', { body: { code: st.body.enrollmentCode }, token: null });
    expect(enrolled.status).toBe(201);
    station = { stationId: enrolled.body.stationId, credential: enrolled.body.credential, warehouseId: wh.body.id };
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    if (receiver) await new Promise((r) => receiver.close(r));
    await db?.drop();
    if (pg.available) await pg.stop();
  });

  it('both processes run on the same database', async () => {
    const [ha, hb] = await Promise.all([api(a)('GET', '/health', { token: null }), api(b)('GET', '/health', { token: null })]);
    expect(ha.body.database).toBe('postgres');
    expect(hb.body.database).toBe('postgres');
    expect(a.url).not.toBe(b.url);
    const keys = await api(b)('GET', '/v1/warehouses');
    expect(keys.body.data.map((w: { code: string }) => w.code)).toEqual(['LON-1']);
  });

  it("a station's live stream on process A sees an order created through process B", async () => {
    const stream = await openSse(`${a.url}/v1/sync/stream`, station.credential);
    try {
      expect(stream.contentType).toContain('text/event-stream');
      expect(await stream.next()).toBe('RESYNC');
      const created = await api(b)('POST', '/v1/orders', { body: sampleOrder() });
      expect(created.status).toBe(201);
      const change = (await stream.next()) as { type: string; collection: string; rev: number };
      expect(change).toMatchObject({ type: 'changed', collection: 'fulfillment_orders' });
      // What the notification points at is pullable from either process.
      const pulled = await api(a)('POST', '/v1/sync/pull', {
        body: { collection: 'fulfillment_orders', checkpoint: { rev: change.rev - 1 }, limit: 10 },
        token: station.credential,
      });
      expect(pulled.body.documents.map((d: { orderId: string }) => d.orderId)).toContain(created.body.id);

      // And the other way round: an event pushed through B is announced on A's stream.
      const fo = created.body.fulfillmentOrders[0];
      const hello = await api(b)('GET', '/v1/sync/hello', { token: station.credential });
      const pushed = await api(b)('POST', '/v1/sync/push', {
        body: {
          events: [
            {
              id: crypto.randomUUID(),
              stationId: station.stationId,
              seq: hello.body.lastSeq + 1,
              type: 'fulfillment-order-claimed',
              fulfillmentOrderId: fo.id,
              orderId: fo.orderId,
              actor: { kind: 'station', id: station.stationId },
              occurredAt: new Date().toISOString(),
              payload: {},
            },
          ],
        },
        token: station.credential,
      });
      expect(pushed.body.outcomes[0].outcome).toBe('applied');
      const claimed = (await stream.next()) as { rev: number };
      expect(claimed.rev).toBeGreaterThan(change.rev);
    } finally {
      stream.close();
    }
  });

  it('a station revoked through process A is refused by process B, which had its credential cached, and B closes its live stream', async () => {
    const st = await api(a)('POST', '/v1/stations', { body: { name: 'Pack revoked', warehouseId: station.warehouseId } });
    const enrolled = await api(a)('POST', '/v1/stations/enroll', { body: { code: st.body.enrollmentCode }, token: null });
    const credential = enrolled.body.credential as string;
    expect((await api(b)('GET', '/v1/sync/hello', { token: credential })).status).toBe(200); // cached on B for 30 s
    const stream = await openSse(`${b.url}/v1/sync/stream`, credential);
    try {
      expect(await stream.next()).toBe('RESYNC');
      const startedAt = Date.now();
      expect((await api(a)('POST', `/v1/stations/${enrolled.body.stationId}/revoke`)).status).toBe(200);
      // Well inside B's cache period: only the notification can explain the refusal (it takes milliseconds; the bound is for a loaded machine).
      const refused = await eventually(
        'B to refuse the revoked station',
        async () => {
          const res = await api(b)('GET', '/v1/sync/hello', { token: credential });
          return res.status === 401 && res;
        },
        { timeoutMs: 10_000 },
      );
      console.info(`revocation reached process B in ${Date.now() - startedAt} ms`);
      expect(refused.body.code).toBe('credential_revoked');
      await expect(stream.next()).rejects.toThrow('stream ended');
    } finally {
      stream.close();
    }
    // The station every other test uses is untouched.
    expect((await api(b)('GET', '/v1/sync/hello', { token: station.credential })).status).toBe(200);
  });

  it('delivers each webhook event exactly once although both processes run delivery workers', async () => {
    const hook = await api(a)('POST', '/v1/webhooks', { body: { url: receiverUrl, events: ['order.created'] } });
    expect(hook.status).toBe(201);
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await api(i % 2 ? a : b)('POST', '/v1/orders', { body: sampleOrder() });
      ids.push(res.body.id);
    }
    const log = await eventually('10 deliveries', async () => {
      const d = await api(b)('GET', `/v1/webhooks/${hook.body.id}/deliveries?status=succeeded&limit=100`);
      return d.body.data.length >= 10 && d.body.data;
    });
    expect(log).toHaveLength(10);
    expect(log.every((d: { attempts: number }) => d.attempts === 1)).toBe(true);
    // Give a duplicate, if any, the chance to arrive before counting.
    await new Promise((r) => setTimeout(r, 300));
    const sent = received.filter((r) => log.some((d: { id: string }) => d.id === r.deliveryId));
    expect(sent).toHaveLength(10);
    expect(new Set(sent.map((r) => r.id)).size).toBe(10);
  });

  it('runs a job queued on one process and serves its output from the other', async () => {
    const job = await api(a)('POST', '/v1/jobs/exports', { body: { format: 'ndjson' } });
    expect(job.status).toBe(202);
    const done = await eventually('the export', async () => {
      const j = await api(b)('GET', `/v1/jobs/${job.body.id}`);
      return j.body.status === 'succeeded' && j.body;
    });
    const res = await fetch(b.url + done.downloadUrl, { headers: { authorization: `Bearer ${TOKEN}` } });
    const lines = (await res.text()).trim().split('\n');
    expect(lines).toHaveLength(11);
  });

  it('holds each order over the review value once, with one task, although both processes run the policies', async () => {
    const read = await api(a)('GET', '/v1/settings');
    const policies = { reviewHold: { enabled: true, thresholds: [{ currency: 'GBP', overMinor: 1000 }] } };
    const put = await api(b)('PUT', '/v1/settings', { body: { policies }, headers: { 'if-match': read.headers.get('etag')! } });
    expect(put.status).toBe(200);
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await api(i % 2 ? a : b)('POST', '/v1/orders', { body: sampleOrder() })).body.id);
    for (const id of ids)
      await eventually(`order ${id} held`, async () => (await api(a)('GET', `/v1/orders/${id}`)).body.status === 'on_hold');
    // Both schedulers keep running every 100 ms: let several more runs pass, then count.
    const heldAt = Date.now();
    await eventually('more policy runs', async () => {
      const runs = (await api(b)('GET', '/v1/policies')).body.data as { policy: string; lastRunAt: string }[];
      return Date.parse(runs.find((r) => r.policy === 'reviewHold')!.lastRunAt) > heldAt + 1000;
    });
    for (const id of ids) {
      const order = (await api(b)('GET', `/v1/orders/${id}?expand=timeline,tasks`)).body;
      const applied = order.timeline.filter((e: { type: string; actor: { id: string } }) => e.type === 'policy-applied');
      expect(applied).toHaveLength(1);
      expect(applied[0].actor.id).toBe('policy:reviewHold');
      expect(order.tasks.filter((t: { kind: string }) => t.kind === 'order-review')).toHaveLength(1);
    }
    const reset = await api(a)('GET', '/v1/settings');
    await api(a)('PUT', '/v1/settings', { body: {}, headers: { 'if-match': reset.headers.get('etag')! } });
  });
});
