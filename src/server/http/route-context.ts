import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../shared/events/station-events';
import type { Authenticator, Principal } from '../auth/principal';
import type { Database } from '../db/database';
import type { ChangeHub } from '../sync/change-hub';
import type { ServerConfig } from '../config';

/** What every route module gets. */
export interface RouteContext {
  db: Database;
  auth: Authenticator;
  changes: ChangeHub;
  config: ServerConfig;
}

export function actorOf(principal: Principal, request?: FastifyRequest): Actor {
  const onBehalf = request?.headers['x-dockside-user'];
  if (principal.kind === 'station') return { kind: 'station', id: principal.id, name: principal.name };
  // A person acting through a station: recorded as themselves, with the station (appendTimeline fills station_id from it).
  if (principal.kind === 'station-user') return { kind: 'user', id: principal.id, name: principal.name, stationId: principal.stationId };
  return { kind: 'api', id: principal.id, name: typeof onBehalf === 'string' ? `${principal.name} for ${onBehalf}` : principal.name };
}
