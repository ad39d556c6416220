import type { OrderDocument, OrderLine } from '../../shared/api/orders';
import { formatDocumentNumber, utcDay } from '../../shared/domain/order-number';
import { lineAmounts, orderTotals } from '../../shared/domain/order-totals';
import type { Actor } from '../../shared/events/station-events';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { sha256 } from '../auth/secrets';
import type { Database } from '../db/database';
import { insertFulfillmentOrders } from '../fulfillment/fulfillment-store';
import { reserveRaisingStock } from '../inventory/inventory-store';
import { PRICING_ENGINE_VERSION } from '../orders/create-order';
import { insertOrders, nextDocumentSequence } from '../orders/order-store';
import { newFulfillmentDocument } from '../orders/routing';
import { appendTimelineBatch, type TimelineEntry } from '../timeline/timeline';
import { CHANNELS, FIRST_NAMES, LAST_NAMES, STREETS, TOWNS, CATALOGUE } from './catalogue';
import { seededRandom } from './random';

export interface BulkSeedOptions {
  warehouseId: string;
  count: number;
  seed?: number;
  orderNumberPrefix?: string;
  /** Orders per transaction; each batch writes each table with one unnest statement. */
  batchSize?: number;
  now?: Date;
}

export interface BulkSeedResult {
  orders: number;
  fulfillmentOrders: number;
  timelineEvents: number;
  firstRev: number;
  lastRev: number;
  ms: number;
}

const ACTOR: Actor = { kind: 'system', id: 'bulk-seed', name: 'bulk seed' };

/**
 * Inserts `count` confirmed, paid orders, each with one open fulfillment order at `warehouseId`,
 * as fast as the database allows (for the cold-sync benchmark and large demos): documents are
 * built here in the same shape createOrder and routing produce, and each batch writes each
 * table with a single `unnest` statement, through the table's owner. Stock is reserved for them
 * (on hand raised to cover it) so the reconciliation report stays clean. Sync revisions come
 * from the same sequence under the same lock as every other change, and stations are told once per batch.
 */
export async function seedBulkOrders(db: Database, options: BulkSeedOptions): Promise<BulkSeedResult> {
  const started = Date.now();
  const rnd = seededRandom(options.seed ?? 7);
  const prefix = options.orderNumberPrefix ?? 'ORD';
  const batchSize = options.batchSize ?? 5000;
  const now = options.now ?? new Date();
  const products = CATALOGUE.slice(0, 12);
  const result: BulkSeedResult = { orders: 0, fulfillmentOrders: 0, timelineEvents: 0, firstRev: 0, lastRev: 0, ms: 0 };

  for (let done = 0; done < options.count; done += batchSize) {
    const n = Math.min(batchSize, options.count - done);
    await db.transaction(async (tx) => {
      const day = utcDay(now);
      const firstSeq = (await nextDocumentSequence(tx, prefix, day, n)) - n + 1;
      const orders: OrderDocument[] = [];
      const fos: FulfillmentDocument[] = [];
      const reserve = new Map<string, number>();
      for (let i = 0; i < n; i++) {
        const at = new Date(now.getTime() - (n - i) * 1000).toISOString();
        const order = seededOrder(rnd, products, reserve, formatDocumentNumber(prefix, day, firstSeq + i), at);
        const fo = { ...newFulfillmentDocument(order, options.warehouseId, order.lines), createdAt: at, updatedAt: at };
        orders.push(order);
        fos.push(fo);
      }

      await insertOrders(tx, orders);
      const revs = await insertFulfillmentOrders(tx, fos);
      const events = seededTimeline(orders, fos, options.warehouseId);
      await appendTimelineBatch(tx, events);
      await reserveRaisingStock(tx, options.warehouseId, reserve);
      result.orders += n;
      result.fulfillmentOrders += n;
      result.timelineEvents += events.length;
      result.firstRev ||= revs[0]!;
      result.lastRev = revs.at(-1)!;
    });
  }
  // Like any bulk load: fresh statistics, or the planner takes thousands of rows for a handful
  // (PGlite has no autovacuum to do it later).
  await db.query('analyze orders, fulfillment_orders, timeline_events, inventory');
  result.ms = Date.now() - started;
  return result;
}

