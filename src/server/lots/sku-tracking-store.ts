import type { Queryable } from '../db/database';
import { toIso } from '../db/database';
import type { TrackingMode } from '../../shared/domain/unit-tracking';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';

/**
 * The per-SKU tracking flag (table sku_tracking; no row: not tracked). Stations learn it from the
 * fulfillment lines they replicate: a new fulfillment order is stamped when it is stored, and a
 * changed flag is stamped on the orders still being worked, which replicate again.
 */
export interface SkuTracking {
  sku: string;
  tracking: TrackingMode;
  updatedAt: string | null;
}

export async function readTracking(q: Queryable, skus: readonly string[]): Promise<Map<string, Exclude<TrackingMode, 'none'>>> {
  const unique = [...new Set(skus)];
  if (!unique.length) return new Map();
  const rows = await q.query<{ sku: string; tracking: 'lot' | 'serial' }>(
    'select sku, tracking from sku_tracking where sku = any($1::text[])',
    [unique],
  );
  return new Map(rows.map((r) => [r.sku, r.tracking]));
}

/** Writes a SKU's flag (none removes its row). */
export async function writeSkuTracking(tx: Queryable, sku: string, mode: TrackingMode): Promise<void> {
  if (mode === 'none') await tx.query('delete from sku_tracking where sku = $1', [sku]);
  else
    await tx.query(
      `insert into sku_tracking (sku, tracking) values ($1, $2)
       on conflict (sku) do update set tracking = excluded.tracking, updated_at = now()`,
      [sku, mode],
    );
}

export async function getSkuTracking(q: Queryable, sku: string): Promise<SkuTracking> {
  const [row] = await q.query<{ tracking: 'lot' | 'serial'; updated_at: unknown }>(
    'select tracking, updated_at from sku_tracking where sku = $1',
    [sku],
  );
  return { sku, tracking: row?.tracking ?? 'none', updatedAt: row ? toIso(row.updated_at) : null };
}

/** New documents with each line's flag: only tracked SKUs get the field, so untracked lines stay as they always were. */
export async function stampTracking(q: Queryable, docs: readonly FulfillmentDocument[]): Promise<FulfillmentDocument[]> {
  const flags = await readTracking(
    q,
    docs.flatMap((d) => d.lines.map((l) => l.sku)),
  );
  if (!flags.size) return [...docs];
  return docs.map((d) => ({ ...d, lines: d.lines.map((l) => withFlag(l, flags.get(l.sku) ?? 'none')) }));
}

export function withFlag<L extends { tracking?: TrackingMode | null }>(line: L, mode: TrackingMode): L {
  if (mode !== 'none') return { ...line, tracking: mode };
  if (line.tracking === undefined) return line;
  const { tracking: _dropped, ...rest } = line;
  return rest as L;
}
