import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type SettingsInput } from '../../shared/api/settings';
import { signPaymentWebhook } from '../payments/webhook-signature';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';
import { eventually } from '../testing/test-support';
import { cancelUnpaidPolicy } from './cancel-unpaid';
import { policyQueue } from './policy-scheduler';

/**
 * The automation policies on a real server, run by its own scheduler on the background engine.
 * Its clock is frozen and moved by the test (nothing is slept): a policy is due once the clock
 * passes its next run, and a run stamped with the clock's time has read the settings set before.
 */
const SECRET = 'whsec_policy_test_0123456789';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const INTERVAL_MS = 100;
let clock = new Date();
let t: TestServer;
let warehouseId: string;

beforeAll(async () => {
  t = await startTestServer({ paymentWebhookSecret: SECRET, now: () => new Date(clock), policyIntervalMs: INTERVAL_MS });
  ({ warehouseId } = await setUpWarehouse(t, 'LON-1', { 'SKU-MUG': 1000, 'SKU-TEE': 1000, 'SKU-LAMP': 0 }));
});
afterAll(async () => {
  await t.close();
});

type Policies = NonNullable<SettingsInput['policies']>;

/** Replaces the policies (the rest of the settings as they are), with the version just read. */
async function setPolicies(policies: Policies) {
  const current = await t.api('GET', '/v1/settings');
  const res = await t.api('PUT', '/v1/settings', { body: { policies }, headers: { 'if-match': current.headers.get('etag')! } });
  expect(res.status).toBe(200);
}

/** Moves the scheduler's clock (at least one interval, so every policy is due) and waits until every policy has run at the new time. */
async function advance(ms: number) {
  await advanceTo(clock.getTime() + Math.max(ms, INTERVAL_MS));
}

async function advanceTo(time: number) {
  clock = new Date(time);
  const at = clock.getTime();
  await eventually(`every policy run at ${clock.toISOString()}`, async () => {
    const runs = (await t.api('GET', '/v1/policies')).body.data as { lastRunAt: string | null }[];
    return runs.length === 5 && runs.every((r) => r.lastRunAt !== null && Date.parse(r.lastRunAt) >= at);
  });
}

const placeOrder = async (overrides: Record<string, unknown> = {}) => {
  const res = await t.api('POST', '/v1/orders', { body: sampleOrder(overrides) });
  expect(res.status).toBe(201);
  return res.body as { id: string; number: string; currency: string; totals: { totalMinor: number } };
};
const getOrder = async (id: string) => (await t.api('GET', `/v1/orders/${id}?expand=timeline`)).body;
type TimelineEntry = { type: string; actor: { kind: string; id: string }; payload: Record<string, any> };
const timelineOf = async (id: string) => (await getOrder(id)).timeline as TimelineEntry[];
const byPolicy = (entries: TimelineEntry[], policy: string) => entries.filter((e) => e.actor.id === `policy:${policy}`);

async function deliverPayment(type: string, order: { id: string; currency: string; totals: { totalMinor: number } }) {
  const raw = JSON.stringify({
    id: `evt_${crypto.randomUUID()}`,
    type,
    createdAt: new Date().toISOString(),
    data: {
      orderId: order.id,
      provider: 'stripe',
      paymentReference: `pi_${order.id.slice(0, 8)}`,
      amountMinor: order.totals.totalMinor,
      currency: order.currency,
    },
  });
  const res = await fetch(`${t.url}/v1/orders/webhook/payment`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-payment-signature': signPaymentWebhook(raw, SECRET) },
    body: raw,
  });
  expect(res.status).toBe(200);
}

