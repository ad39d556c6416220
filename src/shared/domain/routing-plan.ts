/**
 * Order routing as a pure decision (docs/architecture.md, Domain: fulfillment order): each line is allocated from a warehouse with
 * stock, else from a dropship supplier that carries it, else it waits as a backorder. The
 * server reads stock under lock, asks this function for a plan, then applies it.
 */
export const ROUTING_STRATEGIES = ['priority', 'most_stock'] as const;
export type RoutingStrategy = (typeof ROUTING_STRATEGIES)[number];

export interface RoutingPolicy {
  /** priority: the channel's warehouse ranking; most_stock: the warehouse with the most available units. */
  strategy: RoutingStrategy;
  /** Ship the whole order from one warehouse when one can, to avoid split shipments. */
  preferSingleWarehouse: boolean;
  /** When no single source has a line's quantity, ship what is in stock now and backorder the rest. */
  splitLines: boolean;
  allowDropship: boolean;
}

export const DEFAULT_ROUTING_POLICY: RoutingPolicy = {
  strategy: 'priority',
  preferSingleWarehouse: true,
  splitLines: true,
  allowDropship: true,
};

export interface PlanLine {
  lineId: string;
  sku: string;
  quantity: number;
}

/** A warehouse in the channel's ranking order (index 0 first). */
export interface RankedWarehouse {
  id: string;
}

export interface DropshipOffer {
  supplierId: string;
  /** The supplier's fulfillment location. */
  warehouseId: string;
  sku: string;
  /** null: the supplier does not report stock and accepts any quantity. */
  available: number | null;
  priority: number;
  leadTimeDays: number;
}

export interface PlannedAllocation {
  lineId: string;
  sku: string;
  warehouseId: string;
  quantity: number;
  source: 'warehouse' | 'dropship';
  supplierId: string | null;
}

export interface RoutingPlan {
  allocations: PlannedAllocation[];
  backorders: { lineId: string; sku: string; quantity: number }[];
}

/** available[warehouseId][sku] = on hand minus reserved. */
export type StockMap = Record<string, Record<string, number>>;

export function planRouting(
  lines: readonly PlanLine[],
  warehouses: readonly RankedWarehouse[],
  stock: StockMap,
  offers: readonly DropshipOffer[],
  policy: RoutingPolicy,
): RoutingPlan {
  const available: StockMap = structuredClone(stock);
  const left = (w: string, sku: string) => available[w]?.[sku] ?? 0;
  const take = (w: string, sku: string, n: number) => {
    available[w] = { ...(available[w] ?? {}), [sku]: left(w, sku) - n };
  };
  const plan: RoutingPlan = { allocations: [], backorders: [] };
  const fromWarehouse = (line: PlanLine, warehouseId: string, quantity: number) => {
    take(warehouseId, line.sku, quantity);
    plan.allocations.push({ lineId: line.lineId, sku: line.sku, warehouseId, quantity, source: 'warehouse', supplierId: null });
  };

  if (policy.preferSingleWarehouse && lines.length > 1) {
    const single = singleWarehouse(lines, warehouses, available, policy.strategy);
    if (single) {
      for (const line of lines) fromWarehouse(line, single, line.quantity);
      return plan;
    }
  }

  const supplierUse = new Map<string, number>();
  const dropshipFor = (sku: string, quantity: number) =>
    policy.allowDropship
      ? offers
          .filter(
            (o) => o.sku === sku && (o.available === null || o.available - (supplierUse.get(`${o.supplierId}:${sku}`) ?? 0) >= quantity),
          )
          .sort((a, b) => a.priority - b.priority || a.leadTimeDays - b.leadTimeDays || a.supplierId.localeCompare(b.supplierId))[0]
      : undefined;
  const fromSupplier = (line: PlanLine, offer: DropshipOffer, quantity: number) => {
    const key = `${offer.supplierId}:${line.sku}`;
    supplierUse.set(key, (supplierUse.get(key) ?? 0) + quantity);
    plan.allocations.push({
      lineId: line.lineId,
      sku: line.sku,
      warehouseId: offer.warehouseId,
      quantity,
      source: 'dropship',
      supplierId: offer.supplierId,
    });
  };

  for (const line of lines) {
    const candidates = rankFor(line.sku, warehouses, available, policy.strategy);
    const whole = candidates.find((w) => left(w, line.sku) >= line.quantity);
    if (whole) {
      fromWarehouse(line, whole, line.quantity);
      continue;
    }
    const offer = dropshipFor(line.sku, line.quantity);
    if (offer) {
      fromSupplier(line, offer, line.quantity);
      continue;
    }
    let remaining = line.quantity;
    if (policy.splitLines) {
      for (const w of candidates) {
        const n = Math.min(remaining, left(w, line.sku));
        if (n <= 0) continue;
        fromWarehouse(line, w, n);
        remaining -= n;
        if (remaining === 0) break;
      }
      const rest = remaining > 0 ? dropshipFor(line.sku, remaining) : undefined;
      if (rest) {
        fromSupplier(line, rest, remaining);
        remaining = 0;
      }
    }
    if (remaining > 0) plan.backorders.push({ lineId: line.lineId, sku: line.sku, quantity: remaining });
  }
  return plan;
}

/** Warehouses in the order the strategy tries them for one SKU. Ties keep the channel ranking. */
function rankFor(sku: string, warehouses: readonly RankedWarehouse[], available: StockMap, strategy: RoutingStrategy): string[] {
  const ids = warehouses.map((w) => w.id);
  if (strategy === 'priority') return ids;
  return ids
    .map((id, rank) => ({ id, rank, n: available[id]?.[sku] ?? 0 }))
    .sort((a, b) => b.n - a.n || a.rank - b.rank)
    .map((x) => x.id);
}

function singleWarehouse(
  lines: readonly PlanLine[],
  warehouses: readonly RankedWarehouse[],
  available: StockMap,
  strategy: RoutingStrategy,
): string | null {
  const need = new Map<string, number>();
  for (const l of lines) need.set(l.sku, (need.get(l.sku) ?? 0) + l.quantity);
  const able = warehouses
    .map((w, rank) => ({ id: w.id, rank, total: [...need.keys()].reduce((n, sku) => n + (available[w.id]?.[sku] ?? 0), 0) }))
    .filter((w) => [...need].every(([sku, q]) => (available[w.id]?.[sku] ?? 0) >= q));
  if (!able.length) return null;
  if (strategy === 'most_stock') able.sort((a, b) => b.total - a.total || a.rank - b.rank);
  return able[0]!.id;
}
