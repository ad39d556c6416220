import { z } from 'zod';
import type { Database } from '../db/database';
import { toIso } from '../db/database';
import { formatCredential, hashSecret, randomSecret } from '../auth/secrets';
import { problems } from '../http/problem';
import { notifyCredentialChange } from '../sync/change-hub';
import { newEnrollmentCode } from './station-enrollment';

export const ReissueEnrollmentRequest = z.object({
  codeTtlMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(60),
});

/**
 * Revokes a station: its credential is refused (credential_revoked) on every server process
 * within a moment and its live stream is closed. Its events stay at the station for an admin to
 * recover; re-enrolling it (reissueEnrollmentCode) brings it back under the same id and seqs.
 */
export async function revokeStation(db: Database, id: string) {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: string; name: string; revoked_at: unknown }>(
      // An unused enrollment code goes too: only a code issued after this can bring the station back.
      'update stations set revoked_at = coalesce(revoked_at, now()), enrollment_code_hash = null, enrollment_expires_at = null where id = $1 returning id, name, revoked_at',
      [id],
    );
    if (!row) throw problems.notFound(`station ${id}`);
    await notifyCredentialChange(tx, { kind: 'station', id });
    return { id: row.id, name: row.name, revokedAt: toIso(row.revoked_at) };
  });
}

/** A new credential for an enrolled station (shown once); the one it replaces is refused as revoked. */
export async function rotateStationCredential(db: Database, id: string) {
  const secret = randomSecret(32);
  const hash = await hashSecret(secret);
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: string; name: string; credential_hash: string | null; revoked_at: unknown }>(
      'select id, name, credential_hash, revoked_at from stations where id = $1 for update',
      [id],
    );
    if (!row) throw problems.notFound(`station ${id}`);
    if (row.revoked_at)
      throw problems.conflict('station_revoked', 'this station is revoked: re-enrol it with a new enrollment code instead');
    if (!row.credential_hash)
      throw problems.conflict('station_not_enrolled', 'this station has not enrolled yet: it has no credential to rotate');
    await tx.query(
      'update stations set retired_credential_hash = credential_hash, credential_hash = $2, credential_replaced_at = now() where id = $1',
      [id, hash],
    );
    await notifyCredentialChange(tx, { kind: 'station', id });
    return { stationId: id, stationName: row.name, credential: formatCredential('st', id, secret) };
  });
}

/**
 * A new one-time enrollment code for an existing station (a revoked one too). Until it is used
 * nothing changes; enrolling with it replaces the credential and lifts the revocation.
 */
export async function reissueEnrollmentCode(db: Database, id: string, input: z.output<typeof ReissueEnrollmentRequest>) {
  const { code, secretHash } = await newEnrollmentCode(id);
  const [row] = await db.query<{ id: string; name: string; warehouse_id: string }>(
    `update stations set enrollment_code_hash = $2, enrollment_expires_at = now() + make_interval(mins => $3) where id = $1 returning id, name, warehouse_id`,
    [id, secretHash, input.codeTtlMinutes],
  );
  if (!row) throw problems.notFound(`station ${id}`);
  return { id: row.id, name: row.name, warehouseId: row.warehouse_id, enrollmentCode: code };
}
