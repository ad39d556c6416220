import { z } from 'zod';
import type { Database } from '../db/database';
import { formatCredential, hashSecret, randomSecret, verifySecret } from '../auth/secrets';
import { problems } from '../http/problem';
import { StationKind } from '../../shared/api/stations';
import { insertStation, storeStationCredential } from './station-store';
import { notifyCredentialChange } from '../sync/change-hub';

export const CreateStationRequest = z.object({
  name: z.string().trim().min(1).max(100),
  warehouseId: z.string().uuid(),
  /** A packing station (the default) is offered as the target of a move; a returns desk is not. */
  kind: StationKind.default('packing'),
  /** How long the one-time enrollment code stays valid. */
  codeTtlMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(60),
});

export const EnrollStationRequest = z.object({ code: z.string().trim().min(6).max(64) });

/** A station is registered by an admin, who gets a one-time code; the station trades it for its credential. */
export async function createStation(db: Database, input: z.output<typeof CreateStationRequest>) {
  const [wh] = await db.query<{ id: string }>('select id from warehouses where id = $1', [input.warehouseId]);
  if (!wh) throw problems.notFound(`warehouse ${input.warehouseId}`);
  const id = crypto.randomUUID();
  const { code, secretHash } = await newEnrollmentCode(id);
  await insertStation(db, {
    id,
    name: input.name,
    warehouseId: input.warehouseId,
    kind: input.kind,
    enrollmentCodeHash: secretHash,
    codeTtlMinutes: input.codeTtlMinutes,
  });
  return { id, name: input.name, warehouseId: input.warehouseId, kind: input.kind, enrollmentCode: code };
}

/** The code names the station (so enrollment can find its hash) and carries a random secret. */
export async function newEnrollmentCode(stationId: string): Promise<{ code: string; secretHash: string }> {
  const secret = randomSecret(9);
  return { code: `${stationId.slice(0, 8)}-${secret}`, secretHash: await hashSecret(secret) };
}

/**
 * Trades a one-time code for the station's credential. A code an admin reissued for an enrolled
 * or revoked station re-enrols it: same id and seqs, a new credential, the old one refused as revoked.
 */
export async function enrollStation(db: Database, { code }: z.output<typeof EnrollStationRequest>) {
  const invalid = () =>
    problems.unprocessable('enrollment_code_invalid', 'the enrollment code is unknown, used or expired; ask an admin for a new one');
  const m = /^([0-9a-f]{8})-([A-Za-z0-9_-]+)$/.exec(code);
  if (!m) throw invalid();
  const candidates = await db.query<{
    id: string;
    name: string;
    warehouse_id: string;
    warehouse_name: string;
    enrollment_code_hash: string;
  }>(
    `select s.id, s.name, s.warehouse_id, w.name as warehouse_name, s.enrollment_code_hash from stations s join warehouses w on w.id = s.warehouse_id
      where s.id::text like $1 and s.enrollment_code_hash is not null and s.enrollment_expires_at > now()`,
    [`${m[1]}%`],
  );
  for (const c of candidates) {
    if (!(await verifySecret(m[2]!, c.enrollment_code_hash))) continue;
    const secret = randomSecret(32);
    // One-time: the code hash is cleared in the same statement that stores the credential.
    const hash = await hashSecret(secret);
    const stored = await db.transaction(async (tx) => {
      const ok = await storeStationCredential(tx, c.id, hash, c.enrollment_code_hash);
      if (ok) await notifyCredentialChange(tx, { kind: 'station', id: c.id });
      return ok;
    });
    if (!stored) throw invalid();
    return {
      stationId: c.id,
      stationName: c.name,
      warehouseId: c.warehouse_id,
      warehouseName: c.warehouse_name,
      credential: formatCredential('st', c.id, secret),
    };
  }
  throw invalid();
}
