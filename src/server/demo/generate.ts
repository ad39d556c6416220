import type { CreateOrderRequest, OrderDocument } from '../../shared/api/orders';
import type { StationKind } from '../../shared/api/stations';
import { CONDITION_GRADES, RETURN_REASONS } from '../../shared/domain/return-status';
import type { Actor, StationEvent } from '../../shared/events/station-events';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import type { Principal } from '../auth/principal';
import { hashSecret } from '../auth/secrets';
import type { Database } from '../db/database';
import { setOnHand } from '../inventory/inventory-store';
import { createOrder } from '../orders/create-order';
import { completeReturn, createReturn, inspectReturn, receiveReturn, type ReturnActionContext } from '../returns/return-actions';
import { createStation } from '../stations/station-enrollment';
import { pushEvents } from '../sync/push';
import { badgeHash, insertUser, isTrivialPin, type UserRole } from '../users/users';
import { ensureWarehouse } from '../warehouses/warehouse-store';
import { BACKORDERED_SKUS, CATALOGUE, CHANNELS, FIRST_NAMES, LAST_NAMES, STREETS, TOWNS, WAREHOUSE_SITES, type Product } from './catalogue';
import { seededRandom, type SeededRandom } from './random';

export interface DemoOptions {
  /** Same seed (and same `now`), same data. */
  seed?: number;
  /** 1 to 5 warehouses. */
  warehouses?: number;
  orders?: number;
  /** Orders are spread over this many days before `now`. */
  days?: number;
  now?: Date;
  /** Share of routed fulfillment orders that a station packs and ships. */
  shipShare?: number;
  /** Share of shipped orders that come back (partly) as returns. */
  returnShare?: number;
  orderNumberPrefix?: string;
  returnNumberPrefix?: string;
}

export type OrderFate = 'leave' | 'ship' | 'ship-and-return';
export type ReturnDepth = 'requested' | 'authorized' | 'received' | 'completed';

export interface DemoPlan {
  warehouses: {
    code: string;
    name: string;
    priority: number;
    address: { name: string; line1: string; city: string; postalCode: string; country: string };
  }[];
  stock: { warehouseCode: string; sku: string; onHand: number }[];
  users: { name: string; role: UserRole; warehouseCode: string | null; pin: string; badge: string }[];
  stations: { name: string; warehouseCode: string; kind: StationKind }[];
  orders: {
    createdAt: string;
    fate: OrderFate;
    returnDepth: ReturnDepth;
    returnReason: (typeof RETURN_REASONS)[number];
    request: CreateOrderRequest;
  }[];
}

export interface DemoSummary {
  seed: number;
  warehouses: { id: string; code: string; name: string }[];
  stations: { id: string; name: string; warehouseId: string; warehouseCode: string; enrollmentCode: string }[];
  /** Demo people with their PIN and badge in clear, for signing in at the demo station. */
  users: { id: string; name: string; role: UserRole; warehouseCode: string | null; pin: string; badge: string }[];
  orders: { id: string; number: string; status: string; fulfillmentOrders: number; backorders: number }[];
  counts: {
    orders: number;
    multiWarehouseOrders: number;
    backorderedLines: number;
    pendingPayment: number;
    shippedFulfillmentOrders: number;
    returns: number;
    returnsCompleted: number;
  };
}

const DEFAULTS = { seed: 1, warehouses: 3, orders: 60, days: 14, shipShare: 0.4, returnShare: 0.3 };

