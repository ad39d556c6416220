import type { Queryable } from '../db/database';
import { Problem } from '../http/problem';
import type { UserRole } from '../../shared/domain/user-roles';

/**
 * A station acting for the person signed in at it.
 *
 * Trust model. The station sends its own credential plus `Dockside-Acting-User: <user id>`; it
 * has already checked that person's PIN or badge against the hashed list it syncs. The server
 * does not re-check the PIN: it trusts the enrolled station for *who* is at it, and decides
 * everything else itself from the users table, on every request (no cache, so a deactivation
 * takes effect at once): the user must exist, be active, and belong to the station's warehouse
 * or to none; the role is theirs, except that an admin acts as a supervisor (people and keys
 * are not managed from a station); the warehouse scope is always the station's.
 *
 * Why not exchange the PIN for a server session: the station must verify PINs offline, so it
 * already holds every scrypt hash of its warehouse's 4-8 digit PINs. Whoever holds a stolen
 * station credential can fetch that list and recover PINs offline, so a server-side PIN check
 * would add a round trip and a session store without raising the bar much. What bounds a stolen
 * credential instead: it reaches only its own warehouse, never with more than supervisor rights,
 * is revocable per station, and everything done this way names both the person and the station
 * on the timeline.
 */
export interface ActingUser {
  id: string;
  name: string;
  role: Exclude<UserRole, 'admin'>;
}

export async function resolveActingUser(db: Queryable, stationWarehouseId: string, userId: string): Promise<ActingUser> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(userId)) {
    throw actingUserRefused('acting_user_unknown', 'the acting user header must be a user id (UUID)');
  }
  const [row] = await db.query<{ id: string; name: string; role: UserRole; warehouse_id: string | null; active: boolean }>(
    'select id, name, role, warehouse_id, active from users where id = $1',
    [userId],
  );
  if (!row) throw actingUserRefused('acting_user_unknown', `no user ${userId}`);
  if (!row.active) throw actingUserRefused('acting_user_inactive', `${row.name} is deactivated`);
  if (row.warehouse_id && row.warehouse_id !== stationWarehouseId) {
    throw actingUserRefused('acting_user_out_of_scope', `${row.name} works in another warehouse than this station`);
  }
  return { id: row.id, name: row.name, role: row.role === 'admin' ? 'supervisor' : row.role };
}

const actingUserRefused = (code: string, detail: string) => new Problem(403, code, 'Not allowed', detail);
