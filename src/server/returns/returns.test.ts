import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReturnDocument } from '../../shared/api/returns';
import { lineAmounts } from '../../shared/domain/order-totals';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../testing/test-server';
import { pullReturns } from './return-pull';

let t: TestServer;
let lon: Awaited<ReturnType<typeof setUpWarehouse>>;
let man: Awaited<ReturnType<typeof setUpWarehouse>>;
let clerkLon: string;
let clerkMan: string;
let packer: string;

beforeAll(async () => {
  t = await startTestServer({ returnNumberPrefix: 'RMA' });
  lon = await setUpWarehouse(t, 'LON-1', { 'SKU-MUG': 100, 'SKU-TEE': 100, 'SKU-CAP': 100, 'SKU-TEE-L': 100 });
  man = await setUpWarehouse(t, 'MAN-1', {});
  clerkLon = (await t.api('POST', '/v1/api-keys', { body: { name: 'returns desk', role: 'returns', warehouseId: lon.warehouseId } })).body
    .key;
  clerkMan = (await t.api('POST', '/v1/api-keys', { body: { name: 'returns man', role: 'returns', warehouseId: man.warehouseId } })).body
    .key;
  packer = (await t.api('POST', '/v1/api-keys', { body: { name: 'packer', role: 'packer' } })).body.key;
});
afterAll(() => t.close());

const mugLine = {
  sku: 'SKU-MUG',
  barcode: '5012345678900',
  name: 'Enamel mug',
  quantity: 3,
  unitPriceMinor: 1001,
  taxRateBps: 2000,
  discountMinor: 100,
};
const teeLine = {
  sku: 'SKU-TEE',
  barcode: '5012345678917',
  name: 'Cotton tee M',
  quantity: 1,
  unitPriceMinor: 2000,
  taxRateBps: 2000,
  discountMinor: 0,
};

/** An order whose every unit has shipped, ready to be returned. */
async function shippedOrder(lines: Record<string, unknown>[] = [mugLine, teeLine]) {
  const created = await t.api('POST', '/v1/orders', { body: sampleOrder({ lines }) });
  expect(created.status).toBe(201);
  for (const fo of created.body.fulfillmentOrders as FulfillmentDocument[]) {
    const pkg = await t.api('POST', `/v1/fulfillment-orders/${fo.id}/packages`, {
      body: { contents: fo.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })) },
    });
    const shipped = await t.api('POST', `/v1/packages/${pkg.body.id}/ship`, { body: { carrier: 'DPD', trackingNumbers: ['T1'] } });
    expect(shipped.body.status).toBe('shipped');
  }
  const order = (await t.api('GET', `/v1/orders/${created.body.id}`)).body;
  expect(order.status).toBe('shipped');
  const lineId = (sku: string) => order.lines.find((l: { sku: string }) => l.sku === sku).id as string;
  return { order, lineId };
}
const level = async (sku: string) => (await t.api('GET', `/v1/inventory/${lon.warehouseId}/${sku}`)).body;
const lineOf = (r: ReturnDocument, sku: string) => r.lines.find((l) => l.sku === sku)!;

