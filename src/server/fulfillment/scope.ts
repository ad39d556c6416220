import type { Queryable } from '../db/database';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { requireWarehouse, type Principal } from '../auth/principal';
import { z } from 'zod';
import { parseWith, problems } from '../http/problem';
import { requireFulfillmentOrder } from './fulfillment-store';

/** The fulfillment order, if the principal's warehouse scope reaches it (403 otherwise). */
export async function fulfillmentOrderInScope(q: Queryable, principal: Principal, id: string, forUpdate = false): Promise<FulfillmentDocument> {
  const doc = await requireFulfillmentOrder(q, id, forUpdate);
  requireWarehouse(principal, doc.warehouseId);
  return doc;
}

/** A live station of the warehouse: work can only be assigned to a station that can pull it. */
export async function requireStationOf(q: Queryable, stationId: string, warehouseId: string | null): Promise<{ id: string; name: string; warehouseId: string }> {
  const [row] = await q.query<{ id: string; name: string; warehouse_id: string }>('select id, name, warehouse_id from stations where id = $1 and revoked_at is null', [stationId]);
  if (!row) throw problems.notFound(`station ${stationId}`);
  if (warehouseId && row.warehouse_id !== warehouseId) throw problems.unprocessable('station_not_in_warehouse', 'the station belongs to another warehouse');
  return { id: row.id, name: row.name, warehouseId: row.warehouse_id };
}

/** A uuid path parameter, validated like every other input (400 validation_failed naming it). */
export function uuidParam(value: string, name: string): string {
  return parseWith(z.object({ [name]: z.string().uuid(`${name} must be a UUID`) }), { [name]: value })[name]!;
}
