import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';
import { signPaymentWebhook } from './webhook-signature';

const SECRET = 'whsec_test_0123456789abcdef';
let t: TestServer;

beforeAll(async () => {
  t = await startTestServer({ paymentWebhookSecret: SECRET });
  await setUpWarehouse(t, 'LON-1');
});
afterAll(async () => {
  await t.close();
});

async function create(overrides: Record<string, unknown> = {}) {
  const res = await t.api('POST', '/v1/orders', { body: sampleOrder(overrides) });
  expect(res.status).toBe(201);
  return res.body;
}

/** Posts a gateway event signed over its exact bytes. */
async function deliver(
  event: Record<string, unknown>,
  sign: (raw: string) => string | null = (raw) => signPaymentWebhook(raw, SECRET),
  server = t,
) {
  const raw = JSON.stringify(event);
  const signature = sign(raw);
  const res = await fetch(`${server.url}/v1/orders/webhook/payment`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature ? { 'x-payment-signature': signature } : {}) },
    body: raw,
  });
  return { status: res.status, body: (await res.json()) as any };
}

const paymentEvent = (
  type: string,
  order: { id: string; currency: string; totals: { totalMinor: number } },
  extra: Record<string, unknown> = {},
) => ({
  id: `evt_${crypto.randomUUID()}`,
  type,
  createdAt: new Date().toISOString(),
  data: {
    orderId: order.id,
    provider: 'stripe',
    paymentReference: `pi_${order.id.slice(0, 8)}`,
    amountMinor: order.totals.totalMinor,
    currency: order.currency,
    ...extra,
  },
});