/** The data, decided from the seed alone (pure; no ids). */
export function planDemo(options: DemoOptions = {}): DemoPlan {
  const o = { ...DEFAULTS, ...options };
  const rnd = seededRandom(o.seed);
  const now = (options.now ?? new Date()).getTime();
  const sites = WAREHOUSE_SITES.slice(0, Math.max(1, Math.min(o.warehouses, WAREHOUSE_SITES.length)));

  const warehouses = sites.map((s, i) => ({
    code: s.code,
    name: s.name,
    priority: 10 * (i + 1),
    address: { name: s.name, line1: s.line1, city: s.city, postalCode: s.postalCode, country: 'GB' },
  }));

  // The first warehouse stocks most of the range; the others a seeded part of it, so some orders
  // split across warehouses. Backordered SKUs are stocked nowhere.
  const stock: DemoPlan['stock'] = [];
  sites.forEach((s, i) => {
    for (const p of CATALOGUE) {
      if (BACKORDERED_SKUS.has(p.sku)) continue;
      if (i === 0 ? rnd.chance(0.85) : rnd.chance(0.45)) stock.push({ warehouseCode: s.code, sku: p.sku, onHand: rnd.int(3, 60) });
    }
  });

  const users: DemoPlan['users'] = [];
  const pin = () => {
    for (;;) {
      const p = String(rnd.int(0, 9999)).padStart(4, '0');
      if (!isTrivialPin(p)) return p;
    }
  };
  let badgeNo = 1000;
  const person = () => `${rnd.pick(FIRST_NAMES)} ${rnd.pick(LAST_NAMES)}`;
  users.push({ name: 'Demo Admin', role: 'admin', warehouseCode: null, pin: pin(), badge: `DKS-ADMIN-${badgeNo++}` });
  for (const s of sites) {
    for (const role of ['supervisor', 'packer', 'packer', 'returns'] as const) {
      users.push({ name: person(), role, warehouseCode: s.code, pin: pin(), badge: `DKS-${s.code}-${badgeNo++}` });
    }
  }

  const stations = sites.flatMap((s) => [
    { name: `${s.name} pack 1`, warehouseCode: s.code, kind: 'packing' as const },
    { name: `${s.name} returns desk`, warehouseCode: s.code, kind: 'returns' as const },
  ]);

  const orders: DemoPlan['orders'] = [];
  const spanMs = o.days * 24 * 3600_000;
  const offsets = Array.from({ length: o.orders }, () => rnd.int(3600_000, spanMs)).sort((a, b) => b - a);
  for (let i = 0; i < o.orders; i++) {
    const first = rnd.pick(FIRST_NAMES);
    const last = rnd.pick(LAST_NAMES);
    const [city, area] = rnd.pick(TOWNS);
    const lineCount = rnd.pick([1, 1, 2, 2, 2, 3, 3, 4]);
    const products = rnd.sample(CATALOGUE, lineCount) as Product[];
    const paymentRoll = rnd.next();
    const payment = paymentRoll < 0.08 ? 'pending' : paymentRoll < 0.25 ? 'authorized' : 'paid';
    const discounted = rnd.chance(0.15);
    const request: CreateOrderRequest = {
      externalReference: `DEMO-${o.seed}-${String(i + 1).padStart(5, '0')}`,
      channel: rnd.pick(CHANNELS),
      currency: 'GBP',
      customer: {
        id: `cust-${rnd.int(1000, 9999)}`,
        name: `${first} ${last}`,
        email: `${first.toLowerCase()}.${last.toLowerCase().replace(/[^a-z]/g, '')}@example.com`,
      },
      shippingAddress: {
        name: `${first} ${last}`,
        line1: `${rnd.int(1, 220)} ${rnd.pick(STREETS)}`,
        city,
        postalCode: `${area} ${rnd.int(1, 9)}${String.fromCharCode(65 + rnd.int(0, 25))}${String.fromCharCode(65 + rnd.int(0, 25))}`,
        country: 'GB',
      },
      lines: products.map((p) => {
        const quantity = rnd.pick([1, 1, 1, 2, 2, 3]);
        return {
          sku: p.sku,
          barcode: p.barcode,
          name: p.name,
          quantity,
          unitPriceMinor: p.unitPriceMinor,
          taxRateBps: p.taxRateBps,
          discountMinor: discounted ? Math.floor((p.unitPriceMinor * quantity) / 10) : 0,
          metadata: { weightGrams: p.weightGrams },
        };
      }),
      shippingMinor: rnd.pick([0, 395, 495, 695]),
      discountCode: discounted ? 'WELCOME10' : undefined,
      payment: { status: payment, reference: payment === 'pending' ? undefined : `psp_${o.seed}_${i + 1}` },
    };
    const ship = rnd.chance(o.shipShare);
    const fate: OrderFate = !ship ? 'leave' : rnd.chance(o.returnShare) ? 'ship-and-return' : 'ship';
    orders.push({
      createdAt: new Date(now - offsets[i]!).toISOString(),
      fate,
      returnDepth: rnd.pick(['requested', 'authorized', 'received', 'completed', 'completed'] as const),
      returnReason: rnd.pick(RETURN_REASONS),
      request,
    });
  }
  return { warehouses, stock, users, stations, orders };
}

const DEMO_PRINCIPAL: Principal = {
  kind: 'api-key',
  id: '00000000-0000-4000-8000-000000000000',
  name: 'demo generator',
  role: 'admin',
  warehouseId: null,
};
const DEMO_ACTOR: Actor = { kind: 'system', id: 'demo-generator', name: 'demo data generator' };

/**
 * Fills a database with realistic demo data through the real code paths: warehouses with stock,
 * stations (with enrollment codes), people, multi-line orders created and routed by createOrder
 * (some backordered, some split across warehouses, some awaiting payment), some packed and
 * shipped by a station through the sync push, and later some returns. Deterministic from the
 * seed; warehouses that already exist (by code) are reused.
 */
