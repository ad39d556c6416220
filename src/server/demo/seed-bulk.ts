import type { OrderDocument, OrderLine } from '../../shared/api/orders';
import { formatDocumentNumber, utcDay } from '../../shared/domain/order-number';
import { lineAmounts, orderTotals } from '../../shared/domain/order-totals';
import type { Actor } from '../../shared/events/station-events';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { sha256 } from '../auth/secrets';
import type { Database, Queryable } from '../db/database';
import { toInt } from '../db/database';
import { PRICING_ENGINE_VERSION } from '../orders/create-order';
import { newFulfillmentDocument } from '../orders/routing';
import { CHANGES_CHANNEL } from '../sync/revisions';
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
 * table with a single `unnest` statement. Stock is reserved for them (on hand raised to cover it)
 * so the reconciliation report stays clean. Sync revisions come from the same sequence under
 * the same lock as every other change, and stations are told once per batch.
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
      const [seqRow] = await tx.query<{ last: number }>(
        `insert into number_sequences (prefix, day, last) values ($1, $2, $3)
         on conflict (prefix, day) do update set last = number_sequences.last + $3 returning last`,
        [prefix, day, n],
      );
      const firstSeq = toInt(seqRow!.last) - n + 1;
      await tx.query('select pg_advisory_xact_lock(7202)');
      const revs = (await tx.query<{ rev: unknown }>(`select nextval('sync_rev') as rev from generate_series(1, $1)`, [n])).map((r) => toInt(r.rev));

      const orders: OrderDocument[] = [];
      const fos: FulfillmentDocument[] = [];
      const reserve = new Map<string, number>();
      for (let i = 0; i < n; i++) {
        const at = new Date(now.getTime() - (n - i) * 1000).toISOString();
        const first = rnd.pick(FIRST_NAMES);
        const last = rnd.pick(LAST_NAMES);
        const [city, area] = rnd.pick(TOWNS);
        const lines: OrderLine[] = rnd.sample(products, rnd.int(1, 3)).map((p) => {
          const quantity = rnd.int(1, 3);
          const a = lineAmounts({ quantity, unitPriceMinor: p.unitPriceMinor, taxRateBps: p.taxRateBps, discountMinor: 0 });
          reserve.set(p.sku, (reserve.get(p.sku) ?? 0) + quantity);
          return {
            id: crypto.randomUUID(), sku: p.sku, barcode: p.barcode, name: p.name, quantity, unitPriceMinor: p.unitPriceMinor, taxRateBps: p.taxRateBps,
            discountMinor: 0, taxMinor: a.taxMinor, totalMinor: a.totalMinor, metadata: {}, cancelledQuantity: 0, refundedQuantity: 0,
          };
        });
        const shippingMinor = 495;
        const total = orderTotals(lines, shippingMinor).totalMinor;
        const variants = Object.fromEntries(lines.map((l) => [l.sku, { unitPriceMinor: l.unitPriceMinor, taxRateBps: l.taxRateBps }]));
        const address = { name: `${first} ${last}`, line1: `${rnd.int(1, 220)} ${rnd.pick(STREETS)}`, city, postalCode: `${area} ${rnd.int(1, 9)}AB`, country: 'GB' };
        const order: OrderDocument = {
          id: crypto.randomUUID(),
          number: formatDocumentNumber(prefix, day, firstSeq + i),
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
          discountSnapshot: { engineVersion: PRICING_ENGINE_VERSION, timestamp: at, ruleHash: sha256('{"code":null,"appliedDiscounts":[]}'), rules: [], appliedDiscounts: [] },
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
        const fo = { ...newFulfillmentDocument(order, options.warehouseId, lines), createdAt: at, updatedAt: at };
        orders.push(order);
        fos.push(fo);
      }

      await tx.query(
        `insert into orders (id, number, status, payment_status, order_type, channel, customer_id, customer_name, customer_email, currency, total_minor, doc, version, created_at, updated_at)
         select id, number, 'confirmed', 'paid', 'regular', channel, null, customer_name, customer_email, 'GBP', total_minor, doc::jsonb, 2, created_at, created_at
           from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::timestamptz[])
             as t(id, number, channel, customer_name, customer_email, total_minor, doc, created_at)`,
        [
          orders.map((o) => o.id), orders.map((o) => o.number), orders.map((o) => o.channel), orders.map((o) => o.customer.name),
          orders.map((o) => o.customer.email), orders.map((o) => o.totals.totalMinor), orders.map((o) => JSON.stringify(o)), orders.map((o) => o.createdAt),
        ],
      );
      await tx.query(
        `insert into fulfillment_orders (id, order_id, warehouse_id, status, claimed_by, doc, rev, created_at, updated_at)
         select id, order_id, $3::uuid, 'open', null, doc::jsonb, rev, created_at, created_at
           from unnest($1::uuid[], $2::uuid[], $4::text[], $5::bigint[], $6::timestamptz[]) as t(id, order_id, doc, rev, created_at)`,
        [fos.map((f) => f.id), fos.map((f) => f.orderId), options.warehouseId, fos.map((f) => JSON.stringify(f)), revs, fos.map((f) => f.createdAt)],
      );
      const events = orders.flatMap((o, i) => [
        { type: 'order-created', orderId: o.id, foId: null, payload: { number: o.number, totalMinor: o.totals.totalMinor, currency: o.currency, lines: o.lines.length }, at: o.createdAt },
        { type: 'order-status-changed', orderId: o.id, foId: null, payload: { from: 'pending', to: 'confirmed', reason: 'payment paid' }, at: o.createdAt },
        {
          type: 'fulfillment-order-created', orderId: o.id, foId: fos[i]!.id, at: o.createdAt,
          payload: { source: 'warehouse', lines: o.lines.map((l) => ({ lineId: l.id, sku: l.sku, quantity: l.quantity })), reason: 'bulk seed' },
        },
      ]);
      await tx.query(
        `insert into timeline_events (id, type, order_id, fulfillment_order_id, entity_ids, payload, actor, occurred_at)
         select gen_random_uuid(), type, order_id, fo_id,
                case when fo_id is null then '{}'::jsonb else jsonb_build_object('fulfillmentOrderId', fo_id, 'warehouseId', $6::text) end,
                payload::jsonb, $5::jsonb, occurred_at
           from unnest($1::text[], $2::uuid[], $3::uuid[], $4::text[], $7::timestamptz[]) as t(type, order_id, fo_id, payload, occurred_at)`,
        [events.map((e) => e.type), events.map((e) => e.orderId), events.map((e) => e.foId), events.map((e) => JSON.stringify(e.payload)), JSON.stringify(ACTOR), options.warehouseId, events.map((e) => e.at)],
      );
      await reserveStock(tx, options.warehouseId, reserve);
      await tx.query('select pg_notify($1, $2)', [CHANGES_CHANNEL, JSON.stringify({ warehouseId: options.warehouseId, collection: 'fulfillment_orders', rev: revs.at(-1) })]);
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

async function reserveStock(tx: Queryable, warehouseId: string, reserve: Map<string, number>) {
  const skus = [...reserve.keys()];
  await tx.query(
    `insert into inventory (warehouse_id, sku, on_hand, reserved)
     select $1, sku, qty + 100, qty from unnest($2::text[], $3::int[]) as t(sku, qty)
     on conflict (warehouse_id, sku) do update
       set reserved = inventory.reserved + excluded.reserved,
           on_hand = greatest(inventory.on_hand, inventory.reserved + excluded.reserved)`,
    [warehouseId, skus, skus.map((s) => reserve.get(s)!)],
  );
}
