import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  CreatePackageRequest,
  LabelPackageRequest,
  ShipPackageRequest,
  TrackingUpdateRequest,
  VoidPackageRequest,
} from '../../shared/api/fulfillment';
import { applyPackageShipped } from '../../shared/sync/fulfillment-admin';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import type { Queryable } from '../db/database';
import { requireWarehouse, type Principal } from '../auth/principal';
import { defineRoute } from '../http/define-route';
import { IdParams, OrderIdParams } from '../http/params';
import { problems } from '../http/problem';
import { answers } from '../openapi/responses';
import { loadOrder } from '../orders/order-store';
import { refreshOrderProgress } from '../orders/order-progress';
import { actorOf, type RouteContext } from '../http/route-context';
import { applyAdminChange, refusalProblem } from '../fulfillment/apply-admin-event';
import { appendTimeline } from '../timeline/timeline';
import { fulfillmentOrdersOf, saveFulfillmentOrder } from '../fulfillment/fulfillment-store';
import { fulfillmentOrderInScope } from '../fulfillment/fulfillment-order-scope';
import { consumeShippedPackage } from '../inventory/inventory-store';
import { openCarrierTask } from './carrier-tasks';
import { refreshOrderDelivery } from './order-delivery';
import { findPackage, insertTrackingEvent, packageView, readTracking, saveDetails } from './package-store';
import { retryingTransaction } from '../db/retrying-transaction';

const TAG = ['Packages'];
const READERS = ['supervisor', 'packer', 'returns', 'integrator', 'station'] as const;
const PACKERS = ['supervisor', 'packer', 'integrator', 'station'] as const;
const ShipWithLabel = ShipPackageRequest.extend({
  carrier: z.string().trim().min(1).max(64).optional(),
  trackingNumbers: z.array(z.string().trim().min(1).max(64)).min(1).max(50).optional(),
});
const DeliverRequest = TrackingUpdateRequest.omit({ status: true });
const view = { description: 'the package: status, contents, carrier, service, tracking numbers, SSCC, label, tracking events' };

