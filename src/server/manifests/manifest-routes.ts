import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  CloseManifestRequest,
  ListManifestsQuery,
  ManifestCarrier,
  ManifestSummary,
  ManifestView,
  PendingManifest,
} from '../../shared/api/manifests';
import { listOf } from '../../shared/api/list-page';
import { requireWarehouse } from '../auth/principal';
import { defineRoute } from '../http/define-route';
import { IdParams, uuidNamed } from '../http/params';
import { actorOf, type RouteContext } from '../http/route-context';
import { answers } from '../openapi/responses';
import { closeManifest, listManifests, pendingManifest, readManifest } from './manifest-store';

const TAG = ['Manifests'];
/** End of day is the bench's job (a packer or supervisor at the station) or an integrator's. */
const CLOSERS = { roles: ['supervisor', 'packer', 'integrator', 'station'], scope: 'warehouse' } as const;
const WarehouseParams = z.object({ warehouseId: uuidNamed('warehouseId') });
const PendingQuery = z.object({ carrier: ManifestCarrier }).strict();

/** End-of-day manifests (close-outs) per carrier and warehouse. */
export function manifestRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { db } = ctx;

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/warehouses/:warehouseId/manifests',
      operationId: 'closeManifest',
      tags: TAG,
      ...CLOSERS,
      params: WarehouseParams,
      body: CloseManifestRequest,
      summary: "Close out a carrier at a warehouse: a manifest of every package shipped with it since that carrier's last manifest",
      responses: answers('POST', { description: 'the manifest', schema: ManifestView }, { status: 201, refusals: 'manifest_empty' }),
    },
    async ({ request, reply, principal, params, body }) => {
      requireWarehouse(principal, params.warehouseId);
      const manifest = await db.transaction((tx) => closeManifest(tx, params.warehouseId, body.carrier, actorOf(principal, request)));
      return reply.status(201).header('location', `/v1/manifests/${manifest.id}`).send(manifest);
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/warehouses/:warehouseId/manifests',
      operationId: 'listManifests',
      tags: TAG,
      ...CLOSERS,
      params: WarehouseParams,
      query: ListManifestsQuery,
      summary: "A warehouse's manifests, newest first, with counts and weights (without their package lists)",
      responses: answers('GET', { description: 'manifests', schema: listOf(ManifestSummary) }),
    },
    async ({ principal, params, query }) => {
      requireWarehouse(principal, params.warehouseId);
      return { data: await listManifests(db, params.warehouseId, query) };
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/warehouses/:warehouseId/pending-manifest',
      operationId: 'getPendingManifest',
      tags: TAG,
      ...CLOSERS,
      params: WarehouseParams,
      query: PendingQuery,
      summary: "What the carrier's next manifest would hold if it were closed now",
      responses: answers('GET', { description: 'packages not on a manifest yet', schema: PendingManifest }),
    },
    async ({ principal, params, query }) => {
      requireWarehouse(principal, params.warehouseId);
      return pendingManifest(db, params.warehouseId, query.carrier);
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/manifests/:id',
      operationId: 'getManifest',
      tags: TAG,
      ...CLOSERS,
      params: IdParams,
      summary: 'A manifest with its packages, counts and weights (per service and in all)',
      responses: answers('GET', { description: 'the manifest', schema: ManifestView }),
    },
    async ({ principal, params }) => {
      const manifest = await readManifest(db, params.id);
      requireWarehouse(principal, manifest.warehouseId);
      return manifest;
    },
  );
}
