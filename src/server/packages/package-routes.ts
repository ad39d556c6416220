import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CreatePackageRequest, LabelPackageRequest, ShipPackageRequest, TrackingUpdateRequest, VoidPackageRequest } from '../../shared/api/fulfillment';
import { applyPackageShipped } from '../../shared/sync/fulfillment-admin';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import type { Queryable } from '../db/database';
import { requireRole, requireWarehouse, type Principal } from '../auth/principal';
import { parseWith, problems } from '../http/problem';
import { loadOrder } from '../orders/order-store';
import { refreshOrderProgress } from '../orders/order-progress';
import { actorOf, type RouteContext } from '../routes/context';
import { applyAdminChange, refusalProblem } from '../fulfillment/apply-admin-event';
import { appendTimeline } from '../orders/timeline';
import { fulfillmentOrdersOf, saveFulfillmentOrder } from '../fulfillment/fulfillment-store';
import { fulfillmentOrderInScope, uuidParam } from '../fulfillment/scope';
import { consumeShippedPackage } from '../inventory/inventory-store';
import { openCarrierTask } from './carrier-tasks';
import { refreshOrderDelivery } from './order-delivery';
import { findPackage, insertTrackingEvent, packageView, readTracking, saveDetails } from './package-store';
import { retryingTransaction } from '../fulfillment/retrying-transaction';

type IdParams = { Params: { id: string } };
const READERS = ['supervisor', 'packer', 'returns', 'integrator', 'station'] as const;
const PACKERS = ['supervisor', 'packer', 'integrator', 'station'] as const;

