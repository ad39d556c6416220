import type { FastifyInstance } from 'fastify';
import { ROLES_BY_EVENT } from '../../shared/domain/user-roles';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import {
  ClaimLeaseRequest,
  GrantedLease,
  RenewLeasesResponse,
  TakeLeasesRequest,
  TakeLeasesResponse,
} from '../../shared/sync/lease-protocol';
import type { Principal } from '../auth/principal';
import { retryingTransaction } from '../db/retrying-transaction';
import { defineRoute } from '../http/define-route';
import { actorOf, type RouteContext } from '../http/route-context';
import { answers } from '../openapi/responses';
import { leasePolicyOf } from './lease-policy';
import { claimForStation, heldCount, renewLeases, takeFromPool, type LeaseStation } from './lease-store';

const TAG = ['Assigned work'];
/** The station itself, or a person signed in at it who may claim packing work (the rule a pushed claim is held to). */
const HOLDERS = { roles: ['station', ...ROLES_BY_EVENT['fulfillment-order-claimed']], scope: 'at-station' } as const;

type AtStation = Extract<Principal, { kind: 'station' | 'station-user' }>;
const stationOf = (p: AtStation): LeaseStation =>
  p.kind === 'station'
    ? { id: p.id, name: p.name, warehouseId: p.warehouseId }
    : { id: p.stationId, name: p.stationName, warehouseId: p.warehouseId };

/**
 * Assigned work, for enrolled stations (the station is the one in the credential; a person
 * signed in there, named by Dockside-Acting-User, is recorded as the actor): claim one order to
 * pack it now, take a batch ahead, renew what the station holds. The sweep that returns lapsed
 * holds to the pool runs with the other background work (background/background-work.ts).
 */
export function leaseRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { db } = ctx;
  const policy = leasePolicyOf(ctx.config);

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/sync/leases/claim',
      operationId: 'claimLease',
      tags: TAG,
      ...HOLDERS,
      body: ClaimLeaseRequest,
      summary:
        'A station takes one fulfillment order of its warehouse to pack it now; exactly one of several stations asking at once gets it, the others are told who has it (holder)',
      responses: answers(
        'POST',
        { description: 'the order is held by this station until expiresAt (renewed while online)', schema: GrantedLease },
        {
          refusals:
            'fulfillment_order_in_progress_elsewhere (with holder), fulfillment_order_on_hold, fulfillment_order_parcel_unsettled (a parcel shipped offline waits for a supervisor), fulfillment_order_closed, fulfillment_order_cancelled',
        },
      ),
    },
    async ({ principal, body: { fulfillmentOrderId } }): Promise<GrantedLease> =>
      grantedOf(
        await retryingTransaction(db, (tx) => claimForStation(tx, stationOf(principal), fulfillmentOrderId, actorOf(principal), policy)),
      ),
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/sync/leases/take',
      operationId: 'takeLeases',
      tags: TAG,
      ...HOLDERS,
      body: TakeLeasesRequest,
      summary: "A station takes up to count orders from its warehouse's pool, oldest first, to pack them offline",
      responses: answers('POST', {
        description: 'the orders taken (fewer when the pool ran short) and how many this station holds',
        schema: TakeLeasesResponse,
      }),
    },
    async ({ principal, body: { count } }): Promise<TakeLeasesResponse> => {
      const station = stationOf(principal);
      return retryingTransaction(db, async (tx) => {
        const taken = await takeFromPool(tx, station, count, actorOf(principal), policy);
        return { taken: taken.map(grantedOf), held: await heldCount(tx, station.id) };
      });
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/sync/leases/renew',
      operationId: 'renewLeases',
      tags: TAG,
      ...HOLDERS,
      summary: 'The station renews its holds with less than half their term (or 30 min) left: each lasts the full term again',
      responses: answers('POST', {
        description: 'how many holds were renewed, and their new expiry (null when none was renewed)',
        schema: RenewLeasesResponse,
      }),
    },
    async ({ principal }): Promise<RenewLeasesResponse> => retryingTransaction(db, (tx) => renewLeases(tx, stationOf(principal), policy)),
  );
}

function grantedOf(doc: FulfillmentDocument): GrantedLease {
  return {
    fulfillmentOrderId: doc.id,
    orderNumber: doc.orderNumber,
    stationId: doc.claimedBy!,
    stationName: doc.lease!.stationName,
    expiresAt: doc.lease!.expiresAt,
  };
}