describe('inbound payment webhook', () => {
  it('refuses unsigned, wrongly signed and tampered deliveries', async () => {
    const order = await create({ payment: { status: 'pending' } });
    const event = paymentEvent('payment.captured', order);
    const unsigned = await deliver(event, () => null);
    expect(unsigned.status).toBe(401);
    expect(unsigned.body.code).toBe('payment_signature_missing');
    const wrongKey = await deliver(event, (raw) => signPaymentWebhook(raw, 'another secret'));
    expect(wrongKey.body.code).toBe('payment_signature_invalid');
    // Signed over other bytes (the amount changed after signing).
    const tampered = await deliver(event, () =>
      signPaymentWebhook(JSON.stringify({ ...event, data: { ...event.data, amountMinor: 1 } }), SECRET),
    );
    expect(tampered.status).toBe(401);
    const after = await t.api('GET', `/v1/orders/${order.id}`);
    expect(after.body.paymentStatus).toBe('pending');
  });

  it('answers 503 while no secret is configured', async () => {
    const unconfigured = await startTestServer({ paymentWebhookSecret: null });
    try {
      const res = await deliver({ id: 'evt_x', type: 'payment.captured', data: {} }, undefined, unconfigured);
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('payment_webhook_not_configured');
    } finally {
      await unconfigured.close();
    }
  });

  it('validates a signed body', async () => {
    const res = await deliver({
      id: 'evt_bad',
      type: 'payment.teleported',
      data: { paymentReference: 'x', amountMinor: -1, currency: 'GBP' },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
  });

  it('authorizes then captures: the pending order is confirmed and routed, the payment recorded, once per event', async () => {
    const order = await create({ payment: { status: 'pending' } });
    const authorized = await deliver(paymentEvent('payment.authorized', order));
    expect(authorized.status).toBe(200);
    expect(authorized.body).toMatchObject({
      received: true,
      outcome: 'applied',
      duplicate: false,
      paymentStatus: 'authorized',
      orderStatus: 'confirmed',
    });
    const captured = paymentEvent('payment.captured', order);
    const first = await deliver(captured);
    expect(first.body).toMatchObject({ outcome: 'applied', paymentStatus: 'paid' });
    const again = await deliver(captured);
    expect(again.body).toMatchObject({ outcome: 'applied', duplicate: true });
    const got = await t.api('GET', `/v1/orders/${order.id}?expand=payments,timeline`);
    expect(got.body).toMatchObject({
      status: 'confirmed',
      paymentStatus: 'paid',
      totals: { paidMinor: order.totals.totalMinor, balanceDueMinor: 0 },
    });
    expect(got.body.fulfillmentOrders).toHaveLength(1);
    expect(got.body.payments).toEqual([
      expect.objectContaining({ provider: 'stripe', status: 'captured', amountMinor: order.totals.totalMinor }),
    ]);
    const types = got.body.timeline.map((e: { type: string }) => e.type);
    expect(types.filter((x: string) => x === 'payment-received')).toHaveLength(1);
    const change = got.body.timeline.find(
      (e: { type: string; payload: { to: string } }) => e.type === 'order-status-changed' && e.payload.to === 'confirmed',
    );
    // The payment is the webhook's; confirming on it is the auto-confirm policy's (settings), recorded as its own.
    expect(change.actor).toMatchObject({ kind: 'system', id: 'policy:autoConfirm' });
    expect(got.body.timeline.find((e: { type: string }) => e.type === 'payment-received').actor).toMatchObject({ kind: 'webhook' });
    // Paid: invoiced once, the duplicate delivery adding nothing.
    const invoices = (await t.api('GET', `/v1/orders/${order.id}/invoices`)).body.data;
    expect(invoices.map((d: any) => [d.kind, d.totalMinor, d.reason])).toEqual([
      ['invoice', order.totals.totalMinor, expect.stringContaining('payment.captured')],
    ]);
  });

  it('releases an order held only for payment, but leaves other holds in place', async () => {
    const order = await create({ payment: { status: 'pending' } });
    await t.api('POST', `/v1/orders/${order.id}/hold`, { body: { reasons: ['awaiting_payment'] } });
    const res = await deliver(paymentEvent('payment.captured', order));
    expect(res.body).toMatchObject({ orderStatus: 'confirmed', paymentStatus: 'paid' });

    const other = await create({ payment: { status: 'pending' } });
    await t.api('POST', `/v1/orders/${other.id}/hold`, { body: { reasons: ['awaiting_payment', 'high_risk_of_fraud'] } });
    const held = await deliver(paymentEvent('payment.captured', other));
    expect(held.body).toMatchObject({ orderStatus: 'on_hold', paymentStatus: 'paid' });
    const got = await t.api('GET', `/v1/orders/${other.id}`);
    expect(got.body.holds).toEqual(['high_risk_of_fraud']);
  });

  it('acknowledges events that do not fit as rejected, changes nothing, and opens a reconciliation task', async () => {
    const order = await create();
    const failed = await deliver(paymentEvent('payment.failed', order, { failureReason: 'card declined' }));
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({ outcome: 'rejected', code: 'payment_transition_forbidden' });
    const got = await t.api('GET', `/v1/orders/${order.id}?expand=tasks,payments`);
    expect(got.body.paymentStatus).toBe('paid');
    expect(got.body.payments).toEqual([]);
    expect(got.body.tasks.map((x: { kind: string }) => x.kind)).toEqual(['payment-reconciliation']);
    const currency = await deliver(paymentEvent('payment.captured', order, { currency: 'USD' }));
    expect(currency.body.code).toBe('payment_currency_mismatch');
    const nowhere = await deliver(paymentEvent('payment.captured', { ...order, id: crypto.randomUUID() }));
    expect(nowhere.body).toMatchObject({ outcome: 'rejected', code: 'order_not_found' });
    const byNumber = await deliver({
      ...paymentEvent('payment.captured', order),
      data: { orderNumber: order.number, paymentReference: 'pi_extra', amountMinor: 100, currency: 'GBP' },
    });
    expect(byNumber.body).toMatchObject({ outcome: 'applied', orderId: order.id });
  });

  it('moves a failed payment to authorized through pending when the customer retries', async () => {
    const order = await create({ payment: { status: 'pending' } });
    await deliver(paymentEvent('payment.failed', order, { failureReason: 'insufficient funds' }));
    expect((await t.api('GET', `/v1/orders/${order.id}`)).body).toMatchObject({ paymentStatus: 'failed', status: 'pending' });
    const retry = await deliver(paymentEvent('payment.authorized', order, { paymentReference: 'pi_retry' }));
    expect(retry.body).toMatchObject({ outcome: 'applied', paymentStatus: 'authorized', orderStatus: 'confirmed' });
  });
});

describe('refunds', () => {
  it('refunds part by amount, then by lines at frozen prices, refuses more than was paid, then refunds the rest', async () => {
    const order = await create();
    const paid = order.totals.paidMinor;
    const part = await t.api('POST', `/v1/orders/${order.id}/refunds`, { body: { amountMinor: 500, reason: 'late delivery goodwill' } });
    expect(part.status).toBe(201);
    expect(part.body).toMatchObject({
      paymentStatus: 'partially_refunded',
      totals: { refundedMinor: 500, balanceDueMinor: 0 },
      refund: { amountMinor: 500, kind: 'adjustment' },
    });
    const mug = order.lines.find((l: { sku: string }) => l.sku === 'SKU-MUG');
    const byLine = await t.api('POST', `/v1/orders/${order.id}/refunds`, {
      body: { lines: [{ lineId: mug.id, quantity: 1 }], reason: 'one mug broken' },
    });
    // One of two mugs at 1250 with 20% tax: 1500.
    expect(byLine.body.refund).toMatchObject({ amountMinor: 1500, lines: [{ lineId: mug.id, quantity: 1, amountMinor: 1500 }] });
    expect(byLine.body.lines.find((l: { id: string }) => l.id === mug.id).refundedQuantity).toBe(1);
    const tooMany = await t.api('POST', `/v1/orders/${order.id}/refunds`, {
      body: { lines: [{ lineId: mug.id, quantity: 2 }], reason: 'x' },
    });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.code).toBe('refund_exceeds_quantity');
    const over = await t.api('POST', `/v1/orders/${order.id}/refunds`, { body: { amountMinor: paid, reason: 'x' } });
    expect(over.status).toBe(409);
    expect(over.body).toMatchObject({ code: 'refund_exceeds_paid', refundableMinor: paid - 2000 });
    const shipping = await t.api('POST', `/v1/orders/${order.id}/refunds`, {
      body: { includeShipping: true, reason: 'free shipping promise' },
    });
    expect(shipping.body.refund).toMatchObject({ amountMinor: 499, shippingMinor: 499 });
    const shippingAgain = await t.api('POST', `/v1/orders/${order.id}/refunds`, { body: { includeShipping: true, reason: 'x' } });
    expect(shippingAgain.body.code).toBe('refund_shipping_already_refunded');
    const rest = await t.api('POST', `/v1/orders/${order.id}/refunds`, { body: { amountMinor: paid - 2499, reason: 'give up' } });
    expect(rest.body).toMatchObject({ paymentStatus: 'refunded', status: 'confirmed', totals: { refundedMinor: paid } });
    const list = await t.api('GET', `/v1/orders/${order.id}/payments`);
    expect(list.body.refunds.map((r: { amountMinor: number }) => r.amountMinor)).toEqual([500, 1500, 499, paid - 2499]);
    const none = await t.api('POST', `/v1/orders/${order.id}/refunds`, { body: { reason: 'nothing said' } });
    expect(none.status).toBe(400);
  });

  it('refuses a refund before any money was captured', async () => {
    const order = await create({ payment: { status: 'authorized' } });
    const res = await t.api('POST', `/v1/orders/${order.id}/refunds`, { body: { amountMinor: 100, reason: 'x' } });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'refund_exceeds_paid', refundableMinor: 0 });
  });

  it('pays a refund request raised by a return and settles it', async () => {
    const order = await create();
    const mug = order.lines.find((l: { sku: string }) => l.sku === 'SKU-MUG');
    const requestId = crypto.randomUUID();
    await t.server.db.query(
      `insert into refund_requests (id, order_id, source, status, method, currency, amount_minor, items_minor, discount_minor, tax_minor, shipping_minor, lines, reason, requested_by)
       values ($1, $2, 'return', 'requested', 'original_payment', 'GBP', 1500, 1250, 0, 250, 0, $3, 'returned: damaged', $4)`,
      [
        requestId,
        order.id,
        JSON.stringify([
          {
            orderLineId: mug.id,
            sku: 'SKU-MUG',
            quantity: 1,
            itemsMinor: 1250,
            discountMinor: 0,
            taxMinor: 250,
            amountMinor: 1500,
            firstUnit: 0,
          },
        ]),
        JSON.stringify({ kind: 'api', id: 'returns' }),
      ],
    );
    const res = await t.api('POST', `/v1/orders/${order.id}/refunds`, { body: { refundRequestId: requestId } });
    expect(res.status).toBe(201);
    expect(res.body.refund).toMatchObject({ amountMinor: 1500, kind: 'return', refundRequestId: requestId });
    const [req] = await t.server.db.query<{ status: string; payment_reference: string }>(
      'select status, payment_reference from refund_requests where id = $1',
      [requestId],
    );
    expect(req).toEqual({ status: 'refunded', payment_reference: res.body.refund.id });
    const twice = await t.api('POST', `/v1/orders/${order.id}/refunds`, { body: { refundRequestId: requestId } });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('refund_request_settled');
    const payments = await t.api('GET', `/v1/orders/${order.id}/payments`);
    expect(payments.body.refundRequests).toEqual([expect.objectContaining({ id: requestId, status: 'refunded', amountMinor: 1500 })]);
  });

  it('records a refund made at the gateway once, by its reference', async () => {
    const order = await create();
    const event = paymentEvent('refund.succeeded', order, { amountMinor: 700, refundReference: 're_123' });
    const first = await deliver(event);
    expect(first.body).toMatchObject({ outcome: 'applied', paymentStatus: 'partially_refunded' });
    const sameRefundNewEvent = await deliver({ ...event, id: `evt_${crypto.randomUUID()}` });
    expect(sameRefundNewEvent.body.outcome).toBe('ignored');
    const got = await t.api('GET', `/v1/orders/${order.id}?expand=payments`);
    expect(got.body.refunds).toEqual([expect.objectContaining({ amountMinor: 700, providerReference: 're_123' })]);
    expect(got.body.totals.refundedMinor).toBe(700);
    const failed = await deliver(
      paymentEvent('refund.failed', order, { refundReference: 're_123', amountMinor: 700, failureReason: 'card closed' }),
    );
    expect(failed.body.outcome).toBe('applied');
    const after = await t.api('GET', `/v1/orders/${order.id}?expand=payments,tasks`);
    expect(after.body.refunds[0].status).toBe('failed');
    expect(after.body.tasks.map((x: { kind: string }) => x.kind)).toContain('refund-failed');
  });
});