describe('automation policies on a fake clock', () => {
  it('cancels an order still unpaid after N hours, not before, and not a paid one', async () => {
    await setPolicies({ cancelUnpaid: { enabled: true, afterHours: 48 } });
    const unpaid = await placeOrder({ payment: { status: 'pending' } });
    const paid = await placeOrder();
    await advance(47 * HOUR);
    expect((await getOrder(unpaid.id)).status).toBe('pending');

    await advance(2 * HOUR);
    const cancelled = await getOrder(unpaid.id);
    expect(cancelled.status).toBe('cancelled');
    const acts = byPolicy(cancelled.timeline, 'cancelUnpaid');
    expect(acts.map((e) => e.type)).toEqual(expect.arrayContaining(['policy-applied', 'order-status-changed']));
    expect(acts.find((e) => e.type === 'policy-applied')!.payload).toMatchObject({
      policy: 'cancelUnpaid',
      action: 'cancel',
      rule: { enabled: true, afterHours: 48 },
    });
    expect(acts.find((e) => e.type === 'order-status-changed')!.payload).toMatchObject({ to: 'cancelled' });
    expect((await getOrder(paid.id)).status).toBe('confirmed');
    // Later runs leave it alone: one cancellation on the timeline.
    await advance(HOUR);
    expect(byPolicy(await timelineOf(unpaid.id), 'cancelUnpaid').filter((e) => e.type === 'policy-applied')).toHaveLength(1);
    await setPolicies({});
  });

  it('confirms on a captured payment only when told to, and sweeps up orders paid while it was off', async () => {
    await setPolicies({ autoConfirm: { enabled: true, on: 'captured' } });
    const order = await placeOrder({ payment: { status: 'pending' } });
    await deliverPayment('payment.authorized', order);
    expect((await getOrder(order.id)).status).toBe('pending');
    await deliverPayment('payment.captured', order);
    const confirmed = await getOrder(order.id);
    expect(confirmed.status).toBe('confirmed');
    const change = confirmed.timeline.find((e: TimelineEntry) => e.type === 'order-status-changed' && e.payload.to === 'confirmed');
    expect(change.actor).toMatchObject({ kind: 'system', id: 'policy:autoConfirm' });
    expect(confirmed.fulfillmentOrders).toHaveLength(1);

    await setPolicies({ autoConfirm: { enabled: false } });
    const waiting = await placeOrder({ payment: { status: 'pending' } });
    await deliverPayment('payment.captured', waiting);
    await advance(HOUR);
    expect((await getOrder(waiting.id)).status).toBe('pending');
    await setPolicies({});
    await advance(1);
    const swept = await getOrder(waiting.id);
    expect(swept.status).toBe('confirmed');
    expect(byPolicy(swept.timeline, 'autoConfirm').map((e) => e.type)).toEqual(
      expect.arrayContaining(['policy-applied', 'order-status-changed', 'fulfillment-order-created']),
    );
  });

  it('confirms an order paid at checkout only as the policy says: off, or on captures for an authorized one, it waits', async () => {
    await setPolicies({ autoConfirm: { enabled: false } });
    const paidWhileOff = await placeOrder();
    const off = await getOrder(paidWhileOff.id);
    expect([off.status, off.paymentStatus, off.fulfillmentOrders]).toEqual(['pending', 'paid', []]);

    await setPolicies({ autoConfirm: { enabled: true, on: 'captured' } });
    const authorized = await placeOrder({ payment: { status: 'authorized' } });
    expect((await getOrder(authorized.id)).status).toBe('pending');
    const paid = await getOrder((await placeOrder()).id);
    expect(paid.status).toBe('confirmed');
    expect(paid.fulfillmentOrders).toHaveLength(1);
    // Its capture confirms it, with the policy as the actor.
    await deliverPayment('payment.captured', authorized);
    const captured = await getOrder(authorized.id);
    expect(captured.status).toBe('confirmed');
    expect(byPolicy(captured.timeline, 'autoConfirm').map((e) => e.type)).toEqual(expect.arrayContaining(['order-status-changed']));
    await setPolicies({});
  });

  it('holds an order of a ship-complete channel while lines wait for stock, then releases it to ship whole', async () => {
    await setPolicies({ partialShipments: { allowByDefault: true, channels: [{ channel: 'wholesale', allow: false }] } });
    const lines = [
      { sku: 'SKU-MUG', name: 'Enamel mug', quantity: 1, unitPriceMinor: 1250 },
      { sku: 'SKU-LAMP', name: 'Desk lamp', quantity: 1, unitPriceMinor: 4500 },
    ];
    const complete = await placeOrder({ channel: 'wholesale', lines });
    const parts = await placeOrder({ channel: 'web', lines });
    await advance(1);
    const held = await getOrder(complete.id);
    expect(held).toMatchObject({ status: 'on_hold', holds: ['inventory_out_of_stock'] });
    expect(held.fulfillmentOrders.map((f: { status: string }) => f.status)).toEqual(['on_hold']);
    expect(byPolicy(held.timeline, 'partialShipments').map((e) => e.type)).toEqual(
      expect.arrayContaining(['policy-applied', 'order-status-changed', 'order-hold-placed']),
    );
    expect((await getOrder(parts.id)).status).toBe('confirmed');

    const receipt = await t.api('POST', `/v1/inventory/${warehouseId}/SKU-LAMP/receipts`, { body: { quantity: 5 } });
    expect(receipt.status).toBeLessThan(300);
    await advance(1);
    const released = await getOrder(complete.id);
    expect(released.status).toBe('confirmed');
    expect(released.holds).toEqual([]);
    expect(released.fulfillmentOrders).toHaveLength(2);
    const release = byPolicy(released.timeline, 'partialShipments').find(
      (e) => e.type === 'policy-applied' && e.payload.action === 'release',
    );
    expect(release!.payload.reason).toMatch(/ships complete/);
    await setPolicies({});
  });

  it('holds an order over the review value with a supervisor task, once', async () => {
    await setPolicies({ reviewHold: { enabled: true, thresholds: [{ currency: 'GBP', overMinor: 10_000 }] } });
    const big = await placeOrder({ lines: [{ sku: 'SKU-TEE', name: 'Cotton tee', quantity: 10, unitPriceMinor: 2000 }] });
    const small = await placeOrder();
    await advance(1);
    const held = await t.api('GET', `/v1/orders/${big.id}?expand=timeline,tasks`);
    expect(held.body).toMatchObject({ status: 'on_hold', holds: ['supervisor'] });
    expect(held.body.tasks).toEqual([expect.objectContaining({ kind: 'order-review', status: 'open' })]);
    expect(held.body.tasks[0].title).toContain('over the review threshold of £100.00');
    expect((await getOrder(small.id)).status).toBe('confirmed');

    // A supervisor releases it: the policy does not hold it again.
    const release = await t.api('POST', `/v1/orders/${big.id}/release`, { body: { resolution: 'customer verified' } });
    expect(release.status).toBe(200);
    await advance(HOUR);
    expect((await getOrder(big.id)).status).toBe('confirmed');
    expect(byPolicy(await timelineOf(big.id), 'reviewHold').filter((e) => e.type === 'policy-applied')).toHaveLength(1);
    await setPolicies({});
  });

  it("anonymises the customer of an order closed more than N days ago, and leaves open orders' customers", async () => {
    await setPolicies({ retention: { enabled: true, anonymizeAfterDays: 30 } });
    const closed = await placeOrder({ shippingAddress: { ...sampleOrder().shippingAddress, phone: '+447700900123' } });
    const open = await placeOrder();
    expect((await t.api('POST', `/v1/orders/${closed.id}/cancel`, { body: { reason: 'customer changed their mind' } })).status).toBe(200);
    // The clock is days ahead of the order's real closing time by now: move it to 29, then 31 days after it.
    const closedAt = Date.parse((await getOrder(closed.id)).milestones.cancelled);
    await advanceTo(closedAt + 29 * DAY);
    expect((await getOrder(closed.id)).customer.name).toBe('Ada Lovelace');

    await advanceTo(closedAt + 31 * DAY);
    const gone = await t.api('GET', `/v1/orders/${closed.id}?expand=timeline`);
    expect(gone.body.customer).toMatchObject({ name: 'Anonymised', email: null });
    expect(gone.body.shippingAddress).toEqual({ name: 'Anonymised', line1: 'Anonymised', city: 'Anonymised', country: 'GB' });
    expect(JSON.stringify(gone.body)).not.toMatch(/Lovelace|ada@example\.com|\+447700900123|St James/);
    expect(gone.body.anonymizedAt).toBe(new Date(clock).toISOString());
    expect(byPolicy(gone.body.timeline, 'retention').map((e: TimelineEntry) => e.type)).toEqual([
      'policy-applied',
      'customer-data-anonymized',
    ]);
    const fos = (await t.api('GET', `/v1/orders/${closed.id}/fulfillment-orders`)).body.data as {
      customerName: string;
      shipTo: { name: string };
    }[];
    for (const f of fos) expect(f).toMatchObject({ customerName: 'Anonymised', shipTo: { name: 'Anonymised' } });
    expect((await getOrder(open.id)).customer.name).toBe('Ada Lovelace');
    await setPolicies({});
  });
});