export async function generateDemoData(db: Database, options: DemoOptions = {}): Promise<DemoSummary> {
  const o = { ...DEFAULTS, ...options };
  const plan = planDemo(options);
  const rnd: SeededRandom = seededRandom(o.seed ^ 0x5eed);
  const orderNumberPrefix = options.orderNumberPrefix ?? 'ORD';
  const returnNumberPrefix = options.returnNumberPrefix ?? 'RMA';

  const floor = await setUpFloor(db, plan);
  const counts: DemoSummary['counts'] = {
    orders: 0,
    multiWarehouseOrders: 0,
    backorderedLines: 0,
    pendingPayment: 0,
    shippedFulfillmentOrders: 0,
    returns: 0,
    returnsCompleted: 0,
  };
  const created = await placeOrders(db, plan, orderNumberPrefix, counts);
  // Stock of the backordered SKUs arrives at the other warehouses after the orders were placed
  // (setting stock does not serve the queues): a supervisor can reassign those backorders there.
  for (const w of floor.warehouses.slice(1)) {
    for (const sku of BACKORDERED_SKUS) await db.transaction((tx) => setOnHand(tx, w.id, sku, 25));
  }
  counts.shippedFulfillmentOrders = await shipOrders(db, rnd, created, floor.stations);

  // Later, some customers send things back.
  const ctx = { principal: DEMO_PRINCIPAL, actor: DEMO_ACTOR, returnNumberPrefix, orderNumberPrefix };
  for (const c of created) {
    if (c.fate !== 'ship-and-return' || !c.fos.length) continue;
    counts.returns++;
    if (await sendBack(db, rnd, c, ctx)) counts.returnsCompleted++;
  }

  const orders: DemoSummary['orders'] = [];
  for (const c of created) {
    const [row] = await db.query<{ status: string }>('select status from orders where id = $1', [c.order.id]);
    orders.push({ id: c.order.id, number: c.order.number, status: row!.status, fulfillmentOrders: c.fos.length, backorders: c.backorders });
  }
  return { seed: o.seed, ...floor, orders, counts };
}

/** Warehouses with their stock, stations (with enrollment codes) and people. */
async function setUpFloor(db: Database, plan: DemoPlan): Promise<Pick<DemoSummary, 'warehouses' | 'stations' | 'users'>> {
  const warehouses: DemoSummary['warehouses'] = [];
  for (const w of plan.warehouses) {
    warehouses.push({ id: await ensureWarehouse(db, w), code: w.code, name: w.name });
  }
  const whId = (code: string) => warehouses.find((w) => w.code === code)!.id;

  for (const s of plan.stock) await db.transaction((tx) => setOnHand(tx, whId(s.warehouseCode), s.sku, s.onHand));

  const stations: DemoSummary['stations'] = [];
  for (const s of plan.stations) {
    const st = await createStation(db, { name: s.name, warehouseId: whId(s.warehouseCode), kind: s.kind, codeTtlMinutes: 7 * 24 * 60 });
    stations.push({
      id: st.id,
      name: st.name,
      warehouseId: st.warehouseId,
      warehouseCode: s.warehouseCode,
      enrollmentCode: st.enrollmentCode,
    });
  }

  const users: DemoSummary['users'] = [];
  for (const u of plan.users) {
    const id = crypto.randomUUID();
    const row = {
      id,
      name: u.name,
      role: u.role,
      warehouseId: u.warehouseCode ? whId(u.warehouseCode) : null,
      badgeHash: badgeHash(u.badge),
      pinHash: await hashSecret(u.pin),
    };
    if (await insertUser(db, row, 'skip')) users.push({ id, ...u });
  }
  return { warehouses, stations, users };
}

/** The planned orders, created and routed by createOrder as the web shop's; counted into `counts`. */
async function placeOrders(
  db: Database,
  plan: DemoPlan,
  orderNumberPrefix: string,
  counts: DemoSummary['counts'],
): Promise<CreatedOrder[]> {
  const created: CreatedOrder[] = [];
  for (const p of plan.orders) {
    const { order, routing } = await createOrder(
      db,
      p.request,
      { kind: 'api', id: 'demo-shop', name: 'Demo web shop' },
      { orderNumberPrefix, now: new Date(p.createdAt) },
    );
    const fos = routing?.fulfillmentOrders ?? [];
    const backorders = routing?.backorders.length ?? 0;
    counts.orders++;
    counts.backorderedLines += backorders;
    if (order.paymentStatus === 'pending') counts.pendingPayment++;
    if (new Set(fos.map((f) => f.warehouseId)).size > 1) counts.multiWarehouseOrders++;
    created.push({ order, fos, backorders, fate: p.fate, plan: p });
  }
  return created;
}

