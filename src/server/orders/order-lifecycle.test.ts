import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';

let t: TestServer;
let lon: Awaited<ReturnType<typeof setUpWarehouse>>;

beforeAll(async () => {
  t = await startTestServer();
  lon = await setUpWarehouse(t, 'LON-1', { 'SKU-MUG': 100, 'SKU-TEE': 100, 'SKU-CAP': 5 });
});
afterAll(() => t.close());

async function create(overrides: Record<string, unknown> = {}) {
  const res = await t.api('POST', '/v1/orders', { body: sampleOrder(overrides) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function reserved(sku: string) {
  const [row] = await t.server.db.query<{ reserved: number; on_hand: number }>(
    'select reserved, on_hand from inventory where warehouse_id = $1 and sku = $2',
    [lon.warehouseId, sku],
  );
  return { reserved: Number(row!.reserved), onHand: Number(row!.on_hand) };
}

async function timelineTypes(orderId: string) {
  const res = await t.api('GET', `/v1/orders/${orderId}/timeline`);
  return res.body.data as { type: string; payload: Record<string, unknown>; actor: { kind: string; id: string } }[];
}

async function ship(doc: FulfillmentDocument, units?: Record<string, number>) {
  let seq = Number(
    (await t.server.db.query<{ last_seq: number }>('select last_seq from stations where id = $1', [lon.stationId]))[0]!.last_seq,
  );
  const ev = (type: string, payload: Record<string, unknown>) => ({
    id: crypto.randomUUID(),
    stationId: lon.stationId,
    seq: ++seq,
    type,
    fulfillmentOrderId: doc.id,
    orderId: doc.orderId,
    actor: { kind: 'station', id: lon.stationId },
    occurredAt: new Date().toISOString(),
    payload,
  });
  const packageId = crypto.randomUUID();
  const contents = doc.lines.map((l) => ({ lineId: l.lineId, quantity: units?.[l.sku] ?? l.quantity })).filter((c) => c.quantity > 0);
  const events = [
    ev('fulfillment-order-claimed', {}),
    ...contents.map((c) => ev('item-verified', { lineId: c.lineId, barcode: 'x', quantity: c.quantity })),
    ev('package-created', { packageId, contents, weightGrams: 500 }),
    ev('label-printed', { packageId, printJobId: crypto.randomUUID(), format: 'zpl', sscc: null, trackingNumber: null, carrier: null }),
    ev('package-shipped', { packageId }),
  ];
  const res = await t.api('POST', '/v1/sync/push', { token: lon.stationToken, body: { events } });
  expect(res.body.outcomes.map((o: { outcome: string }) => o.outcome)).toEqual(events.map(() => 'applied'));
}

describe('order creation and reading', () => {
  it('creates a paid order confirmed and routed, and reads it back with expansions', async () => {
    const order = await create({ externalReference: 'PO-1001' });
    expect(order.status).toBe('confirmed');
    expect(order.fulfillmentOrders).toHaveLength(1);
    expect(order.fulfillmentStatus).toBe('unfulfilled');
    const got = await t.api('GET', `/v1/orders/${order.id}?expand=payments,timeline,packages,returns,backorders,notes,tasks`);
    expect(got.status).toBe(200);
    expect(got.headers.get('etag')).toBe(`"${order.version}"`);
    expect(got.body.lines).toHaveLength(2);
    expect(got.body.timeline.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['order-created', 'order-status-changed', 'fulfillment-order-created']),
    );
    expect(got.body.timeline[0].lifecycleType).toBe('created');
    expect(got.body).toMatchObject({ payments: [], refunds: [], packages: [], returns: [], backorders: [], notes: [], tasks: [] });
    const fresh = await t.api('GET', `/v1/orders/${order.id}`, { headers: { 'if-none-match': `"${order.version}"` } });
    expect(fresh.status).toBe(304);
  });

  it('presents statuses in another vocabulary with our own under canonical', async () => {
    const order = await create();
    const managed = await t.api('GET', `/v1/orders/${order.id}?status_vocabulary=order-management`);
    expect(managed.body).toMatchObject({
      status: 'PROCESSING',
      paymentStatus: 'PAID',
      statusVocabulary: 'order-management',
      canonical: { status: 'confirmed', paymentStatus: 'paid' },
    });
    const routed = await t.api('GET', `/v1/orders/${order.id}?status_vocabulary=fulfillment-routing`);
    expect(routed.body.status).toBe('awaiting_fulfillment');
    const bad = await t.api('GET', `/v1/orders/${order.id}?status_vocabulary=seed999`);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('validation_failed');
  });

  it('still takes the first-release names for one release, and documents them as deprecated', async () => {
    const order = await create();
    for (const [old, now] of [
      ['seed000', 'order-lifecycle'],
      ['seed001', 'order-management'],
      ['seed002', 'fulfillment-routing'],
      ['seed003', 'oms-rest'],
    ]) {
      const byOld = await t.api('GET', `/v1/orders/${order.id}?status_vocabulary=${old}`);
      const byNow = await t.api('GET', `/v1/orders/${order.id}?status_vocabulary=${now}`);
      expect(byOld.status, old).toBe(200);
      expect(byOld.body, old).toMatchObject({ status: byNow.body.status, paymentStatus: byNow.body.paymentStatus, statusVocabulary: now });
    }
    const summary = await t.api('GET', '/v1/orders/summary?status_vocabulary=seed001');
    expect(summary.body.statusVocabulary).toBe('order-management');
    const setOld = await t.api('POST', `/v1/orders/${order.id}/status`, {
      body: { status: 'on_hold', vocabulary: 'seed003', holdReasons: ['supervisor'] },
    });
    expect(setOld.body).toMatchObject({ status: 'on_hold' });
    const timeline = await t.api('GET', `/v1/orders/${order.id}/timeline`);
    const created = timeline.body.data.find((e: { type: string }) => e.type === 'order-created');
    expect(created).toMatchObject({ lifecycleType: 'created', seed000Type: 'created' });

    const doc = (await t.api('GET', '/v1/openapi.json', { token: null })).body;
    const param = doc.paths['/v1/orders/{id}'].get.parameters.find((p: { name: string }) => p.name === 'status_vocabulary');
    expect(param.schema.anyOf).toEqual([
      expect.objectContaining({ enum: ['dockside', 'order-lifecycle', 'order-management', 'fulfillment-routing', 'oms-rest'] }),
      expect.objectContaining({ enum: ['seed000', 'seed001', 'seed002', 'seed003'], deprecated: true }),
    ]);
    expect(doc.components.schemas.TimelineEvent.properties.seed000Type).toMatchObject({ deprecated: true });
    expect(doc.components.schemas.TimelineEvent.properties.lifecycleType.deprecated).toBeUndefined();
  });

  it('validates input and answers problem+json', async () => {
    const res = await t.api('POST', '/v1/orders', { body: sampleOrder({ lines: [], currency: 'pounds' }) });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['lines', 'currency']));
    const notUuid = await t.api('GET', '/v1/orders/nope');
    expect(notUuid.status).toBe(400);
    const missing = await t.api('GET', `/v1/orders/${crypto.randomUUID()}`);
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('not_found');
  });
});