describe('a return from request to refund', () => {
  it('authorizes, receives in parts, inspects per unit, restocks, and completes with a refund request from frozen prices', async () => {
    const { order, lineId } = await shippedOrder();
    const created = await t.api('POST', `/v1/orders/${order.id}/returns`, {
      token: packer,
      body: { lines: [{ lineId: lineId('SKU-MUG'), quantity: 3, reasonCode: 'damaged' }] },
    });
    expect(created.status).toBe(403);
    const requested = await t.api('POST', `/v1/orders/${order.id}/returns`, {
      body: {
        lines: [
          { lineId: lineId('SKU-MUG'), quantity: 3, reasonCode: 'damaged', reasonNote: 'chipped' },
          { lineId: lineId('SKU-TEE'), quantity: 1, reasonCode: 'size_fit' },
        ],
        customerNote: 'sorry',
      },
    });
    expect(requested.status).toBe(201);
    const r0 = requested.body as ReturnDocument;
    expect(r0.number).toMatch(/^RMA-\d{8}-\d{5}$/);
    expect(r0).toMatchObject({
      status: 'requested',
      orderId: order.id,
      orderNumber: order.number,
      warehouseId: lon.warehouseId,
      resolution: 'refund',
      currency: 'GBP',
    });
    expect(requested.headers.get('location')).toBe(`/v1/returns/${r0.id}`);

    const early = await t.api('POST', `/v1/returns/${r0.id}/receive`, {
      token: clerkLon,
      body: { lines: [{ returnLineId: lineOf(r0, 'SKU-MUG').id, quantity: 1 }] },
    });
    expect(early.body.code).toBe('return_not_authorized');
    const authorized = await t.api('POST', `/v1/returns/${r0.id}/authorize`, { token: clerkLon, body: { note: 'within 30 days' } });
    expect(authorized.body.status).toBe('authorized');

    const mug = lineOf(r0, 'SKU-MUG').id;
    const tee = lineOf(r0, 'SKU-TEE').id;
    const part = await t.api('POST', `/v1/returns/${r0.id}/receive`, {
      token: lon.stationToken,
      body: { lines: [{ returnLineId: mug, quantity: 2 }] },
    });
    expect(part.body.status).toBe('partially_received');
    const over = await t.api('POST', `/v1/returns/${r0.id}/receive`, {
      token: clerkLon,
      body: { lines: [{ returnLineId: mug, quantity: 2 }] },
    });
    expect(over.body.code).toBe('return_over_received');
    expect(
      (await t.api('POST', `/v1/returns/${r0.id}/receive`, { token: clerkMan, body: { lines: [{ returnLineId: mug, quantity: 1 }] } }))
        .status,
    ).toBe(403);
    const notYet = await t.api('POST', `/v1/returns/${r0.id}/inspect`, {
      token: clerkLon,
      body: { lines: [{ returnLineId: mug, units: [{ condition: 'new', disposition: 'restock' }] }] },
    });
    expect(notYet.body.code).toBe('return_not_received');
    const all = await t.api('POST', `/v1/returns/${r0.id}/receive`, {
      token: clerkLon,
      body: {
        lines: [
          { returnLineId: mug, quantity: 1 },
          { returnLineId: tee, quantity: 1 },
        ],
      },
    });
    expect(all.body.status).toBe('received');
    expect(lineOf(all.body, 'SKU-MUG').receivedQuantity).toBe(3);

    const mugStock = await level('SKU-MUG');
    const teeStock = await level('SKU-TEE');
    const first = await t.api('POST', `/v1/returns/${r0.id}/inspect`, {
      token: clerkLon,
      body: {
        lines: [
          {
            returnLineId: mug,
            units: [
              { condition: 'like_new', disposition: 'restock' },
              { condition: 'damaged', disposition: 'dispose', notes: 'cracked handle' },
            ],
          },
        ],
      },
    });
    expect(first.body.status).toBe('received');
    expect(
      (
        await t.api('POST', `/v1/returns/${r0.id}/inspect`, {
          token: clerkLon,
          body: {
            lines: [
              {
                returnLineId: mug,
                units: [
                  { condition: 'new', disposition: 'restock' },
                  { condition: 'new', disposition: 'restock' },
                ],
              },
            ],
          },
        })
      ).body.code,
    ).toBe('return_over_inspected');
    expect(
      (
        await t.api('POST', `/v1/returns/${r0.id}/inspect`, {
          token: clerkLon,
          body: { lines: [{ returnLineId: mug, units: [{ condition: 'mint', disposition: 'restock' }] }] },
        })
      ).body.code,
    ).toBe('validation_failed');
    const inspected = await t.api('POST', `/v1/returns/${r0.id}/inspect`, {
      token: clerkLon,
      body: {
        lines: [
          { returnLineId: mug, units: [{ condition: 'good', disposition: 'return_to_customer', notes: 'not our mug' }] },
          { returnLineId: tee, units: [{ condition: 'new', disposition: 'restock' }] },
        ],
      },
    });
    expect(inspected.body.status).toBe('inspected');
    expect(
      lineOf(inspected.body, 'SKU-MUG').units.map((u: { condition: string; disposition: string }) => [u.condition, u.disposition]),
    ).toEqual([
      ['like_new', 'restock'],
      ['damaged', 'dispose'],
      ['good', 'return_to_customer'],
    ]);
    expect((await level('SKU-MUG')).onHand).toBe(mugStock.onHand + 1);
    expect((await level('SKU-TEE')).onHand).toBe(teeStock.onHand + 1);

    expect((await t.api('POST', `/v1/returns/${r0.id}/complete`, { token: lon.stationToken, body: {} })).status).toBe(403);
    const completed = await t.api('POST', `/v1/returns/${r0.id}/complete`, { token: clerkLon, body: { note: 'refund approved' } });
    expect(completed.status).toBe(200);
    const done = completed.body as ReturnDocument;
    expect(done.status).toBe('completed');
    // 2 of 3 mugs are refunded (one goes back to the customer) plus the tee, at the frozen prices.
    const mugTotal = lineAmounts(mugLine).totalMinor;
    const teeTotal = lineAmounts(teeLine).totalMinor;
    expect(done.refundRequest).toMatchObject({
      source: 'return',
      status: 'requested',
      method: 'original_payment',
      currency: 'GBP',
      shippingMinor: 0,
    });
    const mugRefund = done.refundRequest!.lines.find((l) => l.sku === 'SKU-MUG')!;
    expect(mugRefund).toMatchObject({ quantity: 2, firstUnit: 0, itemsMinor: 2002 });
    expect(done.refundRequest!.amountMinor).toBe(mugRefund.amountMinor + teeTotal);
    expect(mugRefund.amountMinor).toBeLessThan(mugTotal);
    const rows = await t.server.db.query<{ return_id: string; amount_minor: unknown }>(
      'select return_id, amount_minor from refund_requests where order_id = $1',
      [order.id],
    );
    expect(rows.map((r) => [r.return_id, Number(r.amount_minor)])).toEqual([[r0.id, done.refundRequest!.amountMinor]]);

    const timeline = (await t.api('GET', `/v1/orders/${order.id}/timeline`)).body.data as {
      type: string;
      actor: { kind: string; id: string };
      payload: { reason?: string };
    }[];
    const returnEvents = timeline.filter((e) => e.type.startsWith('return-'));
    expect(returnEvents.map((e) => e.type)).toEqual([
      'return-created',
      'return-authorized',
      'return-received',
      'return-received',
      'return-inspected',
      'return-inspected',
      'return-completed',
    ]);
    expect(returnEvents.every((e) => e.actor.id && e.payload.reason)).toBe(true);
    expect(timeline.map((e) => e.type)).toContain('refund-requested');
    expect((await t.api('POST', `/v1/returns/${r0.id}/reject`, { token: clerkLon, body: { reason: 'late' } })).body.code).toBe(
      'return_status_final',
    );
  });

  it('refunds a line across two returns to exactly its total, and shipping only once', async () => {
    const { order, lineId } = await shippedOrder([mugLine]);
    const run = async (quantity: number, refundShipping: boolean) => {
      const r = (
        await t.api('POST', `/v1/orders/${order.id}/returns`, {
          body: { lines: [{ lineId: lineId('SKU-MUG'), quantity, reasonCode: 'no_longer_needed' }], authorize: true },
        })
      ).body as ReturnDocument;
      expect(r.status).toBe('authorized');
      await t.api('POST', `/v1/returns/${r.id}/receive`, {
        token: clerkLon,
        body: { lines: [{ returnLineId: r.lines[0]!.id, quantity }] },
      });
      await t.api('POST', `/v1/returns/${r.id}/inspect`, {
        token: clerkLon,
        body: {
          lines: [
            { returnLineId: r.lines[0]!.id, units: Array.from({ length: quantity }, () => ({ condition: 'new', disposition: 'restock' })) },
          ],
        },
      });
      return (await t.api('POST', `/v1/returns/${r.id}/complete`, { token: clerkLon, body: { refundShipping } })).body as ReturnDocument;
    };
    const a = await run(1, true);
    const b = await run(2, true);
    expect(a.refundRequest!.shippingMinor).toBe(499);
    expect(b.refundRequest!.shippingMinor).toBe(0);
    expect(b.refundRequest!.lines[0]!.firstUnit).toBe(1);
    expect(a.refundRequest!.amountMinor - 499 + b.refundRequest!.amountMinor).toBe(lineAmounts(mugLine).totalMinor);
    // Nothing is left to return on that line.
    const more = await t.api('POST', `/v1/orders/${order.id}/returns`, {
      body: { lines: [{ lineId: lineId('SKU-MUG'), quantity: 1, reasonCode: 'other' }] },
    });
    expect(more.body).toMatchObject({ code: 'return_exceeds_shipped', returnable: 0 });
  });
});

