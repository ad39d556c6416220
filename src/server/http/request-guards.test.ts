import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FREE_FORM_CHARS } from '../../shared/api/free-form';
import { hasBadText, inspectJson } from './request-guards';
import { sampleOrder, setUpWarehouse, startTestServer, TEST_ADMIN_TOKEN, type TestServer } from '../testing/test-server';

describe('inspectJson', () => {
  it('finds bad text in strings and keys, at any depth', () => {
    expect(hasBadText('fine ✓ 山田 😀')).toBe(false);
    expect(hasBadText('a\u0000b')).toBe(true);
    expect(hasBadText('lone \uD800 high')).toBe(true);
    expect(hasBadText('lone \uDC00 low')).toBe(true);
    expect(inspectJson({ a: [{ b: 'x\u0000' }] })).toEqual({ code: 'invalid_text', path: 'a[0].b' });
    expect(inspectJson({ ['k\u0000']: 1 })?.code).toBe('invalid_text');
  });
  it('refuses nesting past the limit without overflowing the stack', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 20_000; i++) deep = { d: deep };
    expect(inspectJson(deep)?.code).toBe('json_too_deep');
    let ok: unknown = 'x';
    for (let i = 0; i < 60; i++) ok = [ok];
    expect(inspectJson(ok)).toBeNull();
  });
});

describe('request guards over HTTP', () => {
  let t: TestServer;
  let warehouseId: string;
  const raw = async (method: string, path: string, body: string) => {
    const res = await fetch(t.url + path, {
      method,
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body,
    });
    return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as { code: string; detail: string } };
  };
  const orderCount = async () => (await t.server.db.query<{ n: unknown }>('select count(*) as n from orders'))[0]!.n;

  beforeAll(async () => {
    t = await startTestServer();
    ({ warehouseId } = await setUpWarehouse(t));
  });
  afterAll(() => t?.close());

  it.each([
    ['U+0000 in a note', JSON.stringify(sampleOrder({ notes: 'leave at door\u0000' })), 'invalid_text'],
    ['a lone surrogate in a line name', JSON.stringify(sampleOrder({ notes: 'x\uD83D' })), 'invalid_text'],
    [
      'metadata 5,000 levels deep',
      JSON.stringify(sampleOrder()).replace(/}$/, `,"metadata":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`),
      'json_too_deep',
    ],
  ])('refuses an order with %s: 400 problem+json, nothing written', async (_what, body, code) => {
    const before = await orderCount();
    const res = await raw('POST', '/v1/orders', body);
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
    expect(res.body.code).toBe(code);
    expect(await orderCount()).toBe(before);
  });

  it('refuses a 20,000-deep body on a command route with 400, not a stack overflow', async () => {
    const res = await raw('POST', `/v1/orders/${crypto.randomUUID()}/confirm`, `${'['.repeat(20_000)}${']'.repeat(20_000)}`);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('json_too_deep');
  });

  it('refuses U+0000 in a path parameter and a query string', async () => {
    const path = await t.api('GET', `/v1/inventory/${warehouseId}/%00`);
    expect(path.status).toBe(400);
    expect(path.body.code).toBe('invalid_text');
    const query = await t.api('GET', '/v1/orders?status=%00');
    expect(query.status).toBe(400);
    expect(query.body.code).toBe('invalid_text');
  });

  it('refuses free-form metadata past 16 KB of JSON with 400 naming the field, and writes nothing', async () => {
    const big = { notes: 'm'.repeat(MAX_FREE_FORM_CHARS) };
    const before = await orderCount();
    const onOrder = await t.api('POST', '/v1/orders', { body: sampleOrder({ metadata: big }) });
    expect(onOrder.status).toBe(400);
    expect(onOrder.body.code).toBe('validation_failed');
    expect(onOrder.body.errors).toEqual([
      expect.objectContaining({ path: 'metadata', message: expect.stringContaining('more than 16384') }),
    ]);
    const line = { ...sampleOrder().lines[0]!, metadata: big };
    const onLine = await t.api('POST', '/v1/orders', { body: sampleOrder({ lines: [line] }) });
    expect(onLine.status).toBe(400);
    expect(onLine.body.errors[0].path).toBe('lines.0.metadata');
    expect(await orderCount()).toBe(before);
    // Just under the bound is kept as sent.
    const fits = { notes: 'm'.repeat(MAX_FREE_FORM_CHARS - 20) };
    const created = await t.api('POST', '/v1/orders', { body: sampleOrder({ metadata: fits }) });
    expect(created.status).toBe(201);
    expect(created.body.metadata).toEqual(fits);
    const task = await t.api('POST', `/v1/orders/${created.body.id}/tasks`, { body: { title: 'Call the customer', detail: big } });
    expect(task.status).toBe(400);
    expect(task.body.errors[0].path).toBe('detail');
  });

  // Found by the OpenAPI fuzzer: the router answered these with its own JSON, without a code.
  it.each([['%FF'], ['%'], ['%zz'], ['%E0%A4%A'], ['%C0%AF']])(
    'refuses a malformed percent-escape in the path (%s) with 400 bad_encoding',
    async (segment) => {
      const res = await t.api('GET', `/v1/orders/${segment}/shipments`);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.code).toBe('bad_encoding');
    },
  );

  it('refuses a path parameter past the router limit with 414 problem+json', async () => {
    const res = await t.api('GET', `/v1/orders/${'x'.repeat(5_000)}/timeline`);
    expect(res.status).toBe(414);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('uri_too_long');
  });

  it('answers an oversized body with 413 problem+json', async () => {
    const res = await raw('POST', '/v1/orders', JSON.stringify(sampleOrder({ notes: 'x'.repeat(6 * 1024 * 1024) })));
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('body_too_large');
  });
});

describe('reserved keys', () => {
  it('refuses __proto__ and constructor keys anywhere', () => {
    expect(inspectJson(JSON.parse('{"a":{"__proto__":{"admin":true}}}'))).toEqual({ code: 'forbidden_key', path: 'a.__proto__' });
    expect(inspectJson(JSON.parse('{"constructor":{"prototype":{}}}'))?.code).toBe('forbidden_key');
  });
});
