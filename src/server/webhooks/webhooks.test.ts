import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';
import { eventually } from '../testing/test-support';
import { backoffMs } from './delivery-worker';
import { signPayload, verifySignature } from './signing';

// Fast retries for the test; the schedule itself is asserted from the attempt log, not the clock.
process.env.DOCKSIDE_WEBHOOK_RETRY_BASE_MS = '40';
process.env.DOCKSIDE_WEBHOOK_RETRY_MAX_MS = '400';
process.env.DOCKSIDE_WEBHOOK_MAX_ATTEMPTS = '4';
process.env.DOCKSIDE_WEBHOOK_POLL_MS = '25';
process.env.DOCKSIDE_SECRET_KEY = 'test-only-key-for-sealing-webhook-secrets';

interface Received {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A real HTTP receiver on 127.0.0.1; each path answers with a scripted sequence of status codes. */
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
const scripts = new Map<string, number[]>();

let t: TestServer;
let wh: Awaited<ReturnType<typeof setUpWarehouse>>;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body });
      const script = scripts.get(req.url ?? '') ?? [];
      const status = script.length > 1 ? script.shift()! : (script[0] ?? 200);
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'try later');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const a = receiver.address();
  receiverUrl = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
  t = await startTestServer();
  wh = await setUpWarehouse(t, 'LON-1');
});
afterAll(async () => {
  await t.close();
  await new Promise((r) => receiver.close(r));
});

async function register(path: string, events: string[], secret = `secret-for-${path}-0123456789`) {
  const res = await t.api('POST', '/v1/webhooks', { body: { url: `${receiverUrl}${path}`, events, secret } });
  expect(res.status).toBe(201);
  return { id: res.body.id as string, secret, body: res.body };
}

const deliveries = async (id: string, query = '') => (await t.api('GET', `/v1/webhooks/${id}/deliveries${query}`)).body.data as any[];