describe('exchanges', () => {
  it('completes an exchange with a replacement order at the frozen price and no refund for exchanged units', async () => {
    const { order, lineId } = await shippedOrder();
    const created = await t.api('POST', `/v1/orders/${order.id}/returns`, {
      token: clerkLon,
      body: {
        lines: [
          { lineId: lineId('SKU-TEE'), quantity: 1, reasonCode: 'size_fit', exchange: { sku: 'SKU-TEE-L', name: 'Cotton tee L' } },
          { lineId: lineId('SKU-MUG'), quantity: 1, reasonCode: 'defective' },
        ],
        authorize: true,
      },
    });
    expect(created.status).toBe(201);
    const r = created.body as ReturnDocument;
    expect(lineOf(r, 'SKU-TEE').exchange).toEqual({ sku: 'SKU-TEE-L', name: 'Cotton tee L', barcode: null });
    await t.api('POST', `/v1/returns/${r.id}/receive`, {
      token: clerkLon,
      body: { lines: r.lines.map((l) => ({ returnLineId: l.id, quantity: 1 })) },
    });
    await t.api('POST', `/v1/returns/${r.id}/inspect`, {
      token: clerkLon,
      body: { lines: r.lines.map((l) => ({ returnLineId: l.id, units: [{ condition: 'new', disposition: 'restock' }] })) },
    });
    const done = (await t.api('POST', `/v1/returns/${r.id}/complete`, { token: clerkLon, body: {} })).body as ReturnDocument;
    expect(done.replacementOrderId).toBeTruthy();
    expect(done.refundRequest!.lines.map((l) => l.sku)).toEqual(['SKU-MUG']);
    const replacement = (await t.api('GET', `/v1/orders/${done.replacementOrderId}`)).body;
    expect(replacement).toMatchObject({ status: 'confirmed', paymentStatus: 'paid', externalReference: r.number, currency: 'GBP' });
    expect(replacement.lines).toMatchObject([
      { sku: 'SKU-TEE-L', quantity: 1, unitPriceMinor: 2000, taxRateBps: 2000, totalMinor: lineAmounts(teeLine).totalMinor },
    ]);
    expect(replacement.totals).toMatchObject({ shippingMinor: 0, balanceDueMinor: 0 });
    expect(replacement.fulfillmentOrders).toHaveLength(1);
    expect(replacement.metadata.replacementFor).toMatchObject({ orderId: order.id, returnId: r.id, returnNumber: r.number });
    const timeline = (await t.api('GET', `/v1/orders/${order.id}/timeline`)).body.data.map((e: { type: string }) => e.type);
    expect(timeline).toContain('replacement-order-created');
  });

  it('ships an advance exchange before the units come back, once', async () => {
    const { order, lineId } = await shippedOrder();
    const r = (
      await t.api('POST', `/v1/orders/${order.id}/returns`, {
        body: { lines: [{ lineId: lineId('SKU-TEE'), quantity: 1, reasonCode: 'wrong_item' }], resolution: 'exchange' },
      })
    ).body as ReturnDocument;
    expect((await t.api('POST', `/v1/returns/${r.id}/exchange`, { body: {} })).body.code).toBe('return_not_authorized');
    await t.api('POST', `/v1/returns/${r.id}/authorize`, { body: {} });
    const ex = await t.api('POST', `/v1/returns/${r.id}/exchange`, { body: { note: 'customer needs it for Saturday' } });
    expect(ex.status).toBe(200);
    expect(ex.body.replacementOrderId).toBeTruthy();
    expect((await t.api('POST', `/v1/returns/${r.id}/exchange`, { body: {} })).body.code).toBe('return_replacement_exists');
    const replacement = (await t.api('GET', `/v1/orders/${ex.body.replacementOrderId}`)).body;
    expect(replacement.lines).toMatchObject([{ sku: 'SKU-TEE', quantity: 1 }]);
    const noExchange = (
      await t.api('POST', `/v1/orders/${order.id}/returns`, {
        body: { lines: [{ lineId: lineId('SKU-MUG'), quantity: 1, reasonCode: 'other' }], authorize: true },
      })
    ).body;
    expect((await t.api('POST', `/v1/returns/${noExchange.id}/exchange`, { body: {} })).body.code).toBe('return_has_no_exchange');
  });
});

