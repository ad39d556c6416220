import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ADMIN_TOKEN, sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';

/** The contract every mutation keeps: Idempotency-Key, If-Match/ETag, problem+json, roles and warehouse scope. */
let t: TestServer;
let lon: Awaited<ReturnType<typeof setUpWarehouse>>;

beforeAll(async () => {
  t = await startTestServer();
  lon = await setUpWarehouse(t, 'LON-1');
  await setUpWarehouse(t, 'MAN-1', {});
});
afterAll(() => t.close());

async function create(overrides: Record<string, unknown> = {}) {
  const res = await t.api('POST', '/v1/orders', { body: sampleOrder(overrides) });
  expect(res.status).toBe(201);
  return res.body;
}

async function count(sql: string, params: unknown[] = []) {
  const [row] = await t.server.db.query<{ n: unknown }>(sql, params);
  return Number(row!.n);
}

describe('Idempotency-Key', () => {
  it('creates an order once: the same key and body answer the same response, byte for byte', async () => {
    const key = crypto.randomUUID();
    const body = sampleOrder({ externalReference: 'IDEM-1' });
    const first = await fetch(`${t.url}/v1/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(body),
    });
    const firstText = await first.text();
    // Same body with keys in another order: the same request.
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const second = await fetch(`${t.url}/v1/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(reordered),
    });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(await second.text()).toBe(firstText);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    expect(await count(`select count(*) as n from orders where doc->>'externalReference' = 'IDEM-1'`)).toBe(1);
  });

  it('answers 422 when a key is reused for another body, and keys belong to their caller', async () => {
    const key = crypto.randomUUID();
    const a = await t.api('POST', '/v1/orders', {
      body: sampleOrder({ externalReference: 'IDEM-2' }),
      headers: { 'idempotency-key': key },
    });
    expect(a.status).toBe(201);
    const b = await t.api('POST', '/v1/orders', {
      body: sampleOrder({ externalReference: 'IDEM-3' }),
      headers: { 'idempotency-key': key },
    });
    expect(b.status).toBe(422);
    expect(b.headers.get('content-type')).toContain('application/problem+json');
    expect(b.body.code).toBe('idempotency_key_reused');
    const other = await t.api('POST', '/v1/api-keys', { body: { name: 'shop', role: 'integrator' } });
    const c = await t.api('POST', '/v1/orders', {
      token: other.body.key,
      body: sampleOrder({ externalReference: 'IDEM-3' }),
      headers: { 'idempotency-key': key },
    });
    expect(c.status).toBe(201);
  });

  it('makes a command happen once: a retried cancel refunds once', async () => {
    const order = await create();
    const key = crypto.randomUUID();
    const body = { reason: 'duplicate order', refund: true };
    const first = await t.api('POST', `/v1/orders/${order.id}/cancel`, { body, headers: { 'idempotency-key': key } });
    const retry = await t.api('POST', `/v1/orders/${order.id}/cancel`, { body, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect(await count('select count(*) as n from refunds where order_id = $1', [order.id])).toBe(1);
    // Without the key, the same request is a new attempt, refused by the state machine.
    const fresh = await t.api('POST', `/v1/orders/${order.id}/cancel`, { body });
    expect(fresh.body.code).toBe('order_status_final');
  });

  it('stores nothing for a failed request, so the key can be retried once the cause is fixed', async () => {
    const order = await create({ payment: { status: 'pending' } });
    const key = crypto.randomUUID();
    const refused = await t.api('POST', `/v1/orders/${order.id}/confirm`, { body: {}, headers: { 'idempotency-key': key } });
    expect(refused.body.code).toBe('order_payment_required');
    expect(await count('select count(*) as n from idempotency_keys where key = $1', [key])).toBe(0);
    await t.server.db.query(
      `update orders set payment_status = 'authorized', doc = jsonb_set(doc, '{paymentStatus}', '"authorized"') where id = $1`,
      [order.id],
    );
    const ok = await t.api('POST', `/v1/orders/${order.id}/confirm`, { body: {}, headers: { 'idempotency-key': key } });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('confirmed');
  });

  it('applies concurrent requests with the same key once, and answers all of them alike', async () => {
    const key = crypto.randomUUID();
    const body = sampleOrder({ externalReference: 'IDEM-RACE' });
    const answers = await Promise.all([1, 2, 3].map(() => t.api('POST', '/v1/orders', { body, headers: { 'idempotency-key': key } })));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(2);
    expect(await count(`select count(*) as n from orders where doc->>'externalReference' = 'IDEM-RACE'`)).toBe(1);
  });

  it('forgets a key after 24 hours', async () => {
    const key = crypto.randomUUID();
    await t.api('POST', '/v1/orders', { body: sampleOrder({ externalReference: 'OLD-1' }), headers: { 'idempotency-key': key } });
    await t.server.db.query(`update idempotency_keys set created_at = now() - interval '25 hours' where key = $1`, [key]);
    const reused = await t.api('POST', '/v1/orders', {
      body: sampleOrder({ externalReference: 'OLD-2' }),
      headers: { 'idempotency-key': key },
    });
    expect(reused.status).toBe(201);
    expect(reused.body.externalReference).toBe('OLD-2');
  });

  it('refuses a malformed key', async () => {
    const res = await t.api('POST', '/v1/orders', { body: sampleOrder(), headers: { 'idempotency-key': 'x'.repeat(300) } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid_idempotency_key');
  });
});

describe('optimistic concurrency', () => {
  it('sends the version as ETag and refuses a stale If-Match with 409 and the current version', async () => {
    const order = await create();
    const got = await t.api('GET', `/v1/orders/${order.id}`);
    const etag = got.headers.get('etag')!;
    expect(etag).toBe(`"${got.body.version}"`);
    const note = await t.api('PATCH', `/v1/orders/${order.id}`, { body: { metadata: { a: 1 } }, headers: { 'if-match': etag } });
    expect(note.status).toBe(200);
    expect(note.headers.get('etag')).toBe(`"${got.body.version + 1}"`);
    const stale = await t.api('PATCH', `/v1/orders/${order.id}`, { body: { metadata: { a: 2 } }, headers: { 'if-match': etag } });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'version_mismatch', currentVersion: got.body.version + 1, etag: `"${got.body.version + 1}"` });
    const after = await t.api('GET', `/v1/orders/${order.id}`);
    expect(after.body.metadata).toEqual({ a: 1 });
    const weak = await t.api('POST', `/v1/orders/${order.id}/hold`, {
      body: { reasons: ['other'] },
      headers: { 'if-match': `W/"${got.body.version + 1}"` },
    });
    expect(weak.status).toBe(200);
    const staleBody = await t.api('POST', `/v1/orders/${order.id}/release`, { body: { version: got.body.version } });
    expect(staleBody.status).toBe(409);
    expect(staleBody.body.code).toBe('version_mismatch');
    const garbage = await t.api('POST', `/v1/orders/${order.id}/release`, { headers: { 'if-match': 'yesterday' } });
    expect(garbage.status).toBe(400);
    expect(garbage.body.code).toBe('invalid_if_match');
  });

  it('lets exactly one of two concurrent edits from the same version win', async () => {
    const order = await create();
    const etag = `"${order.version}"`;
    const [a, b] = await Promise.all(
      ['a', 'b'].map((v) => t.api('PATCH', `/v1/orders/${order.id}`, { body: { metadata: { v } }, headers: { 'if-match': etag } })),
    );
    expect([a!.status, b!.status].sort()).toEqual([200, 409]);
    const winner = a!.status === 200 ? 'a' : 'b';
    expect((await t.api('GET', `/v1/orders/${order.id}`)).body.metadata).toEqual({ v: winner });
  });

  it('applies If-Match to tasks by their own version', async () => {
    const order = await create();
    const task = await t.api('POST', `/v1/orders/${order.id}/tasks`, { body: { title: 'Call the customer', assignee: 'sam' } });
    expect(task.status).toBe(201);
    expect(task.headers.get('etag')).toBe('"1"');
    const done = await t.api('PATCH', `/v1/orders/tasks/${task.body.id}`, {
      body: { status: 'done', note: 'called' },
      headers: { 'if-match': '"1"' },
    });
    expect(done.body).toMatchObject({ status: 'done', version: 2 });
    expect(done.body.resolvedAt).not.toBeNull();
    const stale = await t.api('PATCH', `/v1/orders/tasks/${task.body.id}`, { body: { status: 'open' }, headers: { 'if-match': '"1"' } });
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(2);
  });
});

describe('roles and warehouse scope', () => {
  it("refuses a packer the lifecycle commands but lets them annotate; hides other warehouses' orders", async () => {
    const order = await create();
    const packer = await t.api('POST', '/v1/api-keys', { body: { name: 'packer', role: 'packer', warehouseId: lon.warehouseId } });
    const cancel = await t.api('POST', `/v1/orders/${order.id}/cancel`, { token: packer.body.key, body: { reason: 'x' } });
    expect(cancel.status).toBe(403);
    expect(cancel.body.code).toBe('forbidden');
    const note = await t.api('POST', `/v1/orders/${order.id}/notes`, {
      token: packer.body.key,
      body: { text: 'box dented', visibility: 'internal' },
    });
    expect(note.status).toBe(201);
    const whs = await t.api('GET', '/v1/warehouses');
    const man = whs.body.data.find((w: { code: string }) => w.code === 'MAN-1');
    const remote = await t.api('POST', '/v1/api-keys', { body: { name: 'man sup', role: 'supervisor', warehouseId: man.id } });
    const hidden = await t.api('GET', `/v1/orders/${order.id}`, { token: remote.body.key });
    expect(hidden.status).toBe(404);
    const hiddenCancel = await t.api('POST', `/v1/orders/${order.id}/cancel`, { token: remote.body.key, body: { reason: 'x' } });
    expect(hiddenCancel.status).toBe(404);
    const list = await t.api('GET', '/v1/orders', { token: remote.body.key });
    expect(list.body.data).toEqual([]);
    const noToken = await t.api('POST', `/v1/orders/${order.id}/cancel`, { token: null, body: { reason: 'x' } });
    expect(noToken.status).toBe(401);
  });
});

describe('notes', () => {
  it('adds notes with their author, lists them by visibility, and records them on the timeline', async () => {
    const order = await create();
    await t.api('POST', `/v1/orders/${order.id}/notes`, { body: { text: 'Customer requested gift wrapping', visibility: 'public' } });
    await t.api('POST', `/v1/orders/${order.id}/notes`, { body: { text: 'Fraud score borderline' } });
    const all = await t.api('GET', `/v1/orders/${order.id}/notes`);
    expect(all.body.data.map((n: { visibility: string }) => n.visibility)).toEqual(['public', 'internal']);
    expect(all.body.data[0].author).toMatchObject({ kind: 'api', name: 'bootstrap admin' });
    const pub = await t.api('GET', `/v1/orders/${order.id}/notes?visibility=public`);
    expect(pub.body.data).toHaveLength(1);
    const timeline = await t.api('GET', `/v1/orders/${order.id}/timeline?type=note-added`);
    expect(timeline.body.data.map((e: { lifecycleType: string }) => e.lifecycleType)).toEqual(['note_added', 'note_added']);
    const empty = await t.api('POST', `/v1/orders/${order.id}/notes`, { body: { text: '   ' } });
    expect(empty.status).toBe(400);
  });

  it('lists open tasks across orders, including ones the system opened', async () => {
    const order = await create();
    await t.api('POST', `/v1/orders/${order.id}/tasks`, { body: { title: 'Investigate refund', kind: 'refund-check', assignee: 'kim' } });
    const mine = await t.api('GET', '/v1/orders/tasks?assignee=kim');
    expect(mine.body.data.map((x: { title: string }) => x.title)).toEqual(['Investigate refund']);
    expect(mine.body.pagination).toMatchObject({ page: 1, totalItems: 1 });
    const perOrder = await t.api('GET', `/v1/orders/${order.id}/tasks`);
    expect(perOrder.body.data[0]).toMatchObject({ kind: 'refund-check', status: 'open', assignee: 'kim' });
  });
});