/** A station packs and ships each order not left open: the same events a real station pushes after scanning. Answers how many shipped. */
async function shipOrders(db: Database, rnd: SeededRandom, created: CreatedOrder[], stations: DemoSummary['stations']): Promise<number> {
  const packStation = (warehouseId: string) => stations.find((s) => s.warehouseId === warehouseId && s.name.endsWith('pack 1'));
  const seqs = new Map<string, number>();
  let shipped = 0;
  for (const c of created) {
    if (c.fate === 'leave') continue;
    for (const fo of c.fos) {
      const station = packStation(fo.warehouseId);
      if (!station) continue;
      const at = new Date(Date.parse(c.plan.createdAt) + rnd.int(20, 240) * 60_000).toISOString();
      const { events, seq } = shippingEvents(rnd, station, fo, seqs.get(station.id) ?? 0, at);
      seqs.set(station.id, seq);
      const result = await pushEvents(db, { id: station.id, warehouseId: station.warehouseId }, events);
      if (result.outcomes.every((x) => x.outcome === 'applied')) shipped++;
    }
  }
  return shipped;
}

/** An order the demo created, and what happens to it next. */
interface CreatedOrder {
  order: OrderDocument;
  fos: FulfillmentDocument[];
  backorders: number;
  fate: OrderFate;
  plan: DemoPlan['orders'][number];
}

/** The events a station pushes for packing and shipping one fulfillment order in one box, numbered after `lastSeq`. */
function shippingEvents(
  rnd: SeededRandom,
  station: DemoSummary['stations'][number],
  fo: FulfillmentDocument,
  lastSeq: number,
  at: string,
): { events: StationEvent[]; seq: number } {
  let seq = lastSeq;
  const actor: Actor = { kind: 'station', id: station.id, name: station.name };
  const ev = (type: StationEvent['type'], payload: Record<string, unknown>) =>
    ({
      id: crypto.randomUUID(),
      stationId: station.id,
      seq: ++seq,
      type,
      fulfillmentOrderId: fo.id,
      orderId: fo.orderId,
      actor,
      occurredAt: at,
      payload,
    }) as StationEvent;
  const packageId = crypto.randomUUID();
  const events = [
    ev('fulfillment-order-claimed', {}),
    ...fo.lines.map((l) => ev('item-verified', { lineId: l.lineId, barcode: l.barcode ?? l.sku, quantity: l.quantity })),
    ev('package-created', {
      packageId,
      contents: fo.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })),
      weightGrams: fo.lines.reduce((g, l) => g + l.quantity * 300, 150),
    }),
    ev('label-printed', {
      packageId,
      printJobId: crypto.randomUUID(),
      format: 'zpl',
      sscc: null,
      trackingNumber: `JD0002${String(rnd.int(0, 999_999_999)).padStart(12, '0')}`,
      carrier: rnd.pick(['DPD', 'Royal Mail', 'Evri']),
    }),
    ev('package-shipped', { packageId }),
  ];
  return { events, seq };
}

/** A customer sends one unit back; the return goes as far as the plan says. Answers whether it was completed. */
async function sendBack(db: Database, rnd: SeededRandom, c: CreatedOrder, ctx: ReturnActionContext): Promise<boolean> {
  const shippedLines = c.fos.flatMap((f) => f.lines);
  const line = shippedLines[0]!;
  const quantity = 1;
  const condition =
    c.plan.returnReason === 'damaged' || c.plan.returnReason === 'defective' ? 'damaged' : rnd.pick(CONDITION_GRADES.slice(0, 3));
  return db.transaction(async (tx) => {
    let ret = await createReturn(
      tx,
      c.order.id,
      {
        lines: [{ lineId: line.lineId, quantity, reasonCode: c.plan.returnReason }],
        method: 'ship',
        resolution: 'refund',
        authorize: c.plan.returnDepth !== 'requested',
        customerNote: 'Sent back by the demo customer',
      },
      ctx,
    );
    if (c.plan.returnDepth === 'received' || c.plan.returnDepth === 'completed') {
      ret = await receiveReturn(
        tx,
        ret.id,
        { lines: ret.lines.map((l) => ({ returnLineId: l.id, quantity: l.quantity })), final: true },
        ctx,
      );
    }
    if (c.plan.returnDepth === 'completed') {
      ret = await inspectReturn(
        tx,
        ret.id,
        {
          lines: ret.lines.map((l) => ({
            returnLineId: l.id,
            units: Array.from({ length: l.quantity }, () => ({
              condition,
              disposition: condition === 'damaged' ? ('quarantine' as const) : ('restock' as const),
            })),
          })),
        },
        ctx,
      );
      await completeReturn(tx, ret.id, { refundShipping: false }, ctx);
    }
    return c.plan.returnDepth === 'completed';
  });
}
