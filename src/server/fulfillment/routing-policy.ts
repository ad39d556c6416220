import type { Queryable } from '../db/database';
import { DEFAULT_ROUTING_POLICY, type RoutingPolicy, type RoutingStrategy } from '../../shared/domain/routing-plan';

export interface ChannelRouting {
  channel: string;
  policy: RoutingPolicy;
  /** Warehouses tried first for this channel. */
  warehouseOrder: string[];
  updatedAt: string | null;
}

interface Row {
  channel: string;
  strategy: RoutingStrategy;
  warehouse_order: string[];
  prefer_single_warehouse: boolean;
  split_lines: boolean;
  allow_dropship: boolean;
  updated_at: Date | string;
}

function fromRow(r: Row): ChannelRouting {
  return {
    channel: r.channel,
    policy: {
      strategy: r.strategy,
      preferSingleWarehouse: r.prefer_single_warehouse,
      splitLines: r.split_lines,
      allowDropship: r.allow_dropship,
    },
    warehouseOrder: r.warehouse_order,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** The channel's routing policy; channels nobody configured use the default (priority order). */
export async function loadRoutingPolicy(q: Queryable, channel: string): Promise<ChannelRouting> {
  const [row] = await q.query<Row>('select * from channel_routing where channel = $1', [channel]);
  return row ? fromRow(row) : { channel, policy: DEFAULT_ROUTING_POLICY, warehouseOrder: [], updatedAt: null };
}

export async function listRoutingPolicies(q: Queryable): Promise<ChannelRouting[]> {
  return (await q.query<Row>('select * from channel_routing order by channel')).map(fromRow);
}

export async function saveRoutingPolicy(
  tx: Queryable,
  channel: string,
  policy: RoutingPolicy,
  warehouseOrder: readonly string[],
): Promise<ChannelRouting> {
  const [row] = await tx.query<Row>(
    `insert into channel_routing (channel, strategy, warehouse_order, prefer_single_warehouse, split_lines, allow_dropship, updated_at)
     values ($1,$2,$3,$4,$5,$6, now())
     on conflict (channel) do update set strategy = excluded.strategy, warehouse_order = excluded.warehouse_order,
       prefer_single_warehouse = excluded.prefer_single_warehouse, split_lines = excluded.split_lines,
       allow_dropship = excluded.allow_dropship, updated_at = now()
     returning *`,
    [channel, policy.strategy, JSON.stringify(warehouseOrder), policy.preferSingleWarehouse, policy.splitLines, policy.allowDropship],
  );
  return fromRow(row!);
}