describe('rules, rejections and lookups', () => {
  it("only takes back shipped units of the order's own lines", async () => {
    const created = await t.api('POST', '/v1/orders', { body: sampleOrder({ lines: [{ ...teeLine }] }) });
    const unshipped = await t.api('POST', `/v1/orders/${created.body.id}/returns`, {
      body: { lines: [{ lineId: created.body.lines[0].id, quantity: 1, reasonCode: 'other' }] },
    });
    expect(unshipped.status).toBe(422);
    expect(unshipped.body.code).toBe('return_exceeds_shipped');
    const stranger = await t.api('POST', `/v1/orders/${created.body.id}/returns`, {
      body: { lines: [{ lineId: crypto.randomUUID(), quantity: 1, reasonCode: 'other' }] },
    });
    expect(stranger.body.code).toBe('line_not_in_order');
    const bad = await t.api('POST', `/v1/orders/${created.body.id}/returns`, {
      body: { lines: [{ lineId: created.body.lines[0].id, quantity: 1, reasonCode: 'meh' }] },
    });
    expect(bad.body.code).toBe('validation_failed');
    expect(
      (
        await t.api('POST', `/v1/orders/${crypto.randomUUID()}/returns`, {
          body: { lines: [{ lineId: crypto.randomUUID(), quantity: 1, reasonCode: 'other' }] },
        })
      ).status,
    ).toBe(404);
  });

  it('rejects after inspection, cancels before receipt, and frees the units for another return', async () => {
    const { order, lineId } = await shippedOrder([teeLine]);
    const r = (
      await t.api('POST', `/v1/orders/${order.id}/returns`, {
        body: { lines: [{ lineId: lineId('SKU-TEE'), quantity: 1, reasonCode: 'defective' }], authorize: true },
      })
    ).body as ReturnDocument;
    await t.api('POST', `/v1/returns/${r.id}/receive`, {
      token: clerkLon,
      body: { lines: [{ returnLineId: r.lines[0]!.id, quantity: 1 }] },
    });
    await t.api('POST', `/v1/returns/${r.id}/inspect`, {
      token: clerkLon,
      body: {
        lines: [
          { returnLineId: r.lines[0]!.id, units: [{ condition: 'good', disposition: 'return_to_customer', notes: 'washed and worn' }] },
        ],
      },
    });
    expect((await t.api('POST', `/v1/returns/${r.id}/reject`, { token: clerkLon, body: {} })).body.code).toBe('validation_failed');
    const rejected = await t.api('POST', `/v1/returns/${r.id}/reject`, { token: clerkLon, body: { reason: 'worn, outside policy' } });
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectionReason: 'worn, outside policy', refundRequest: null });

    const again = (
      await t.api('POST', `/v1/orders/${order.id}/returns`, {
        body: { lines: [{ lineId: lineId('SKU-TEE'), quantity: 1, reasonCode: 'defective' }] },
      })
    ).body as ReturnDocument;
    expect(again.status).toBe('requested');
    const cancelled = await t.api('POST', `/v1/returns/${again.id}/cancel`, { body: { reason: 'customer kept it' } });
    expect(cancelled.body.status).toBe('cancelled');
    expect((await t.api('POST', `/v1/returns/${again.id}/authorize`, { body: {} })).body.code).toBe('return_status_final');
  });

  it('closes receiving early when the rest is not coming', async () => {
    const { order, lineId } = await shippedOrder([mugLine]);
    const r = (
      await t.api('POST', `/v1/orders/${order.id}/returns`, {
        body: { lines: [{ lineId: lineId('SKU-MUG'), quantity: 3, reasonCode: 'damaged' }], authorize: true },
      })
    ).body as ReturnDocument;
    expect((await t.api('POST', `/v1/returns/${r.id}/receive`, { token: clerkLon, body: { final: true } })).body.code).toBe(
      'return_nothing_received',
    );
    const closed = await t.api('POST', `/v1/returns/${r.id}/receive`, {
      token: clerkLon,
      body: { lines: [{ returnLineId: r.lines[0]!.id, quantity: 1 }], final: true, note: 'only one in the box' },
    });
    expect(closed.body.status).toBe('received');
    await t.api('POST', `/v1/returns/${r.id}/inspect`, {
      token: clerkLon,
      body: { lines: [{ returnLineId: r.lines[0]!.id, units: [{ condition: 'damaged', disposition: 'dispose' }] }] },
    });
    const done = (await t.api('POST', `/v1/returns/${r.id}/complete`, { token: clerkLon, body: {} })).body as ReturnDocument;
    expect(done.refundRequest!.lines).toMatchObject([{ sku: 'SKU-MUG', quantity: 1 }]);
  });

  it('finds a return by its RMA number and lists by scope, with numbers from the daily sequence', async () => {
    const { order, lineId } = await shippedOrder([teeLine]);
    const a = (
      await t.api('POST', `/v1/orders/${order.id}/returns`, {
        token: clerkLon,
        body: { lines: [{ lineId: lineId('SKU-TEE'), quantity: 1, reasonCode: 'other' }] },
      })
    ).body as ReturnDocument;
    const found = await t.api('GET', `/v1/returns/by-number/${a.number.toLowerCase()}`, { token: lon.stationToken });
    expect(found.body.id).toBe(a.id);
    expect((await t.api('GET', `/v1/returns/by-number/${a.number}`, { token: man.stationToken })).status).toBe(403);
    expect((await t.api('GET', '/v1/returns/by-number/RMA-20000101-99999')).status).toBe(404);
    const all = await t.api('GET', `/v1/returns?orderId=${order.id}`);
    expect(all.body.data.map((r: ReturnDocument) => r.id)).toEqual([a.id]);
    expect((await t.api('GET', `/v1/returns?warehouseId=${man.warehouseId}`, { token: clerkMan })).body.data).toEqual([]);
    const seqs = (await t.api('GET', '/v1/returns?limit=200')).body.data.map((r: ReturnDocument) => Number(r.number.slice(-5)));
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(new Set(seqs).size).toBe(seqs.length);
    const byOrder = await t.api('GET', `/v1/orders/${order.id}/returns`, { token: clerkLon });
    expect(byOrder.body.data).toHaveLength(1);
    const refunds = await t.api('GET', `/v1/orders/${order.id}/refund-requests`);
    expect(refunds.body.data).toEqual([]);
  });
});

