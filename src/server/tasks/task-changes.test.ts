import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { openSse } from '../testing/sse';
import { stationEventsOf } from '../testing/station-events';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';
import { eventually } from '../testing/test-support';

/**
 * A task gains events after a supervisor read it (a station's later push joins it): resolving it
 * as read is refused with 409 version_mismatch (task-version.ts), and every change of a task reaches
 * the live streams of the warehouse that sees it, and no other (task-notice.ts).
 */
let t: TestServer;
let lon: Awaited<ReturnType<typeof setUpWarehouse>>;
let man: Awaited<ReturnType<typeof setUpWarehouse>>;
const packing = stationEventsOf(() => lon.stationId);

beforeAll(async () => {
  t = await startTestServer();
  lon = await setUpWarehouse(t, 'TC-LON');
  man = await setUpWarehouse(t, 'TC-MAN', { 'TC-MAN-ONLY': 5 });
});
afterAll(() => t.close());

type Task = { id: string; title: string; status: string; version: number };

/** An order cancelled before its station heard, and the open task its station's offline scan opens. */
async function conflictTask() {
  const created = await t.api('POST', '/v1/orders', { body: sampleOrder() });
  const doc = created.body.fulfillmentOrders[0] as FulfillmentDocument;
  expect((await t.api('POST', `/v1/orders/${doc.orderId}/cancel`, { body: { reason: 'customer changed mind' } })).status).toBe(200);
  const mug = doc.lines.find((l) => l.sku === 'SKU-MUG')!;
  const scan = () => packing.event(doc, 'item-verified', { lineId: mug.lineId, barcode: '5012345678900', quantity: 1 });
  const push = async () => {
    const res = await t.api('POST', '/v1/sync/push', { token: lon.stationToken, body: { events: [scan()] } });
    expect(res.body.outcomes[0]).toMatchObject({ outcome: 'conflicted' });
  };
  await push();
  const task = async () => (await t.api('GET', `/v1/orders/${doc.orderId}/tasks`)).body.data[0] as Task;
  return { doc, push, task };
}

/** Every message a station's live stream brings, kept as it comes; `take` hands over and forgets what came so far. */
function heard(stream: Awaited<ReturnType<typeof openSse>>) {
  const messages: unknown[] = [];
  void (async () => {
    for (;;) messages.push(await stream.next());
  })().catch(() => undefined /* closed */);
  return { messages, take: () => messages.splice(0) };
}
const tasksChanged = (m: unknown) => (m as { type?: string }).type === 'tasks-changed';

describe('resolving a task as it was read (If-Match)', () => {
  it('refuses with 409 version_mismatch, in words, a task more events joined after it was read; the version read now resolves it', async () => {
    const { push, task } = await conflictTask();
    const read = await task();
    await push();
    const now = await task();
    expect(now.version).toBeGreaterThan(read.version);

    const stale = await t.api('PATCH', `/v1/orders/tasks/${read.id}`, {
      body: { status: 'done', note: 'restocked one' },
      headers: { 'if-match': `"${read.version}"` },
    });
    expect(stale.status).toBe(409);
    expect(stale.headers.get('content-type')).toContain('application/problem+json');
    expect(stale.body).toMatchObject({ code: 'version_mismatch', currentVersion: now.version, etag: `"${now.version}"` });
    expect(stale.body.detail).toBe(
      `This task changed after it was shown to you. It now reads: "${now.title}". Read it again before you resolve it`,
    );
    expect((await task()).status).toBe('open');

    const done = await t.api('PATCH', `/v1/orders/tasks/${read.id}`, {
      body: { status: 'done', note: 'restocked both' },
      headers: { 'if-match': `"${now.version}"` },
    });
    expect(done.status).toBe(200);
    // Worked since: said as closed by someone else.
    const again = await t.api('PATCH', `/v1/orders/tasks/${read.id}`, { body: { version: now.version, status: 'open' } });
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/^This task was resolved by someone else after it was shown to you/);
  });

  it('takes a change without If-Match as it comes (integrators that do not track versions)', async () => {
    const { push, task } = await conflictTask();
    const read = await task();
    await push();
    const res = await t.api('PATCH', `/v1/orders/tasks/${read.id}`, { body: { status: 'done', note: 'restocked' } });
    expect(res.status).toBe(200);
  });

  it('refuses accepting or writing off a parcel of a task that changed after it was read', async () => {
    const { push, task } = await conflictTask();
    const read = await task();
    await push();
    for (const action of ['accept-shipment', 'write-off-shipment']) {
      const res = await t.api('POST', `/v1/orders/tasks/${read.id}/${action}`, { body: {}, headers: { 'if-match': `"${read.version}"` } });
      expect(res.status, action).toBe(409);
      expect(res.body.code, action).toBe('version_mismatch');
    }
  });
});

describe('task changes on the live stream', () => {
  it("tells the warehouse's stations a task was opened, joined and resolved, and not another warehouse's", async () => {
    const lonStream = await openSse(`${t.url}/v1/sync/stream`, lon.stationToken);
    const manStream = await openSse(`${t.url}/v1/sync/stream`, man.stationToken);
    const atLon = heard(lonStream);
    const atMan = heard(manStream);
    /** After `step`, LON's stream says tasks changed; what came before (the last step's late messages) is put aside first. */
    const toldLon = async (step: () => Promise<unknown>) => {
      for (let n = -1; n !== atLon.messages.length;) {
        n = atLon.messages.length;
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      atLon.take();
      await step();
      await eventually('tasks-changed at LON', () => atLon.messages.some(tasksChanged));
    };
    try {
      let conflict: Awaited<ReturnType<typeof conflictTask>> | undefined;
      await toldLon(async () => (conflict = await conflictTask()));
      await toldLon(() => conflict!.push());
      const { id, version } = await conflict!.task();
      await toldLon(() =>
        t.api('PATCH', `/v1/orders/tasks/${id}`, { body: { status: 'done', note: 'restocked' }, headers: { 'if-match': `"${version}"` } }),
      );

      // MAN heard none of it: notices come in commit order, so they would all be in before its own next change.
      await t.api('POST', '/v1/orders', {
        body: sampleOrder({ lines: [{ sku: 'TC-MAN-ONLY', name: 'Manchester only', quantity: 1, unitPriceMinor: 100, taxRateBps: 0 }] }),
      });
      await eventually('a change at MAN', () => atMan.messages.some((m) => (m as { type?: string }).type === 'changed'));
      expect(atMan.messages.filter(tasksChanged)).toEqual([]);
    } finally {
      lonStream.close();
      manStream.close();
    }
  });
});
