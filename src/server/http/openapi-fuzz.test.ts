import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { operationsOf, requestsFor, type CallerName, type FuzzOperation, type FuzzRequest } from '../testing/fuzz/openapi-requests';
import type { SchemaWorld } from '../testing/fuzz/schema-arbitrary';
import { snapshotDifferences, tableSnapshotter, type TableSnapshot } from '../testing/fuzz/table-snapshot';
import { PAYMENT_SIGNATURE_HEADER, signPaymentWebhook } from '../payments/webhook-signature';
import { sampleOrder, setUpWarehouse, startTestServer, TEST_ADMIN_TOKEN } from '../testing/test-server';

/**
 * Issue 10: bad input gets a clear 4xx, never a 5xx, and nothing partially written. Every
 * operation of the OpenAPI document gets a fixed number of generated requests (valid-ish and
 * hostile path parameters, query strings, bodies and headers) as the admin, a supervisor bound
 * to a warehouse and a station. Each answer must be below 500; each 4xx a problem+json with a
 * code; and a refused request must leave every table's row count and the business tables'
 * content as they were. The seed is fixed (DOCKSIDE_FUZZ_SEED replays another) and printed on failure.
 */
const SEED = Number(process.env.DOCKSIDE_FUZZ_SEED ?? 20261204);
const RUNS = Number(process.env.DOCKSIDE_FUZZ_RUNS ?? 6);
/** The live stream never ends by design; its refusals are covered by the sync tests. */
const SKIPPED = new Set(['GET /v1/sync/stream']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids the server has answered with, newest last: valid-ish requests name real things. */
const knownIds: string[] = [];
const statusCounts = new Map<number, number>();
let requestsSent = 0;

function harvestIds(value: unknown): void {
  if (typeof value === 'string') {
    if (UUID.test(value) && !knownIds.includes(value)) {
      knownIds.push(value);
      if (knownIds.length > 200) knownIds.shift();
    }
  } else if (value && typeof value === 'object') for (const v of Object.values(value)) harvestIds(v);
}

// The server is up while the tests are collected: one test per operation of its own document.
const PAYMENT_SECRET = 'fuzz-payment-webhook-secret';
const t = await startTestServer({ paymentWebhookSecret: PAYMENT_SECRET });
const { warehouseId, stationToken } = await setUpWarehouse(t);
const supervisor = await t.api('POST', '/v1/api-keys', { body: { name: 'fuzz supervisor', role: 'supervisor', warehouseId } });
const tokens: Record<CallerName, string> = { admin: TEST_ADMIN_TOKEN, 'warehouse-supervisor': supervisor.body.key, station: stationToken };
const order = await t.api('POST', '/v1/orders', { body: sampleOrder() });
harvestIds(order.body);
harvestIds((await t.api('GET', `/v1/orders/${order.body.id}/fulfillment-orders`)).body);
const doc: Record<string, any> = (await t.api('GET', '/v1/openapi.json', { token: null })).body;
const operations = operationsOf(doc);
const snapshots = await tableSnapshotter(t.server.db);

afterAll(async () => {
  const statuses = [...statusCounts]
    .sort(([a], [b]) => a - b)
    .map(([s, n]) => `${s}: ${n}`)
    .join(', ');
  console.log(
    `openapi fuzz: ${operations.length - SKIPPED.size} operations, ${requestsSent} requests (seed ${SEED}); statuses ${statuses}`,
  );
  await t.close();
});

async function send(req: FuzzRequest) {
  const res = await fetch(t.url + req.target, {
    method: req.method,
    headers: { ...req.headers, authorization: `Bearer ${tokens[req.caller]}` },
    body: req.body,
  });
  const text = await res.text();
  let body: any = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: kept as text for the report */
  }
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', body };
}

/** A seed of its own per operation, so adding an operation does not change what the others are sent. */
function seedOf(op: FuzzOperation): number {
  let h = SEED;
  for (const c of `${op.method} ${op.path}`) h = (Math.imul(h, 31) + c.charCodeAt(0)) | 0;
  return h;
}

/** The tables as the last refused request left them; null once a request may have changed them. */
let unchangedSince: TableSnapshot | null = null;

async function checkOne(req: FuzzRequest): Promise<void> {
  const before = unchangedSince ?? (await snapshots.take());
  unchangedSince = null;
  const res = await send(req);
  requestsSent++;
  statusCounts.set(res.status, (statusCounts.get(res.status) ?? 0) + 1);
  const where = `${req.caller} ${req.method} ${req.target.slice(0, 300)} (${req.intent}) -> ${res.status} ${JSON.stringify(res.body)?.slice(0, 400)}`;
  expect(res.status, where).toBeLessThan(500);
  if (res.status < 400) return harvestIds(res.body);
  expect(res.contentType, where).toContain('application/problem+json');
  expect(res.body?.code, where).toMatch(/^[a-z_]+$/);
  const after = await snapshots.take();
  expect(snapshotDifferences(before, after), `a refused request wrote: ${where}`).toEqual([]);
  unchangedSince = after;
}

/** The payment provider's webhook is signed: half the time the fuzzer signs what it sends, to reach past the signature check. */
function signedSometimes(op: FuzzOperation, requests: fc.Arbitrary<FuzzRequest>): fc.Arbitrary<FuzzRequest> {
  if (!op.parameters.some((p) => p.in === 'header' && p.name === PAYMENT_SIGNATURE_HEADER)) return requests;
  return fc
    .tuple(requests, fc.boolean())
    .map(([req, sign]) =>
      sign ? { ...req, headers: { ...req.headers, [PAYMENT_SIGNATURE_HEADER]: signPaymentWebhook(req.body ?? '', PAYMENT_SECRET) } } : req,
    );
}

describe('every OpenAPI operation, fuzzed', () => {
  it('the document lists the operations', () => {
    expect(operations.length).toBeGreaterThan(100);
    expect(order.status).toBe(201);
    expect(supervisor.status).toBe(201);
  });

  for (const op of operations) {
    it.skipIf(SKIPPED.has(`${op.method} ${op.path}`))(`${op.method} ${op.path}`, async () => {
      const world: SchemaWorld = { components: doc.components.schemas, knownIds: () => knownIds };
      const seed = seedOf(op);
      try {
        await fc.assert(fc.asyncProperty(signedSometimes(op, requestsFor(op, world)), checkOne), {
          seed,
          numRuns: RUNS,
          endOnFailure: true,
        });
      } catch (err) {
        throw new Error(
          `${op.method} ${op.path}: replay with DOCKSIDE_FUZZ_SEED=${SEED} (operation seed ${seed})\n${(err as Error).message}\n${(err as { cause?: Error }).cause?.message ?? ''}`,
        );
      }
    });
  }
});