describe('the scheduler with two server processes', () => {
  it('runs a policy in one process at a time, and acts on each order once when two runs meet', async () => {
    await advance(1);
    const db = t.server.db;
    const orders = await Promise.all([1, 2, 3].map(() => placeOrder({ payment: { status: 'pending' } })));
    const later = () => new Date(clock.getTime() + 100 * HOUR);
    const settings = { ...DEFAULT_SETTINGS, policies: { ...DEFAULT_SETTINGS.policies, cancelUnpaid: { enabled: true, afterHours: 1 } } };
    // Two processes' policy runs over the same orders at once: each order locked and checked again, so cancelled once.
    const [a, b] = await Promise.all([
      cancelUnpaidPolicy.run({ db, settings, now: later() }),
      cancelUnpaidPolicy.run({ db, settings, now: later() }),
    ]);
    expect(a.failed + b.failed).toBe(0);
    for (const o of orders) {
      expect((await getOrder(o.id)).status).toBe('cancelled');
      expect(byPolicy(await timelineOf(o.id), 'cancelUnpaid').filter((e) => e.type === 'policy-applied')).toHaveLength(1);
    }

    // Two schedulers claiming the due policies at once: each policy goes to one of them. Due by their
    // clock, not yet by the server's own scheduler's.
    await db.query('update policy_schedule set next_run_at = $1, locked_until = null', [
      new Date(clock.getTime() + 50 * HOUR).toISOString(),
    ]);
    const log = { error: () => {} };
    const q1 = policyQueue({ intervalMs: HOUR, now: later, log });
    const q2 = policyQueue({ intervalMs: HOUR, now: later, log });
    const [c1, c2] = await Promise.all([q1.claim(db), q2.claim(db)]);
    const claimed = [...c1, ...c2].map((r) => r.policy).sort();
    expect(claimed).toEqual(['autoConfirm', 'cancelUnpaid', 'partialShipments', 'retention', 'reviewHold']);
    expect(await q1.claim(db)).toEqual([]);
    await Promise.all([q1.handle(db, c1, () => false), q2.handle(db, c2, () => false)]);
    await db.query('update policy_schedule set next_run_at = $1', [clock.toISOString()]);
  });
});