/** Packages (shipments): create, label, ship, track to delivery, void. */
export function packageRoutes(app: FastifyInstance, { db, auth }: RouteContext) {
  const stationOf = (p: Principal) => (p.kind === 'station' ? p.id : null);

  async function packageInScope(q: Queryable, principal: Principal, id: string, forUpdate: boolean) {
    const found = await findPackage(q, id, forUpdate);
    requireWarehouse(principal, found.doc.warehouseId);
    return found;
  }

  app.post<IdParams>('/v1/fulfillment-orders/:id/packages', async (request, reply) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, ...PACKERS);
    const id = uuidParam(request.params.id, 'id');
    const input = parseWith(CreatePackageRequest, request.body);
    const packageId = input.id ?? crypto.randomUUID();
    const result = await retryingTransaction(db, async (tx) => {
      const doc = await fulfillmentOrderInScope(tx, principal, id, true);
      const existing = doc.packages.find((p) => p.id === packageId);
      if (existing) {
        // A retried create: the same package again is answered with what was recorded.
        if (JSON.stringify(existing.contents) !== JSON.stringify(input.contents)) throw problems.conflict('package_exists', 'a different package with this id exists');
        return { created: false, view: await packageView(tx, doc, packageId) };
      }
      const saved = await applyAdminChange(tx, doc, {
        type: 'package-recorded', payload: { packageId, contents: input.contents, weightGrams: input.weightGrams ?? null },
        actor: actorOf(principal, request), stationId: stationOf(principal),
      });
      await saveDetails(tx, saved, packageId, { service: input.service ?? null, dimensions: input.dimensions ?? null });
      return { created: true, view: await packageView(tx, saved, packageId) };
    });
    return reply.status(result.created ? 201 : 200).header('location', `/v1/packages/${packageId}`).send(result.view);
  });

  app.get<IdParams>('/v1/packages/:id', async (request) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, ...READERS);
    const { doc } = await packageInScope(db, principal, uuidParam(request.params.id, 'id'), false);
    return packageView(db, doc, request.params.id.toLowerCase());
  });

  app.get<IdParams>('/v1/packages/:id/tracking', async (request) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, ...READERS);
    const id = uuidParam(request.params.id, 'id');
    const { pkg } = await packageInScope(db, principal, id, false);
    return { packageId: id, status: pkg.status, trackingNumber: pkg.trackingNumber, carrier: pkg.carrier, events: await readTracking(db, id) };
  });

  // Seed 003 calls packages shipments.
  for (const url of ['/v1/orders/:orderId/packages', '/v1/orders/:orderId/shipments']) app.get<{ Params: { orderId: string } }>(url, async (request) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, ...READERS);
    const orderId = uuidParam(request.params.orderId, 'orderId');
    await loadOrder(db, orderId);
    const fos = (await fulfillmentOrdersOf(db, orderId)).filter((f) => !principal.warehouseId || f.warehouseId === principal.warehouseId);
    const data = [];
    for (const fo of fos) for (const p of fo.packages) data.push(await packageView(db, fo, p.id));
    return { data };
  });

  app.post<IdParams>('/v1/packages/:id/label', async (request) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, ...PACKERS);
    const id = uuidParam(request.params.id, 'id');
    const input = parseWith(LabelPackageRequest, request.body);
    return retryingTransaction(db, async (tx) => {
      const { doc } = await packageInScope(tx, principal, id, true);
      const saved = await label(tx, doc, id, input, request, principal);
      return packageView(tx, saved, id);
    });
  });

  app.post<IdParams>('/v1/packages/:id/ship', async (request) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, ...PACKERS);
    const id = uuidParam(request.params.id, 'id');
    const input = parseWith(ShipWithLabel, request.body ?? {});
    return retryingTransaction(db, async (tx) => {
      let { doc } = await packageInScope(tx, principal, id, true);
      // An integrator (a dropship supplier, a 3PL) may report label and shipment in one call.
      if (input.carrier && input.trackingNumbers && doc.packages.find((p) => p.id === id)!.status === 'packing') {
        doc = await label(tx, doc, id, { carrier: input.carrier, trackingNumbers: input.trackingNumbers, format: 'pdf' }, request, principal);
      }
      const occurredAt = input.shippedAt ?? new Date().toISOString();
      const actor = actorOf(principal, request);
      const result = applyPackageShipped(doc, { packageId: id, occurredAt, actor, stationId: stationOf(principal) });
      if (!result.ok) throw refusalProblem(result);
      const saved = await saveFulfillmentOrder(tx, result.doc);
      await consumeShippedPackage(tx, saved, id);
      await appendTimeline(tx, {
        type: 'package-shipped', orderId: doc.orderId, fulfillmentOrderId: doc.id, entityIds: { fulfillmentOrderId: doc.id, packageId: id },
        payload: { packageId: id, note: input.note ?? null, reason: 'handed to the carrier' }, actor, occurredAt,
      });
      await refreshOrderProgress(tx, doc.orderId, { kind: 'system', id: 'order-progress' });
      return packageView(tx, saved, id);
    });
  });

  app.post<IdParams>('/v1/packages/:id/void', async (request) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, 'supervisor', 'packer', 'station');
    const id = uuidParam(request.params.id, 'id');
    const { reason } = parseWith(VoidPackageRequest, request.body);
    return retryingTransaction(db, async (tx) => {
      const { doc } = await packageInScope(tx, principal, id, true);
      const saved = await applyAdminChange(tx, doc, { type: 'package-voided', payload: { packageId: id, reason }, actor: actorOf(principal, request), stationId: stationOf(principal) });
      await saveDetails(tx, saved, id, { voidReason: reason });
      return packageView(tx, saved, id);
    });
  });

  app.post<IdParams>('/v1/packages/:id/tracking', async (request) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, 'integrator', 'supervisor');
    const id = uuidParam(request.params.id, 'id');
    const input = parseWith(TrackingUpdateRequest, request.body);
    return retryingTransaction(db, async (tx) => track(tx, principal, request, id, input));
  });

  app.post<IdParams>('/v1/packages/:id/deliver', async (request) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, 'integrator', 'supervisor', 'packer', 'station');
    const id = uuidParam(request.params.id, 'id');
    const input = parseWith(DeliverRequest, request.body ?? {});
    return retryingTransaction(db, async (tx) => track(tx, principal, request, id, { status: 'delivered', ...input }));
  });

  async function track(tx: Queryable, principal: Principal, request: FastifyRequest, id: string, input: z.output<typeof TrackingUpdateRequest>) {
    const { doc } = await packageInScope(tx, principal, id, true);
    const actor = actorOf(principal, request);
    const occurredAt = input.occurredAt ?? new Date().toISOString();
    const fresh = await insertTrackingEvent(tx, id, { status: input.status, description: input.description ?? null, location: input.location ?? null, externalId: input.externalId ?? null, occurredAt, actor });
    if (!fresh) return packageView(tx, doc, id);
    const saved = await applyAdminChange(tx, doc, {
      type: 'package-tracking-updated', payload: { packageId: id, status: input.status, trackingNumber: input.trackingNumber ?? null }, actor, occurredAt,
      reason: input.description ?? `carrier reported ${input.status.replace(/_/g, ' ')}${input.location ? ` at ${input.location}` : ''}`,
    });
    if (input.status === 'exception' || input.status === 'returned_to_sender') await openCarrierTask(tx, saved, id, input.status, input.description ?? null);
    if (input.status === 'delivered') {
      await saveDetails(tx, saved, id, { deliveredAt: occurredAt });
      await refreshOrderDelivery(tx, doc.orderId, { kind: 'system', id: 'order-progress' });
    }
    return packageView(tx, saved, id);
  }

  async function label(tx: Queryable, doc: FulfillmentDocument, id: string, input: z.input<typeof LabelPackageRequest>, request: FastifyRequest, principal: Principal) {
    const saved = await applyAdminChange(tx, doc, {
      type: 'package-labelled',
      payload: { packageId: id, printJobId: input.printJobId ?? null, format: input.format ?? 'pdf', sscc: input.sscc ?? null, trackingNumber: input.trackingNumbers[0]!, carrier: input.carrier },
      actor: actorOf(principal, request), stationId: stationOf(principal),
    });
    await saveDetails(tx, saved, id, {
      ...(input.service ? { service: input.service } : {}),
      trackingNumbers: input.trackingNumbers,
      label: { url: input.labelUrl ?? null, format: input.format ?? 'pdf' },
    });
    return saved;
  }
}

const ShipWithLabel = ShipPackageRequest.extend({
  carrier: z.string().trim().min(1).max(64).optional(),
  trackingNumbers: z.array(z.string().trim().min(1).max(64)).min(1).max(50).optional(),
});

const DeliverRequest = TrackingUpdateRequest.omit({ status: true });