/** Packages (shipments): create, label, ship, track to delivery, void. */
export function packageRoutes(app: FastifyInstance, ctx: RouteContext) {
  const { db } = ctx;
  const stationOf = (p: Principal) => (p.kind === 'station' ? p.id : null);

  async function packageInScope(q: Queryable, principal: Principal, id: string, forUpdate: boolean) {
    const found = await findPackage(q, id, forUpdate);
    requireWarehouse(principal, found.doc.warehouseId);
    return found;
  }

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/fulfillment-orders/:id/packages',
      operationId: 'createPackage',
      tags: TAG,
      roles: PACKERS,
      scope: 'warehouse',
      params: IdParams,
      body: CreatePackageRequest,
      summary: 'Pack units into a box (a client id makes retries safe); starts the work on an open fulfillment order',
      responses: answers('POST', view, {
        status: 201,
        refusals: 'line_over_packed, package_exists, fulfillment_order_on_hold, fulfillment_order_in_progress_elsewhere',
      }),
    },
    async ({ request, reply, principal, params: { id }, body: input }) => {
      const packageId = input.id ?? crypto.randomUUID();
      const result = await retryingTransaction(db, async (tx) => {
        const doc = await fulfillmentOrderInScope(tx, principal, id, true);
        const existing = doc.packages.find((p) => p.id === packageId);
        if (existing) {
          // A retried create: the same package again is answered with what was recorded.
          if (JSON.stringify(existing.contents) !== JSON.stringify(input.contents))
            throw problems.conflict('package_exists', 'a different package with this id exists');
          return { created: false, view: await packageView(tx, doc, packageId) };
        }
        const saved = await applyAdminChange(tx, doc, {
          type: 'package-recorded',
          payload: { packageId, contents: input.contents, weightGrams: input.weightGrams ?? null },
          actor: actorOf(principal, request),
          stationId: stationOf(principal),
        });
        await saveDetails(tx, saved, packageId, { service: input.service ?? null, dimensions: input.dimensions ?? null });
        return { created: true, view: await packageView(tx, saved, packageId) };
      });
      return reply
        .status(result.created ? 201 : 200)
        .header('location', `/v1/packages/${packageId}`)
        .send(result.view);
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/packages/:id',
      operationId: 'getPackage',
      tags: TAG,
      roles: READERS,
      scope: 'warehouse',
      params: IdParams,
      summary: 'Read a package, wherever it was created (API or station)',
      responses: answers('GET', view),
    },
    async ({ principal, params: { id } }) => {
      const { doc } = await packageInScope(db, principal, id, false);
      return packageView(db, doc, id.toLowerCase());
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/packages/:id/tracking',
      operationId: 'getPackageTracking',
      tags: TAG,
      roles: READERS,
      scope: 'warehouse',
      params: IdParams,
      summary: "A package's carrier tracking events",
      responses: answers('GET', { description: 'status and events' }),
    },
    async ({ principal, params: { id } }) => {
      const { pkg } = await packageInScope(db, principal, id, false);
      return {
        packageId: id,
        status: pkg.status,
        trackingNumber: pkg.trackingNumber,
        carrier: pkg.carrier,
        events: await readTracking(db, id),
      };
    },
  );

  // Integrators coming from a REST order API call packages shipments: the same list under both names.
  for (const [url, operationId, summary] of [
    ['/v1/orders/:orderId/packages', 'listOrderPackages', "Every package of an order's fulfillment orders"],
    ['/v1/orders/:orderId/shipments', 'listOrderShipments', "An order's packages, under the name shipments"],
  ] as const) {
    defineRoute(
      app,
      ctx,
      {
        method: 'GET',
        url,
        operationId,
        summary,
        tags: TAG,
        roles: READERS,
        scope: 'warehouse',
        params: OrderIdParams,
        responses: answers('GET', { description: 'packages' }),
      },
      async ({ principal, params: { orderId } }) => {
        await loadOrder(db, orderId);
        const fos = (await fulfillmentOrdersOf(db, orderId)).filter(
          (f) => !principal.warehouseId || f.warehouseId === principal.warehouseId,
        );
        const data = [];
        for (const fo of fos) for (const p of fo.packages) data.push(await packageView(db, fo, p.id));
        return { data };
      },
    );
  }

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
        const saved = await label(tx, doc, id, input, request, principal);
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
        // An integrator (a dropship supplier, a 3PL) may report label and shipment in one call.
        if (input.carrier && input.trackingNumbers && doc.packages.find((p) => p.id === id)!.status === 'packing') {
          doc = await label(
            tx,
            doc,
            id,
            { carrier: input.carrier, trackingNumbers: input.trackingNumbers, format: 'pdf' },
            request,
            principal,
          );
        }
        const occurredAt = input.shippedAt ?? new Date().toISOString();
        const actor = actorOf(principal, request);
        const result = applyPackageShipped(doc, { packageId: id, occurredAt, actor, stationId: stationOf(principal) });
        if (!result.ok) throw refusalProblem(result);
        const saved = await saveFulfillmentOrder(tx, result.doc);
        await consumeShippedPackage(tx, saved, id);
        await appendTimeline(tx, {
          type: 'package-shipped',
          orderId: doc.orderId,
          fulfillmentOrderId: doc.id,
          entityIds: { fulfillmentOrderId: doc.id, packageId: id },
          payload: { packageId: id, note: input.note ?? null, reason: 'handed to the carrier' },
          actor,
          occurredAt,
        });
        await refreshOrderProgress(tx, doc.orderId, { kind: 'system', id: 'order-progress' });
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
      responses: answers('POST', view, { refusals: 'package_transition_forbidden, package_status_final' }),
    },
    async ({ request, principal, params: { id }, body: { reason } }) => {
      return retryingTransaction(db, async (tx) => {
        const { doc } = await packageInScope(tx, principal, id, true);
        const saved = await applyAdminChange(tx, doc, {
          type: 'package-voided',
          payload: { packageId: id, reason },
          actor: actorOf(principal, request),
          stationId: stationOf(principal),
        });
        await saveDetails(tx, saved, id, { voidReason: reason });
        return packageView(tx, saved, id);
      });
    },
  );

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

  async function track(
    tx: Queryable,
    principal: Principal,
    request: FastifyRequest,
    id: string,
    input: z.output<typeof TrackingUpdateRequest>,
  ) {
    const { doc } = await packageInScope(tx, principal, id, true);
    const actor = actorOf(principal, request);
    const occurredAt = input.occurredAt ?? new Date().toISOString();
    const fresh = await insertTrackingEvent(tx, id, {
      status: input.status,
      description: input.description ?? null,
      location: input.location ?? null,
      externalId: input.externalId ?? null,
      occurredAt,
      actor,
    });
    if (!fresh) return packageView(tx, doc, id);
    const saved = await applyAdminChange(tx, doc, {
      type: 'package-tracking-updated',
      payload: { packageId: id, status: input.status, trackingNumber: input.trackingNumber ?? null },
      actor,
      occurredAt,
      reason: input.description ?? `carrier reported ${input.status.replace(/_/g, ' ')}${input.location ? ` at ${input.location}` : ''}`,
    });
    if (input.status === 'exception' || input.status === 'returned_to_sender')
      await openCarrierTask(tx, saved, id, input.status, input.description ?? null);
    if (input.status === 'delivered') {
      await saveDetails(tx, saved, id, { deliveredAt: occurredAt });
      await refreshOrderDelivery(tx, doc.orderId, { kind: 'system', id: 'order-progress' });
    }
    return packageView(tx, saved, id);
  }

  async function label(
    tx: Queryable,
    doc: FulfillmentDocument,
    id: string,
    input: z.input<typeof LabelPackageRequest>,
    request: FastifyRequest,
    principal: Principal,
  ) {
    const saved = await applyAdminChange(tx, doc, {
      type: 'package-labelled',
      payload: {
        packageId: id,
        printJobId: input.printJobId ?? null,
        format: input.format ?? 'pdf',
        sscc: input.sscc ?? null,
        trackingNumber: input.trackingNumbers[0]!,
        carrier: input.carrier,
      },
      actor: actorOf(principal, request),
      stationId: stationOf(principal),
    });
    await saveDetails(tx, saved, id, {
      ...(input.service ? { service: input.service } : {}),
      trackingNumbers: input.trackingNumbers,
      label: { url: input.labelUrl ?? null, format: input.format ?? 'pdf' },
    });
    return saved;
  }
}