describe('webhooks', () => {
  it('signs and delivers the subscribed timeline events of an order, and only those', async () => {
    const hook = await register('/orders', ['order.created', 'order.confirmed']);
    expect(hook.body.secret).toBe(hook.secret);
    expect(hook.body.secretStorage).toBe('sealed');
    const [stored] = await t.server.db.query<{ secret: string }>('select secret from webhooks where id = $1', [hook.id]);
    expect(stored!.secret).toMatch(/^enc:v1:/);
    expect(stored!.secret).not.toContain(hook.secret);

    const order = await t.api('POST', '/v1/orders', { body: sampleOrder() });
    const got = await eventually('two deliveries', async () => {
      const mine = received.filter((r) => r.path === '/orders' && JSON.parse(r.body).orderId === order.body.id);
      return mine.length >= 2 && mine;
    });
    const bodies = got.map((r) => JSON.parse(r.body));
    expect(bodies.map((b) => b.type).sort()).toEqual(['order-created', 'order-status-changed']);
    const confirmed = bodies.find((b) => b.type === 'order-status-changed');
    expect(confirmed.names).toContain('order.confirmed');
    expect(confirmed.data).toMatchObject({ from: 'pending', to: 'confirmed' });
    for (const r of got) {
      const b = JSON.parse(r.body);
      expect(b).toMatchObject({ orderId: order.body.id, webhookId: hook.id });
      expect(b.correlationId).toBe(b.id);
      expect(new Date(b.timestamp).toISOString()).toBe(b.timestamp);
      expect(typeof b.position).toBe('number');
      expect(r.headers['dockside-delivery']).toBe(b.deliveryId);
      expect(r.headers['dockside-event-id']).toBe(b.id);
      expect(verifySignature(hook.secret, r.headers['dockside-signature'] as string, r.body)).toMatchObject({ ok: true });
      expect(verifySignature('another-secret-0123456789', r.headers['dockside-signature'] as string, r.body)).toEqual({
        ok: false,
        reason: 'mismatch',
      });
      expect(
        verifySignature(hook.secret, r.headers['dockside-signature'] as string, r.body.replace(order.body.id, crypto.randomUUID())),
      ).toEqual({ ok: false, reason: 'mismatch' });
    }
    expect(got.find((r) => JSON.parse(r.body).type === 'order-status-changed')!.headers['dockside-event']).toBe('order.confirmed');

    // fulfillment-order-created was not subscribed: no delivery row for it.
    const log = await eventually('succeeded log', async () => {
      const d = (await deliveries(hook.id)).filter((x) => x.status === 'succeeded');
      return d.length >= 2 && d;
    });
    expect(new Set(log.map((d) => d.eventType))).toEqual(new Set(['order-created', 'order-status-changed']));
    expect(log[0]).toMatchObject({ attempts: 1, lastStatusCode: 200, lastError: null });
  });

  it('retries a failing receiver with exponential backoff until it answers', async () => {
    scripts.set('/flaky', [500, 503, 200]);
    const hook = await register('/flaky', ['order.created']);
    const order = await t.api('POST', '/v1/orders', { body: sampleOrder() });
    const done = await eventually('a succeeded delivery', async () =>
      (await deliveries(hook.id, '?status=succeeded')).find((d) => d.eventType === 'order-created'),
    );
    expect(done.attempts).toBe(3);
    expect(done.attemptLog.map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 503, 200]);
    expect(done.attemptLog[0].error).toBe('receiver answered HTTP 500');
    const waits = done.attemptLog
      .slice(0, 2)
      .map((a: { at: string; nextAttemptAt: string }) => Date.parse(a.nextAttemptAt) - Date.parse(a.at));
    expect(waits[0]).toBeGreaterThanOrEqual(40);
    expect(waits[1]).toBeGreaterThanOrEqual(80);
    expect(done.attemptLog[2].nextAttemptAt).toBeNull();
    const sent = received.filter((r) => r.path === '/flaky' && JSON.parse(r.body).orderId === order.body.id);
    expect(sent.map((r) => r.headers['dockside-attempt'])).toEqual(['1', '2', '3']);
    // The event id stays the same on every retry, so receivers can deduplicate.
    expect(new Set(sent.map((r) => JSON.parse(r.body).id)).size).toBe(1);
  });

  it('gives up after the last attempt, keeps the log, and can redeliver', async () => {
    scripts.set('/down', [503]);
    const hook = await register('/down', ['order.created']);
    await t.api('POST', '/v1/orders', { body: sampleOrder() });
    const failed = await eventually('a failed delivery', async () => (await deliveries(hook.id, '?status=failed'))[0]);
    expect(failed.attempts).toBe(4);
    expect(failed.attemptLog).toHaveLength(4);
    expect(failed.nextAttemptAt).toBeNull();
    expect(failed.completedAt).toBeTruthy();

    scripts.set('/down', [200]);
    const again = await t.api('POST', `/v1/webhooks/${hook.id}/deliveries/${failed.id}/redeliver`);
    expect(again.status).toBe(202);
    const ok = await eventually('the redelivery', async () => {
      const d = await t.api('GET', `/v1/webhooks/${hook.id}/deliveries/${failed.id}`);
      return d.body.status === 'succeeded' && d.body;
    });
    expect(ok.attempts).toBe(5);
    expect(ok.attemptLog.at(-1).statusCode).toBe(200);
  });

  it('records an unreachable receiver as a failed attempt with the network error', async () => {
    const dead = createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const a = dead.address();
    const port = typeof a === 'object' && a ? a.port : 0;
    await new Promise((r) => dead.close(r));
    const res = await t.api('POST', '/v1/webhooks', { body: { url: `http://127.0.0.1:${port}/gone`, events: ['*'] } });
    expect(res.body.secret).toMatch(/^whsec_/);
    const test = await t.api('POST', `/v1/webhooks/${res.body.id}/test`);
    expect(test.status).toBe(200);
    expect(test.body).toMatchObject({ status: 'failed', attempts: 1, lastStatusCode: null, eventType: 'webhook.test' });
    expect(test.body.lastError).toMatch(/ECONNREFUSED/);
  });

  it('sends a signed test event on demand and logs it', async () => {
    const hook = await register('/test-me', ['order.shipped']);
    const res = await t.api('POST', `/v1/webhooks/${hook.id}/test`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'succeeded', attempts: 1, lastStatusCode: 200, eventType: 'webhook.test' });
    const r = received.find((x) => x.path === '/test-me')!;
    expect(JSON.parse(r.body)).toMatchObject({ type: 'webhook.test', webhookId: hook.id, deliveryId: res.body.id });
    expect(verifySignature(hook.secret, r.headers['dockside-signature'] as string, r.body).ok).toBe(true);
    const log = await deliveries(hook.id);
    expect(log.map((d) => d.id)).toContain(res.body.id);
  });

  it('manages webhooks: list without secrets, update, delete stops deliveries; only unbound admins and integrators', async () => {
    const hook = await register('/managed', ['order.created']);
    const list = await t.api('GET', '/v1/webhooks');
    const listed = list.body.data.find((w: { id: string }) => w.id === hook.id);
    expect(listed).toMatchObject({
      url: `${receiverUrl}/managed`,
      events: ['order.created'],
      active: true,
      secretHint: `…${hook.secret.slice(-4)}`,
    });
    expect(JSON.stringify(list.body)).not.toContain(hook.secret);

    const paused = await t.api('PATCH', `/v1/webhooks/${hook.id}`, { body: { active: false } });
    expect(paused.body.active).toBe(false);
    await t.api('POST', '/v1/orders', { body: sampleOrder() });
    expect(await deliveries(hook.id)).toHaveLength(0);

    const integrator = await t.api('POST', '/v1/api-keys', { body: { name: 'shop', role: 'integrator' } });
    expect((await t.api('GET', '/v1/webhooks', { token: integrator.body.key })).status).toBe(200);
    const bound = await t.api('POST', '/v1/api-keys', { body: { name: 'lon', role: 'admin', warehouseId: wh.warehouseId } });
    expect((await t.api('GET', '/v1/webhooks', { token: bound.body.key })).status).toBe(403);
    expect((await t.api('GET', '/v1/webhooks', { token: wh.stationToken })).status).toBe(403);
    const packer = await t.api('POST', '/v1/api-keys', { body: { name: 'p', role: 'packer' } });
    expect(
      (await t.api('POST', '/v1/webhooks', { token: packer.body.key, body: { url: 'http://127.0.0.1:1/x', events: ['*'] } })).status,
    ).toBe(403);

    const bad = await t.api('POST', '/v1/webhooks', { body: { url: 'ftp://example.com/x', events: ['order.created'] } });
    expect(bad.status).toBe(400);
    const badEvent = await t.api('POST', '/v1/webhooks', { body: { url: 'http://127.0.0.1:1/x', events: ['Order Created!'] } });
    expect(badEvent.status).toBe(400);

    expect((await t.api('DELETE', `/v1/webhooks/${hook.id}`)).status).toBe(204);
    expect((await t.api('GET', `/v1/webhooks/${hook.id}`)).status).toBe(404);
    expect((await t.api('GET', `/v1/webhooks/${hook.id}/deliveries`)).status).toBe(404);
    const [n] = await t.server.db.query<{ n: unknown }>('select count(*) as n from webhook_deliveries where webhook_id = $1', [hook.id]);
    expect(Number(n!.n)).toBe(0);
  });

  it('pages the delivery log newest first', async () => {
    const hook = await register('/paged', ['order.created']);
    for (let i = 0; i < 3; i++) await t.api('POST', '/v1/orders', { body: sampleOrder() });
    await eventually('three deliveries', async () => (await deliveries(hook.id, '?status=succeeded')).length === 3);
    const p1 = await t.api('GET', `/v1/webhooks/${hook.id}/deliveries?limit=2`);
    expect(p1.body.data).toHaveLength(2);
    const p2 = await t.api('GET', `/v1/webhooks/${hook.id}/deliveries?limit=2&cursor=${p1.body.nextCursor}`);
    expect(p2.body.data).toHaveLength(1);
    expect(p2.body.nextCursor).toBeNull();
    const all = [...p1.body.data, ...p2.body.data];
    expect(new Set(all.map((d) => d.id)).size).toBe(3);
    const positions = all.map((d) => d.eventPosition);
    expect(positions).toEqual([...positions].sort((a, b) => b - a));
  });
});

describe('signatures and backoff', () => {
  it('rejects stale and malformed signatures', () => {
    const body = '{"a":1}';
    const header = signPayload('s3cret-s3cret-s3cret', body, 1_700_000_000);
    expect(verifySignature('s3cret-s3cret-s3cret', header, body, { now: 1_700_000_100 }).ok).toBe(true);
    expect(verifySignature('s3cret-s3cret-s3cret', header, body, { now: 1_700_001_000 })).toEqual({ ok: false, reason: 'stale' });
    expect(verifySignature('s3cret-s3cret-s3cret', 'v1=abc', body)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('doubles the wait per attempt up to the cap, with at most 10% jitter', () => {
    const s = { retryBaseMs: 1000, retryMaxMs: 10_000 };
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffMs(n, s, () => 0))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
    expect(backoffMs(2, s, () => 0.999)).toBeLessThanOrEqual(2200);
  });
});
