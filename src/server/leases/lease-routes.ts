import type { FastifyInstance, FastifyRequest } from 'fastify';
import { mayRecord } from '../../shared/domain/user-roles';
import type { Actor } from '../../shared/events/station-events';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { ClaimLeaseRequest, TakeLeasesRequest, type GrantedLease, type RenewLeasesResponse, type TakeLeasesResponse } from '../../shared/sync/lease-protocol';
import { retryingTransaction } from '../db/retrying-transaction';
import { Problem, parseWith, problems } from '../http/problem';
import { describeHandRegistered } from '../openapi/catalog';
import { actorOf, type RouteContext } from '../http/route-context';
import { leasePolicyOf } from './lease-policy';
import { leaseSpecs } from './lease-openapi';
import { claimForStation, heldCount, renewLeases, takeFromPool, type LeaseStation } from './lease-store';

/**
 * Assigned work, for enrolled stations (the station is the one in the credential; a person
 * signed in there, named by Dockside-Acting-User, is recorded as the actor): claim one order to
 * pack it now, take a batch ahead, renew what the station holds. The sweep that returns lapsed
 * holds to the pool runs with the other background work (background/background-work.ts).
 */
export function leaseRoutes(app: FastifyInstance, { db, auth, config }: RouteContext): void {
  const policy = leasePolicyOf(config);
  for (const spec of leaseSpecs) describeHandRegistered(app, spec);

  async function holdingStation(request: FastifyRequest): Promise<{ station: LeaseStation; actor: Actor }> {
    const principal = await auth.authenticate(request);
    if (principal.kind === 'station') return { station: { id: principal.id, name: principal.name, warehouseId: principal.warehouseId }, actor: actorOf(principal) };
    if (principal.kind === 'station-user') {
      if (!mayRecord(principal.role, 'fulfillment-order-claimed')) {
        throw new Problem(403, 'actor_not_authorized', 'Not allowed', `${principal.name} is a ${principal.role} and does not pack orders`);
      }
      return { station: { id: principal.stationId, name: principal.stationName, warehouseId: principal.warehouseId }, actor: actorOf(principal) };
    }
    throw problems.forbidden('leases are held by enrolled stations');
  }

  app.post('/v1/sync/leases/claim', async (request): Promise<GrantedLease> => {
    const { station, actor } = await holdingStation(request);
    const { fulfillmentOrderId } = parseWith(ClaimLeaseRequest, request.body);
    return grantedOf(await retryingTransaction(db, (tx) => claimForStation(tx, station, fulfillmentOrderId, actor, policy)));
  });

  app.post('/v1/sync/leases/take', async (request): Promise<TakeLeasesResponse> => {
    const { station, actor } = await holdingStation(request);
    const { count } = parseWith(TakeLeasesRequest, request.body);
    return retryingTransaction(db, async (tx) => {
      const taken = await takeFromPool(tx, station, count, actor, policy);
      return { taken: taken.map(grantedOf), held: await heldCount(tx, station.id) };
    });
  });

  app.post('/v1/sync/leases/renew', async (request): Promise<RenewLeasesResponse> => {
    const { station } = await holdingStation(request);
    return retryingTransaction(db, (tx) => renewLeases(tx, station, policy));
  });
}

function grantedOf(doc: FulfillmentDocument): GrantedLease {
  return { fulfillmentOrderId: doc.id, orderNumber: doc.orderNumber, stationId: doc.claimedBy!, stationName: doc.lease!.stationName, expiresAt: doc.lease!.expiresAt };
}
