import { Settings, type SettingsView } from '../../shared/api/settings';
import type { Actor } from '../../shared/events/station-events';
import type { Queryable } from '../db/database';
import { toIso } from '../db/database';
import type { Row } from '../db/schema';
import { etagOf } from '../http/etag';
import { Problem } from '../http/problem';

/**
 * The one writer of the settings table, and the one way any part of the server reads the
 * settings: `readSettings(q).settings` is the typed document, with the defaults of every section
 * the stored document does not name yet.
 */
export async function readSettings(q: Queryable, forUpdate = false): Promise<SettingsView> {
  const [row] = await q.query<Row<'settings'>>(`select * from settings where id = 1${forUpdate ? ' for update' : ''}`);
  if (!row) throw new Error('the settings row is missing (migration 0015)');
  return {
    // A document written by an older server lacks newer sections; parsing fills their defaults.
    settings: Settings.parse(row.doc ?? {}),
    version: row.version,
    updatedAt: row.updated_by ? toIso(row.updated_at) : null,
    updatedBy: (row.updated_by as Record<string, unknown> | null) ?? null,
  };
}

/**
 * Replaces the settings if they are still at one of the `expected` versions (409 version_mismatch
 * with the current version otherwise): the row lock makes a concurrent save wait, then see the new version.
 */
export async function replaceSettings(tx: Queryable, next: Settings, expected: readonly number[], actor: Actor): Promise<SettingsView> {
  const current = await readSettings(tx, true);
  if (!expected.includes(current.version)) {
    throw new Problem(
      409,
      'version_mismatch',
      'Conflict',
      `the settings are at version ${current.version}, not ${expected.join(' or ')}; reload them and retry`,
      { currentVersion: current.version, etag: etagOf(current.version) },
    );
  }
  await tx.query('update settings set doc = $1, version = version + 1, updated_by = $2, updated_at = now() where id = 1', [
    JSON.stringify(next),
    JSON.stringify(actor),
  ]);
  return readSettings(tx);
}