describe('refunds already paid by payments', () => {
  it('does not pay twice for units payments already refunded on the line', async () => {
    const { order, lineId } = await shippedOrder([mugLine]);
    // Payments refunded one mug directly (its line refund bumps refundedQuantity on the order line).
    await t.server.db.query(`update orders set doc = jsonb_set(doc, '{lines,0,refundedQuantity}', '1') where id = $1`, [order.id]);
    const r = (
      await t.api('POST', `/v1/orders/${order.id}/returns`, {
        body: { lines: [{ lineId: lineId('SKU-MUG'), quantity: 3, reasonCode: 'damaged' }], authorize: true },
      })
    ).body as ReturnDocument;
    await t.api('POST', `/v1/returns/${r.id}/receive`, {
      token: clerkLon,
      body: { lines: [{ returnLineId: r.lines[0]!.id, quantity: 3 }] },
    });
    await t.api('POST', `/v1/returns/${r.id}/inspect`, {
      token: clerkLon,
      body: {
        lines: [
          { returnLineId: r.lines[0]!.id, units: Array.from({ length: 3 }, () => ({ condition: 'damaged', disposition: 'dispose' })) },
        ],
      },
    });
    const done = await t.api('POST', `/v1/returns/${r.id}/complete`, { token: clerkLon, body: {} });
    expect(done.status).toBe(200);
    expect(done.body.refundRequest.lines).toMatchObject([{ sku: 'SKU-MUG', quantity: 2, firstUnit: 1 }]);
  });
});

