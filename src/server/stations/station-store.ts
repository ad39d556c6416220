import { toInt, type Queryable } from '../db/database';
import { problems } from '../http/problem';

/** A station said hello: it is seen now; answers the last event sequence the server holds from it. */
export async function recordStationSeen(q: Queryable, stationId: string): Promise<number> {
  const [row] = await q.query<{ last_seq: unknown }>('update stations set last_seen_at = now() where id = $1 returning last_seq', [stationId]);
  return toInt(row?.last_seq);
}

/** The live (not revoked) stations, of one warehouse or of all, by name. */
export function listLiveStations(q: Queryable, warehouseId: string | null) {
  return q.query<{ id: string; name: string; warehouse_id: string; enrolled_at: unknown; last_seen_at: unknown }>(
    `select id, name, warehouse_id, enrolled_at, last_seen_at from stations
      where revoked_at is null and ($1::uuid is null or warehouse_id = $1) order by name, id`,
    [warehouseId],
  );
}

/** A live station of the warehouse: work can only be assigned to a station that can pull it. */
export async function requireStationOf(q: Queryable, stationId: string, warehouseId: string | null): Promise<{ id: string; name: string; warehouseId: string }> {
  const [row] = await q.query<{ id: string; name: string; warehouse_id: string }>('select id, name, warehouse_id from stations where id = $1 and revoked_at is null', [stationId]);
  if (!row) throw problems.notFound(`station ${stationId}`);
  if (warehouseId && row.warehouse_id !== warehouseId) throw problems.unprocessable('station_not_in_warehouse', 'the station belongs to another warehouse');
  return { id: row.id, name: row.name, warehouseId: row.warehouse_id };
}