/** A confirmed, paid order of a few catalogue lines for a made-up customer; its units are added to `reserve`. */
function seededOrder(
  rnd: ReturnType<typeof seededRandom>,
  products: typeof CATALOGUE,
  reserve: Map<string, number>,
  number: string,
  at: string,
): OrderDocument {
  const first = rnd.pick(FIRST_NAMES);
  const last = rnd.pick(LAST_NAMES);
  const [city, area] = rnd.pick(TOWNS);
  const lines: OrderLine[] = rnd.sample(products, rnd.int(1, 3)).map((p) => {
    const quantity = rnd.int(1, 3);
    const a = lineAmounts({ quantity, unitPriceMinor: p.unitPriceMinor, taxRateBps: p.taxRateBps, discountMinor: 0 });
    reserve.set(p.sku, (reserve.get(p.sku) ?? 0) + quantity);
    return {
      id: crypto.randomUUID(),
      sku: p.sku,
      barcode: p.barcode,
      name: p.name,
      quantity,
      unitPriceMinor: p.unitPriceMinor,
      taxRateBps: p.taxRateBps,
      discountMinor: 0,
      taxMinor: a.taxMinor,
      totalMinor: a.totalMinor,
      metadata: {},
      cancelledQuantity: 0,
      refundedQuantity: 0,
    };
  });
  const shippingMinor = 495;
  const total = orderTotals(lines, shippingMinor).totalMinor;
  const variants = Object.fromEntries(lines.map((l) => [l.sku, { unitPriceMinor: l.unitPriceMinor, taxRateBps: l.taxRateBps }]));
  const address = {
    name: `${first} ${last}`,
    line1: `${rnd.int(1, 220)} ${rnd.pick(STREETS)}`,
    city,
    postalCode: `${area} ${rnd.int(1, 9)}AB`,
    country: 'GB',
  };
  return {
    id: crypto.randomUUID(),
    number,
    status: 'confirmed',
    statusBeforeHold: null,
    holds: [],
    paymentStatus: 'paid',
    orderType: 'regular',
    channel: rnd.pick(CHANNELS),
    externalReference: null,
    currency: 'GBP',
    customer: { id: null, name: `${first} ${last}`, email: `${first.toLowerCase()}@example.com` },
    shippingAddress: address,
    billingAddress: address,
    lines,
    totals: { ...orderTotals(lines, shippingMinor, 0, total), refundedForCancellationsMinor: 0 },
    discountCode: null,
    discountSnapshot: {
      engineVersion: PRICING_ENGINE_VERSION,
      timestamp: at,
      ruleHash: sha256('{"code":null,"appliedDiscounts":[]}'),
      rules: [],
      appliedDiscounts: [],
    },
    pricingSnapshot: { engineVersion: PRICING_ENGINE_VERSION, timestamp: at, ruleHash: sha256(JSON.stringify(variants)), variants },
    metadata: { seededBy: 'seed-bulk' },
    version: 2,
    milestones: { pending: at, confirmed: at },
    createdAt: at,
    updatedAt: at,
    holdDetails: [],
    duplicatedFrom: null,
    cancellation: null,
  };
}

/** What createOrder and routing would have recorded for each order: created, confirmed, routed. */
function seededTimeline(orders: OrderDocument[], fos: FulfillmentDocument[], warehouseId: string): TimelineEntry[] {
  return orders.flatMap((o, i) => [
    {
      type: 'order-created',
      orderId: o.id,
      payload: { number: o.number, totalMinor: o.totals.totalMinor, currency: o.currency, lines: o.lines.length },
      actor: ACTOR,
      occurredAt: o.createdAt,
    },
    {
      type: 'order-status-changed',
      orderId: o.id,
      payload: { from: 'pending', to: 'confirmed', reason: 'payment paid' },
      actor: ACTOR,
      occurredAt: o.createdAt,
    },
    {
      type: 'fulfillment-order-created',
      orderId: o.id,
      fulfillmentOrderId: fos[i]!.id,
      entityIds: { fulfillmentOrderId: fos[i]!.id, warehouseId: warehouseId },
      payload: {
        source: 'warehouse',
        lines: o.lines.map((l) => ({ lineId: l.id, sku: l.sku, quantity: l.quantity })),
        reason: 'bulk seed',
      },
      actor: ACTOR,
      occurredAt: o.createdAt,
    },
  ]);
}