describe('replication readiness', () => {
  it("pulls a warehouse's returns by checkpoint, each change once, with nothing from other warehouses", async () => {
    const { order, lineId } = await shippedOrder([teeLine]);
    const start = await pullReturns(t.server.db, lon.warehouseId, { checkpoint: null, limit: 1000 });
    const r = (
      await t.api('POST', `/v1/orders/${order.id}/returns`, {
        body: { lines: [{ lineId: lineId('SKU-TEE'), quantity: 1, reasonCode: 'other' }], authorize: true },
      })
    ).body as ReturnDocument;
    const first = await pullReturns(t.server.db, lon.warehouseId, { checkpoint: start.checkpoint, limit: 1000 });
    expect(first.documents.map((d) => [d.id, '_deleted' in d && !d._deleted ? d.status : 'tombstone'])).toEqual([[r.id, 'authorized']]);
    expect(first.checkpoint.rev).toBeGreaterThan(start.checkpoint.rev);
    await t.api('POST', `/v1/returns/${r.id}/receive`, {
      token: clerkLon,
      body: { lines: [{ returnLineId: r.lines[0]!.id, quantity: 1 }] },
    });
    const second = await pullReturns(t.server.db, lon.warehouseId, { checkpoint: first.checkpoint, limit: 1000 });
    expect(second.documents).toHaveLength(1);
    expect(second.documents[0]).toMatchObject({ id: r.id, status: 'received', version: r.version + 1, _deleted: false });
    expect((await pullReturns(t.server.db, lon.warehouseId, { checkpoint: second.checkpoint, limit: 1000 })).documents).toEqual([]);
    expect((await pullReturns(t.server.db, man.warehouseId, { checkpoint: null, limit: 1000 })).documents).toEqual([]);
    const paged = await pullReturns(t.server.db, lon.warehouseId, { checkpoint: null, limit: 1 });
    expect(paged.documents.length).toBeLessThanOrEqual(1);
    expect(paged.checkpoint.rev).toBeGreaterThan(0);
    expect(paged.remaining).toBeGreaterThan(0);
  });

  it('sends only open returns; a closed one arrives as a tombstone saying how it closed after a first pull, and carries the applied seqs', async () => {
    const { order, lineId } = await shippedOrder([teeLine]);
    const start = await pullReturns(t.server.db, lon.warehouseId, { checkpoint: null, limit: 1000 });
    expect(
      start.documents.every((d) => !d._deleted && ['authorized', 'partially_received', 'received', 'inspected'].includes(d.status)),
    ).toBe(true);
    const r = (
      await t.api('POST', `/v1/orders/${order.id}/returns`, {
        body: { lines: [{ lineId: lineId('SKU-TEE'), quantity: 1, reasonCode: 'other' }], authorize: true },
      })
    ).body as ReturnDocument;
    const open = await pullReturns(t.server.db, lon.warehouseId, { checkpoint: start.checkpoint, limit: 1000 });
    expect(open.documents).toEqual([expect.objectContaining({ id: r.id, status: 'authorized', appliedSeq: {}, _deleted: false })]);
    expect((await t.api('POST', `/v1/returns/${r.id}/cancel`, { body: { reason: 'customer kept it' } })).status).toBe(200);
    const closed = await pullReturns(t.server.db, lon.warehouseId, { checkpoint: open.checkpoint, limit: 1000 });
    // The tombstone says how it closed and why, for a desk that has it open.
    expect(closed.documents).toEqual([
      { id: r.id, _deleted: true, closed: { number: r.number, status: 'cancelled', reason: 'customer kept it' } },
    ]);
    const fresh = await pullReturns(t.server.db, lon.warehouseId, { checkpoint: null, limit: 1000 });
    expect(fresh.documents.some((d) => d.id === r.id)).toBe(false);
  });
});