describe('confirm', () => {
  it('refuses a pending order without payment, then confirms and routes it once payment is overridden by a supervisor', async () => {
    const order = await create({ payment: { status: 'pending' } });
    expect(order.status).toBe('pending');
    expect(order.fulfillmentOrders).toEqual([]);
    const refused = await t.api('POST', `/v1/orders/${order.id}/confirm`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'order_payment_required', currentStatus: 'pending' });
    const before = await reserved('SKU-MUG');
    const ok = await t.api('POST', `/v1/orders/${order.id}/confirm`, {
      body: { overridePaymentCheck: true, reason: 'B2B account customer' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('confirmed');
    expect(ok.body.fulfillmentOrders).toHaveLength(1);
    expect(ok.body.routing.fulfillmentOrderIds).toEqual([ok.body.fulfillmentOrders[0].id]);
    expect((await reserved('SKU-MUG')).reserved).toBe(before.reserved + 2);
    const events = await timelineTypes(order.id);
    const change = events.find((e) => e.type === 'order-status-changed' && e.payload.command === 'confirm')!;
    expect(change.payload).toMatchObject({ from: 'pending', to: 'confirmed', reason: 'B2B account customer', overridePaymentCheck: true });
    expect(change.actor.kind).toBe('api');
    const again = await t.api('POST', `/v1/orders/${order.id}/confirm`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('order_transition_forbidden');
  });
});

describe('holds', () => {
  it('holds for several reasons at once, holds the fulfillment order, and releases back to the status before', async () => {
    const order = await create();
    const held = await t.api('POST', `/v1/orders/${order.id}/hold`, {
      body: { reasons: ['high_risk_of_fraud', 'incorrect_address'], note: 'check with customer' },
    });
    expect(held.status).toBe(200);
    expect(held.body).toMatchObject({
      status: 'on_hold',
      statusBeforeHold: 'confirmed',
      holds: ['high_risk_of_fraud', 'incorrect_address'],
    });
    expect(held.body.fulfillmentOrders[0]).toMatchObject({ status: 'on_hold', holds: ['high_risk_of_fraud', 'incorrect_address'] });
    const more = await t.api('POST', `/v1/orders/${order.id}/hold`, { body: { reasons: ['supervisor'] } });
    expect(more.body.holds).toEqual(['high_risk_of_fraud', 'incorrect_address', 'supervisor']);
    const dup = await t.api('POST', `/v1/orders/${order.id}/hold`, { body: { reasons: ['supervisor'] } });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('order_hold_exists');

    const partly = await t.api('POST', `/v1/orders/${order.id}/release`, {
      body: { reasons: ['incorrect_address'], resolution: 'address confirmed' },
    });
    expect(partly.body).toMatchObject({ status: 'on_hold', holds: ['high_risk_of_fraud', 'supervisor'] });
    const notHeld = await t.api('POST', `/v1/orders/${order.id}/release`, { body: { reasons: ['incorrect_address'] } });
    expect(notHeld.body.code).toBe('order_hold_not_found');
    const all = await t.api('POST', `/v1/orders/${order.id}/release`, { body: { resolution: 'cleared' } });
    expect(all.body).toMatchObject({ status: 'confirmed', holds: [], statusBeforeHold: null });
    expect(all.body.fulfillmentOrders[0]).toMatchObject({ status: 'open', holds: [] });
    expect(all.body.milestones.confirmed).toBe(order.milestones.confirmed);
    const types = (await timelineTypes(order.id)).map((e) => e.type);
    expect(types.filter((x) => x === 'order-hold-placed')).toHaveLength(2);
    expect(types.filter((x) => x === 'order-hold-released')).toHaveLength(2);
    const release = await t.api('POST', `/v1/orders/${order.id}/release`);
    expect(release.body.code).toBe('order_not_on_hold');
  });

  it('refuses an unknown hold reason', async () => {
    const order = await create();
    const res = await t.api('POST', `/v1/orders/${order.id}/hold`, { body: { reasons: ['bored'] } });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('reasons.0');
  });
});

describe('cancel', () => {
  it('cancels, releases reservations, cancels the fulfillment order for stations, and refunds what was paid', async () => {
    const order = await create();
    const mugBefore = await reserved('SKU-MUG');
    const pulled = await t.api('POST', '/v1/sync/pull', {
      token: lon.stationToken,
      body: { collection: 'fulfillment_orders', checkpoint: null, limit: 1000 },
    });
    const checkpoint = pulled.body.checkpoint;
    const res = await t.api('POST', `/v1/orders/${order.id}/cancel`, {
      body: { reason: 'customer changed their mind', restock: true, refund: true },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'cancelled',
      paymentStatus: 'refunded',
      cancellation: { reason: 'customer changed their mind', restock: true, refund: true },
    });
    expect(res.body.totals).toMatchObject({ refundedMinor: order.totals.paidMinor, balanceDueMinor: 0 });
    expect(res.body.cancellationResult.refund.amountMinor).toBe(order.totals.paidMinor);
    expect(res.body.fulfillmentOrders[0].status).toBe('cancelled');
    expect((await reserved('SKU-MUG')).reserved).toBe(mugBefore.reserved - 2);
    // The station pulls the cancelled fulfillment order (the save took a new sync revision).
    const after = await t.api('POST', '/v1/sync/pull', {
      token: lon.stationToken,
      body: { collection: 'fulfillment_orders', checkpoint, limit: 1000 },
    });
    expect(after.body.documents.find((d: FulfillmentDocument) => d.orderId === order.id)?.status).toBe('cancelled');
    const events = await timelineTypes(order.id);
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining([
        'order-status-changed',
        'fulfillment-order-cancelled',
        'reservations-released',
        'refund-created',
        'payment-status-changed',
      ]),
    );
    expect(events.find((e) => e.type === 'order-status-changed' && e.payload.to === 'cancelled')!.payload.reason).toBe(
      'customer changed their mind',
    );
    const twice = await t.api('POST', `/v1/orders/${order.id}/cancel`, { body: { reason: 'again' } });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('order_status_final');
  });

  it('writes off only picked units when restock is false: none were picked, so all are released and stay on hand', async () => {
    const order = await create({ lines: [{ sku: 'SKU-TEE', name: 'Cotton tee', quantity: 3, unitPriceMinor: 2000 }] });
    const before = await reserved('SKU-TEE');
    const res = await t.api('POST', `/v1/orders/${order.id}/cancel`, {
      body: { reason: 'damaged in picking', restock: false, refund: false },
    });
    expect(res.body.paymentStatus).toBe('paid');
    const after = await reserved('SKU-TEE');
    expect(after).toEqual({ reserved: before.reserved - 3, onHand: before.onHand });
  });

  it('cancels a fulfillment order a station has claimed; the station later sees its events conflict', async () => {
    const order = await create();
    const doc = order.fulfillmentOrders[0] as FulfillmentDocument;
    const last = Number(
      (await t.server.db.query<{ last_seq: number }>('select last_seq from stations where id = $1', [lon.stationId]))[0]!.last_seq,
    );
    const claim = {
      id: crypto.randomUUID(),
      stationId: lon.stationId,
      seq: last + 1,
      type: 'fulfillment-order-claimed',
      fulfillmentOrderId: doc.id,
      orderId: order.id,
      actor: { kind: 'station', id: lon.stationId },
      occurredAt: new Date().toISOString(),
      payload: {},
    };
    await t.api('POST', '/v1/sync/push', { token: lon.stationToken, body: { events: [claim] } });
    const res = await t.api('POST', `/v1/orders/${order.id}/cancel`, { body: { reason: 'fraud' } });
    expect(res.status).toBe(200);
    expect(res.body.fulfillmentOrders[0].status).toBe('cancelled');
    const verify = {
      ...claim,
      id: crypto.randomUUID(),
      seq: last + 2,
      type: 'item-verified',
      payload: { lineId: doc.lines[0]!.lineId, barcode: 'x', quantity: 1 },
    };
    const pushed = await t.api('POST', '/v1/sync/push', { token: lon.stationToken, body: { events: [verify] } });
    expect(pushed.body.outcomes[0].outcome).toBe('conflicted');
  });

  it('refuses to cancel once units shipped, and refuses forbidden moves with stable codes', async () => {
    const order = await create();
    await ship(order.fulfillmentOrders[0]);
    const shipped = await t.api('GET', `/v1/orders/${order.id}`);
    expect(shipped.body.status).toBe('shipped');
    expect(shipped.body.fulfillmentStatus).toBe('fulfilled');
    const rma = await t.api('POST', `/v1/orders/${order.id}/returns`, {
      body: { lines: [{ lineId: order.lines[0].id, quantity: 1, reasonCode: 'damaged' }] },
    });
    expect(rma.status, JSON.stringify(rma.body)).toBe(201);
    const expanded = await t.api('GET', `/v1/orders/${order.id}?expand=packages,returns`);
    expect(expanded.body.packages).toEqual([
      expect.objectContaining({ status: 'shipped', fulfillmentOrderId: order.fulfillmentOrders[0].id, warehouseId: lon.warehouseId }),
    ]);
    expect(expanded.body.returns).toEqual([
      expect.objectContaining({
        id: rma.body.id,
        orderId: order.id,
        lines: [expect.objectContaining({ orderLineId: order.lines[0].id, quantity: 1 })],
      }),
    ]);
    const cancel = await t.api('POST', `/v1/orders/${order.id}/cancel`, { body: { reason: 'too late' } });
    expect(cancel.status).toBe(409);
    expect(cancel.body.code).toBe('order_transition_forbidden');
    const delivered = await t.api('POST', `/v1/orders/${order.id}/deliver`, { body: { deliveredAt: '2030-01-02T10:00:00.000Z' } });
    expect(delivered.body).toMatchObject({ status: 'delivered', milestones: { delivered: '2030-01-02T10:00:00.000Z' } });
    // delivered -> cancelled is forbidden, through the command and through set-status in order-lifecycle words.
    const c1 = await t.api('POST', `/v1/orders/${order.id}/cancel`, { body: { reason: 'nope' } });
    expect(c1.body.code).toBe('order_transition_forbidden');
    const c2 = await t.api('POST', `/v1/orders/${order.id}/status`, { body: { status: 'cancelled', vocabulary: 'order-lifecycle' } });
    expect(c2.status).toBe(409);
    expect(c2.body).toMatchObject({ code: 'order_transition_forbidden', currentStatus: 'delivered', requestedStatus: 'cancelled' });
    // Refund everything: the order is refunded, and nothing moves out of refunded.
    const refund = await t.api('POST', `/v1/orders/${order.id}/refunds`, {
      body: { amountMinor: order.totals.paidMinor, reason: 'returned in full' },
    });
    expect(refund.status).toBe(201);
    expect(refund.body).toMatchObject({ status: 'refunded', paymentStatus: 'refunded' });
    for (const [path, body] of [
      ['close', {}],
      ['deliver', {}],
      ['cancel', { reason: 'x' }],
      ['confirm', {}],
    ] as const) {
      const res = await t.api('POST', `/v1/orders/${order.id}/${path}`, { body });
      expect(res.status, path).toBe(409);
      expect(res.body.code, path).toBe('order_status_final');
    }
    const managed = await t.api('POST', `/v1/orders/${order.id}/status`, { body: { status: 'DELIVERED', vocabulary: 'order-management' } });
    expect(managed.body.code).toBe('order_status_final');
  });
});

describe('partial cancel', () => {
  it('cancels some units, refunds exactly what the total went down by, and shrinks the fulfillment order', async () => {
    const order = await create({
      lines: [
        { sku: 'SKU-MUG', name: 'Enamel mug', quantity: 3, unitPriceMinor: 1000, taxRateBps: 2000, discountMinor: 100 },
        { sku: 'SKU-TEE', name: 'Cotton tee', quantity: 1, unitPriceMinor: 2000, taxRateBps: 2000 },
      ],
    });
    const mug = order.lines[0];
    const before = await reserved('SKU-MUG');
    const res = await t.api('POST', `/v1/orders/${order.id}/partial-cancel`, {
      body: { lines: [{ lineId: mug.id, quantity: 2 }], reason: 'out of colour' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const line = res.body.lines.find((l: { id: string }) => l.id === mug.id);
    expect(line).toMatchObject({ quantity: 1, cancelledQuantity: 2 });
    const drop = order.totals.totalMinor - res.body.totals.totalMinor;
    expect(res.body.partialCancellation.refund.amountMinor).toBe(drop);
    expect(res.body.totals).toMatchObject({ refundedMinor: drop, balanceDueMinor: 0 });
    expect(res.body.paymentStatus).toBe('partially_refunded');
    expect(res.body.status).toBe('confirmed');
    // Discount and tax shares leave with the units: 3 units of 1000 with 100 off -> shares 34/33/33.
    expect(line.discountMinor).toBe(34);
    const foLine = res.body.fulfillmentOrders[0].lines.find((l: { lineId: string }) => l.lineId === mug.id);
    expect(foLine.quantity).toBe(1);
    expect((await reserved('SKU-MUG')).reserved).toBe(before.reserved - 2);
  });

  it('refuses to cancel units a station has picked', async () => {
    const order = await create();
    const doc = order.fulfillmentOrders[0] as FulfillmentDocument;
    const mugLine = doc.lines.find((l) => l.sku === 'SKU-MUG')!;
    const last = Number(
      (await t.server.db.query<{ last_seq: number }>('select last_seq from stations where id = $1', [lon.stationId]))[0]!.last_seq,
    );
    const base = {
      stationId: lon.stationId,
      fulfillmentOrderId: doc.id,
      orderId: order.id,
      actor: { kind: 'station', id: lon.stationId },
      occurredAt: new Date().toISOString(),
    };
    await t.api('POST', '/v1/sync/push', {
      token: lon.stationToken,
      body: {
        events: [
          { ...base, id: crypto.randomUUID(), seq: last + 1, type: 'fulfillment-order-claimed', payload: {} },
          {
            ...base,
            id: crypto.randomUUID(),
            seq: last + 2,
            type: 'item-verified',
            payload: { lineId: mugLine.lineId, barcode: 'x', quantity: 2 },
          },
        ],
      },
    });
    const res = await t.api('POST', `/v1/orders/${order.id}/partial-cancel`, {
      body: { lines: [{ lineId: mugLine.lineId, quantity: 1 }], reason: 'x' },
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'order_line_units_in_progress', removableUnits: 0 });
  });

  it('cancels the whole order when every unit is cancelled, and validates lines', async () => {
    const order = await create();
    const unknown = await t.api('POST', `/v1/orders/${order.id}/partial-cancel`, {
      body: { lines: [{ lineId: crypto.randomUUID(), quantity: 1 }], reason: 'x' },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('order_line_not_found');
    const tooMany = await t.api('POST', `/v1/orders/${order.id}/partial-cancel`, {
      body: { lines: [{ lineId: order.lines[0].id, quantity: 9 }], reason: 'x' },
    });
    expect(tooMany.body.code).toBe('partial_cancel_exceeds_quantity');
    const all = await t.api('POST', `/v1/orders/${order.id}/partial-cancel`, {
      body: {
        lines: order.lines.map((l: { id: string; quantity: number }) => ({ lineId: l.id, quantity: l.quantity })),
        reason: 'all gone',
      },
    });
    expect(all.body).toMatchObject({ status: 'cancelled', cancelledWholeOrder: true, paymentStatus: 'refunded' });
  });

  it('ships the rest: cancelling the unshipped units of a partly shipped order makes it shipped', async () => {
    const order = await create();
    await ship(order.fulfillmentOrders[0], { 'SKU-MUG': 2, 'SKU-TEE': 0 });
    const partly = await t.api('GET', `/v1/orders/${order.id}`);
    expect(partly.body).toMatchObject({ status: 'partially_shipped', fulfillmentStatus: 'partially_fulfilled' });
    const tee = order.lines.find((l: { sku: string }) => l.sku === 'SKU-TEE');
    const res = await t.api('POST', `/v1/orders/${order.id}/partial-cancel`, {
      body: { lines: [{ lineId: tee.id, quantity: 1 }], reason: 'discontinued' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'shipped', fulfillmentStatus: 'fulfilled' });
  });
});

describe('close, reopen, duplicate', () => {
  it('closes a delivered order, reopens it as admin only, and refuses closing before delivery', async () => {
    const order = await create();
    const early = await t.api('POST', `/v1/orders/${order.id}/close`);
    expect(early.body.code).toBe('order_transition_forbidden');
    await ship(order.fulfillmentOrders[0]);
    await t.api('POST', `/v1/orders/${order.id}/deliver`);
    const closed = await t.api('POST', `/v1/orders/${order.id}/close`, { body: { reason: 'settled' } });
    expect(closed.body.status).toBe('completed');
    const key = await t.api('POST', '/v1/api-keys', { body: { name: 'ops', role: 'supervisor' } });
    const denied = await t.api('POST', `/v1/orders/${order.id}/reopen`, { token: key.body.key, body: { reason: 'customer dispute' } });
    expect(denied.status).toBe(403);
    const noReason = await t.api('POST', `/v1/orders/${order.id}/reopen`, { body: {} });
    expect(noReason.status).toBe(400);
    const reopened = await t.api('POST', `/v1/orders/${order.id}/reopen`, { body: { reason: 'customer dispute' } });
    expect(reopened.body.status).toBe('delivered');
    const events = await timelineTypes(order.id);
    expect(events.find((e) => e.payload.command === 'reopen')!.payload).toMatchObject({
      from: 'completed',
      to: 'delivered',
      reason: 'customer dispute',
    });
  });

  it('duplicates an order into a new pending one with the same lines', async () => {
    const order = await create({ metadata: { giftWrap: true } });
    const res = await t.api('POST', `/v1/orders/${order.id}/duplicate`, { body: { reason: 'reorder' } });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/v1/orders/${res.body.id}`);
    expect(res.body).toMatchObject({
      status: 'pending',
      paymentStatus: 'pending',
      duplicatedFrom: order.id,
      metadata: { giftWrap: true },
      customer: order.customer,
    });
    expect(res.body.number).not.toBe(order.number);
    expect(res.body.lines.map((l: { sku: string; quantity: number }) => [l.sku, l.quantity])).toEqual(
      order.lines.map((l: { sku: string; quantity: number }) => [l.sku, l.quantity]),
    );
    expect(res.body.totals.totalMinor).toBe(order.totals.totalMinor);
    expect((await timelineTypes(order.id)).map((e) => e.type)).toContain('order-duplicated');
  });
});

describe('set status in any vocabulary', () => {
  it('runs the command a vocabulary status means and refuses derived ones', async () => {
    const order = await create({ payment: { status: 'authorized' } });
    const held = await t.api('POST', `/v1/orders/${order.id}/status`, {
      body: { status: 'on_hold', vocabulary: 'oms-rest', holdReasons: ['supervisor'] },
    });
    expect(held.body).toMatchObject({ status: 'on_hold', holds: ['supervisor'] });
    const back = await t.api('POST', `/v1/orders/${order.id}/status`, { body: { status: 'confirmed', vocabulary: 'oms-rest' } });
    expect(back.body.status).toBe('confirmed');
    // Confirmed → processing is derived from fulfillment starting, never a manual step (documented on the route).
    const processing = await t.api('POST', `/v1/orders/${order.id}/status`, {
      body: { status: 'processing', vocabulary: 'order-lifecycle' },
    });
    expect(processing.status).toBe(409);
    expect(processing.body).toMatchObject({ code: 'order_status_derived', currentStatus: 'confirmed', requestedStatus: 'processing' });
    const spec = (await t.api('GET', '/v1/openapi.json')).body;
    expect(spec.paths['/v1/orders/{id}/status'].post.description).toContain('confirmed → processing is not a manual step');
    const derived = await t.api('POST', `/v1/orders/${order.id}/status`, { body: { status: 'SHIPPED', vocabulary: 'order-management' } });
    expect(derived.status).toBe(409);
    expect(derived.body.code).toBe('order_status_derived');
    const unknown = await t.api('POST', `/v1/orders/${order.id}/status`, {
      body: { status: 'teleported', vocabulary: 'fulfillment-routing' },
    });
    expect(unknown.body.code).toBe('unknown_status');
    const cancelled = await t.api('POST', `/v1/orders/${order.id}/status`, {
      body: { status: 'CANCELLED', vocabulary: 'order-management', reason: 'fraud' },
    });
    expect(cancelled.body.status).toBe('cancelled');
  });
});
