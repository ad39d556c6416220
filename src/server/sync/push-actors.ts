import type { Queryable } from '../db/database';
import type { Actor, StationEvent } from '../../shared/events/station-events';
import { mayRecord, type UserRole } from '../../shared/domain/user-roles';

/**
 * Who may have done what a station pushes (docs/architecture.md, Security: the server checks role and
 * warehouse scope on every pushed event).
 *
 * - A station speaks only for itself: a 'station' actor must be the pushing station.
 * - A 'user' actor must be a known user. Stations sign people in only from the synced list, so an
 *   id the server has never issued is a forged or corrupted event.
 * - A known user who may not do this here (deactivated, moved to another warehouse, or a role that
 *   may not do this kind of work) is not refused: the work happened physically, typically while
 *   the station was offline with an older list. It is recorded as conflicted for a supervisor.
 * - Nothing else ('system', 'api', 'webhook') is a station's to claim.
 */

export interface ActorUser {
  id: string;
  name: string;
  role: UserRole;
  warehouse_id: string | null;
  active: boolean;
}

export type ActorVerdict =
  /** Recorded with `actor` (for users, carrying the server's name for them). */
  | { verdict: 'allowed'; actor: Actor }
  | { verdict: 'rejected'; code: 'actor_not_allowed' | 'unknown_actor'; message: string }
  /** Applied like an allowed event, but recorded as conflicted with code actor_not_authorized. */
  | { verdict: 'not_authorized'; actor: Actor; user: ActorUser; reasons: string[]; message: string };

export const ACTOR_NOT_AUTHORIZED = 'actor_not_authorized';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The users named by these events, in one query (none when no event names a user). */
export async function loadActorUsers(tx: Queryable, events: readonly StationEvent[]): Promise<Map<string, ActorUser>> {
  const ids = [...new Set(events.filter((e) => e.actor.kind === 'user' && UUID.test(e.actor.id)).map((e) => e.actor.id.toLowerCase()))];
  if (!ids.length) return new Map();
  const rows = await tx.query<ActorUser>('select id, name, role, warehouse_id, active from users where id = any($1::uuid[])', [ids]);
  return new Map(rows.map((r) => [r.id.toLowerCase(), r]));
}

export function checkActor(
  event: StationEvent,
  stationId: string,
  warehouseId: string,
  users: ReadonlyMap<string, ActorUser>,
): ActorVerdict {
  const { actor } = event;
  switch (actor.kind) {
    case 'station':
      // stationId in an actor is the server's note of where a person acted online; a station does not set it.
      if (actor.id === stationId)
        return { verdict: 'allowed', actor: { kind: 'station', id: actor.id, ...(actor.name === undefined ? {} : { name: actor.name }) } };
      return { verdict: 'rejected', code: 'actor_not_allowed', message: 'a station records events only in its own name' };
    case 'user': {
      const user = UUID.test(actor.id) ? users.get(actor.id.toLowerCase()) : undefined;
      if (!user) return { verdict: 'rejected', code: 'unknown_actor', message: `no user ${actor.id}` };
      // The timeline names people as the server knows them, not as the station spelled them.
      const recorded: Actor = { kind: 'user', id: user.id, name: user.name };
      const reasons: string[] = [];
      if (!user.active) reasons.push('the user is deactivated');
      if (user.warehouse_id !== null && user.warehouse_id !== warehouseId) reasons.push('the user works at another warehouse');
      if (!mayRecord(user.role, event.type)) reasons.push(`the ${user.role} role may not record ${event.type}`);
      if (!reasons.length) return { verdict: 'allowed', actor: recorded };
      return {
        verdict: 'not_authorized',
        actor: recorded,
        user,
        reasons,
        message: `${user.name} may not do this here: ${reasons.join('; ')}`,
      };
    }
    default:
      return { verdict: 'rejected', code: 'actor_not_allowed', message: `a station cannot record events as ${actor.kind}` };
  }
}
