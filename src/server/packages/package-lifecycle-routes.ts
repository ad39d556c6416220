import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { LabelPackageRequest, TrackingUpdateRequest, VoidPackageRequest } from '../../shared/api/fulfillment';
import type { Queryable } from '../db/database';
import type { Principal } from '../auth/principal';
import { defineRoute } from '../http/define-route';
import { IdParams } from '../http/params';
import { answers } from '../openapi/responses';
import { actorOf, type RouteContext } from '../http/route-context';
import { packageView } from './package-store';
import { labelPackage, type PackageLabel } from './label-package';
import { shipPackage } from './ship-package';
import { recordTrackingUpdate } from './tracking-update';
import { voidPackage } from './void-package';
import { liveLabelOf } from '../carriers/carrier-label-store';
import { problems } from '../http/problem';
import { retryingTransaction } from '../db/retrying-transaction';
import { DeliverRequest, PACKERS, ShipWithLabel, TAG, packageInScope, stationOf, view } from './package-route-kit';

/** Label, ship and void: the package's way out of the warehouse. */
export function packageShippingRoutes(app: FastifyInstance, ctx: RouteContext) {
  const { db } = ctx;
  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/packages/:id/label',
      operationId: 'labelPackage',
      tags: TAG,
      roles: PACKERS,
      scope: 'warehouse',
      params: IdParams,
      body: LabelPackageRequest,
      summary: 'Record the label: carrier, service, tracking numbers, SSCC, format (relabelling allowed before shipping)',
      responses: answers('POST', view, { refusals: 'package_transition_forbidden' }),
    },
    async ({ request, principal, params: { id }, body: input }) => {
      return retryingTransaction(db, async (tx) => {
        const { doc } = await packageInScope(tx, principal, id, true);
        const saved = await labelPackage(tx, doc, id, labelOf(input), {
          actor: actorOf(principal, request),
          stationId: stationOf(principal),
        });
        return packageView(tx, saved, id);
      });
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/packages/:id/ship',
      operationId: 'shipPackage',
      tags: TAG,
      roles: PACKERS,
      scope: 'warehouse',
      params: IdParams,
      body: ShipWithLabel,
      bodyOptional: true,
      summary:
        'Hand over to the carrier: units shipped, stock leaves the warehouse, the order progresses; carrier and tracking numbers may label it in the same call',
      responses: answers('POST', view, { refusals: 'package_transition_forbidden, fulfillment_order_cancelled' }),
    },
    async ({ request, principal, params: { id }, body: input }) => {
      return retryingTransaction(db, async (tx) => {
        let { doc } = await packageInScope(tx, principal, id, true);
        const actor = actorOf(principal, request);
        // An integrator (a dropship supplier, a 3PL) may report label and shipment in one call.
        if (input.carrier && input.trackingNumbers && doc.packages.find((p) => p.id === id)!.status === 'packing') {
          const label = labelOf({ carrier: input.carrier, trackingNumbers: input.trackingNumbers, format: 'pdf' });
          doc = await labelPackage(tx, doc, id, label, { actor, stationId: stationOf(principal) });
        }
        const saved = await shipPackage(tx, doc, {
          packageId: id,
          occurredAt: input.shippedAt ?? new Date().toISOString(),
          actor,
          stationId: stationOf(principal),
          note: input.note ?? null,
          reason: 'handed to the carrier',
        });
        return packageView(tx, saved, id);
      });
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/packages/:id/void',
      operationId: 'voidPackage',
      tags: TAG,
      roles: ['supervisor', 'packer', 'station'],
      scope: 'warehouse',
      params: IdParams,
      body: VoidPackageRequest,
      summary: 'Void a package before it ships; its units can be packed again',
      responses: answers('POST', view, { refusals: 'package_transition_forbidden, package_status_final, carrier_label_bought' }),
    },
    async ({ request, principal, params: { id }, body: { reason } }) => {
      return retryingTransaction(db, async (tx) => {
        const { doc } = await packageInScope(tx, principal, id, true);
        // A label bought from a carrier is paid for: voided through the carrier, which refunds it.
        if (await liveLabelOf(tx, id))
          throw problems.conflict(
            'carrier_label_bought',
            `void its label with POST /v1/packages/${id}/carrier-label/void: the carrier refunds it`,
          );
        const saved = await voidPackage(tx, doc, {
          packageId: id,
          reason,
          actor: actorOf(principal, request),
          stationId: stationOf(principal),
        });
        return packageView(tx, saved, id);
      });
    },
  );
}

/** Carrier updates through to delivery. */
export function packageTrackingRoutes(app: FastifyInstance, ctx: RouteContext) {
  const { db } = ctx;
  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/packages/:id/tracking',
      operationId: 'updatePackageTracking',
      tags: TAG,
      roles: ['integrator', 'supervisor'],
      scope: 'warehouse',
      params: IdParams,
      body: TrackingUpdateRequest,
      summary:
        'A carrier update (in transit, delivered, exception, returned to sender); the same externalId is recorded once. Exceptions and returns open a supervisor task',
      responses: answers('POST', view, { refusals: 'package_transition_forbidden, package_status_final' }),
    },
    async ({ request, principal, params: { id }, body }) => retryingTransaction(db, async (tx) => track(tx, principal, request, id, body)),
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/packages/:id/deliver',
      operationId: 'deliverPackage',
      tags: TAG,
      roles: ['integrator', 'supervisor', 'packer', 'station'],
      scope: 'warehouse',
      params: IdParams,
      body: DeliverRequest,
      bodyOptional: true,
      summary: 'Mark delivered; the order becomes delivered when all its parcels are',
      responses: answers('POST', view, { refusals: 'package_status_final' }),
    },
    async ({ request, principal, params: { id }, body }) =>
      retryingTransaction(db, async (tx) => track(tx, principal, request, id, { status: 'delivered', ...body })),
  );
}

async function track(
  tx: Queryable,
  principal: Principal,
  request: FastifyRequest,
  id: string,
  input: z.output<typeof TrackingUpdateRequest>,
) {
  const { doc } = await packageInScope(tx, principal, id, true);
  return (await recordTrackingUpdate(tx, doc, id, input, actorOf(principal, request))).view;
}

/** The label route's input as a package label. */
function labelOf(input: z.output<typeof LabelPackageRequest>): PackageLabel {
  return {
    carrier: input.carrier,
    trackingNumbers: input.trackingNumbers,
    sscc: input.sscc ?? null,
    format: input.format,
    printJobId: input.printJobId ?? null,
    labelUrl: input.labelUrl ?? null,
    service: input.service ?? null,
  };
}
