import { toInt, type Queryable } from '../db/database';
import { stationPacks, type StationKind } from '../../shared/api/stations';
import { problems } from '../http/problem';

/** The live (not revoked) stations, of one warehouse or of all, by name. */
export function listLiveStations(q: Queryable, warehouseId: string | null) {
  return q.query<{ id: string; name: string; warehouse_id: string; kind: StationKind; enrolled_at: unknown; last_seen_at: unknown }>(
    `select id, name, warehouse_id, kind, enrolled_at, last_seen_at from stations
      where revoked_at is null and ($1::uuid is null or warehouse_id = $1) order by name, id`,
    [warehouseId],
  );
}

/** A live station of the warehouse: work can only be assigned to a station that can pull it. */
export async function requireStationOf(
  q: Queryable,
  stationId: string,
  warehouseId: string | null,
): Promise<{ id: string; name: string; warehouseId: string; kind: StationKind }> {
  const [row] = await q.query<{ id: string; name: string; warehouse_id: string; kind: StationKind }>(
    'select id, name, warehouse_id, kind from stations where id = $1 and revoked_at is null',
    [stationId],
  );
  if (!row) throw problems.notFound(`station ${stationId}`);
  if (warehouseId && row.warehouse_id !== warehouseId)
    throw problems.unprocessable('station_not_in_warehouse', 'the station belongs to another warehouse');
  return { id: row.id, name: row.name, warehouseId: row.warehouse_id, kind: row.kind };
}

/** A live station of the warehouse that packs: a supervisor's move or assignment never sends orders to a returns desk. */
export async function requirePackingStation(q: Queryable, stationId: string, warehouseId: string | null) {
  const station = await requireStationOf(q, stationId, warehouseId);
  if (!stationPacks(station.kind))
    throw problems.unprocessable(
      'station_does_not_pack',
      `${station.name} is a returns desk and packs no orders: choose a packing station`,
    );
  return station;
}

/** The stations table's writer: registration, enrollment, and what a station last did. */
export async function insertStation(
  q: Queryable,
  station: { id: string; name: string; warehouseId: string; kind: StationKind; enrollmentCodeHash: string; codeTtlMinutes: number },
): Promise<void> {
  await q.query(
    `insert into stations (id, name, warehouse_id, kind, enrollment_code_hash, enrollment_expires_at) values ($1,$2,$3,$4,$5, now() + make_interval(mins => $6))`,
    [station.id, station.name, station.warehouseId, station.kind, station.enrollmentCodeHash, station.codeTtlMinutes],
  );
}

/** Stores the credential (re-enrolment lifts a revocation; the replaced secret is kept to refuse it by name) and clears the one-time code in one statement; false when the code was used meanwhile. */
export async function storeStationCredential(
  q: Queryable,
  stationId: string,
  credentialHash: string,
  enrollmentCodeHash: string,
): Promise<boolean> {
  const updated = await q.query(
    `update stations set credential_hash = $2, enrollment_code_hash = null, enrollment_expires_at = null, enrolled_at = now(), revoked_at = null,
        retired_credential_hash = coalesce(credential_hash, retired_credential_hash), credential_replaced_at = case when credential_hash is null then credential_replaced_at else now() end
      where id = $1 and enrollment_code_hash = $3 returning id`,
    [stationId, credentialHash, enrollmentCodeHash],
  );
  return updated.length > 0;
}

/**
 * The station was seen now and has had events up to `recordedSeq` recorded (0: none new).
 * Returns its last seq: the highest it has ever had recorded.
 */
export async function recordStationSeen(q: Queryable, stationId: string, recordedSeq = 0): Promise<number> {
  const [row] = await q.query<{ last_seq: unknown }>(
    'update stations set last_seq = greatest(last_seq, $2), last_seen_at = now() where id = $1 returning last_seq',
    [stationId, recordedSeq],
  );
  return toInt(row?.last_seq);
}
