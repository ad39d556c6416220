import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Address } from '../../shared/domain/address';
import { StationList, WarehouseList } from '../../shared/api/stations';
import { CreateApiKeyRequest, storeApiKey } from '../auth/api-keys';
import { ANY_ROLE } from '../auth/principal';
import { toIso } from '../db/database';
import { defineRoute } from '../http/define-route';
import { problems } from '../http/problem';
import { answers, problem } from '../openapi/responses';
import { CreateStationRequest, EnrollStationRequest, createStation, enrollStation } from '../stations/station-enrollment';
import type { RouteContext } from '../http/route-context';
import { listLiveStations } from '../stations/station-store';
import { insertWarehouse, listWarehouses } from '../warehouses/warehouse-store';

const TAG = ['Administration'];

const CreateWarehouse = z.object({
  code: z
    .string()
    .trim()
    .min(1)
    .max(20)
    .regex(/^[A-Z0-9-]+$/, 'upper-case letters, digits and dashes'),
  name: z.string().trim().min(1).max(100),
  priority: z.number().int().min(0).max(10_000).default(100),
  address: Address.optional(),
});

const ListStationsQuery = z.object({ warehouseId: z.string().uuid().optional() });

/** Warehouses, stations and their enrollment, API keys. */
export function adminRoutes(app: FastifyInstance, ctx: RouteContext) {
  const { db } = ctx;

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/warehouses',
      operationId: 'createWarehouse',
      tags: TAG,
      roles: ['admin'],
      scope: 'global',
      body: CreateWarehouse,
      summary: 'Create a warehouse (admin)',
      responses: answers('POST', { description: 'the warehouse' }, { status: 201, refusals: 'warehouse_code_taken' }),
    },
    async ({ reply, body: input }) => {
      const id = crypto.randomUUID();
      if (!(await insertWarehouse(db, { id, ...input })))
        throw problems.conflict('warehouse_code_taken', `a warehouse with code ${input.code} exists`);
      return reply.status(201).send({ id, ...input });
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/warehouses',
      operationId: 'listWarehouses',
      tags: TAG,
      roles: ANY_ROLE,
      scope: 'global',
      summary: 'List warehouses',
      responses: answers('GET', { description: 'warehouses', schema: WarehouseList }),
    },
    async () => ({ data: await listWarehouses(db) }),
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/stations',
      operationId: 'createStation',
      tags: TAG,
      roles: ['admin'],
      scope: 'global',
      body: CreateStationRequest,
      summary: 'Create a station and its one-time enrollment code (admin)',
      responses: answers('POST', { description: 'the station and its enrollment code' }, { status: 201 }),
    },
    async ({ reply, body }) => reply.status(201).send(await createStation(db, body)),
  );

  // Who work can be moved to: the live stations, of the caller's warehouse when it is bound to one.
  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/stations',
      operationId: 'listStations',
      tags: TAG,
      roles: ['supervisor', 'integrator', 'station'],
      scope: 'warehouse',
      query: ListStationsQuery,
      summary: "List live stations (of the caller's warehouse when bound), the targets of a move",
      responses: answers('GET', { description: 'stations', schema: StationList }),
    },
    async ({ principal, query: { warehouseId } }) => {
      if (principal.warehouseId && warehouseId && warehouseId !== principal.warehouseId)
        throw problems.forbidden('this belongs to another warehouse');
      const rows = await listLiveStations(db, principal.warehouseId ?? warehouseId ?? null);
      return {
        data: rows.map((r) => ({
          id: r.id,
          name: r.name,
          warehouseId: r.warehouse_id,
          kind: r.kind,
          enrolled: r.enrolled_at !== null,
          lastSeenAt: r.last_seen_at ? toIso(r.last_seen_at) : null,
        })),
      };
    },
  );

  // No credential: the one-time code is the credential here.
  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/stations/enroll',
      operationId: 'enrollStation',
      tags: TAG,
      roles: [],
      body: EnrollStationRequest,
      summary: 'Enroll a station with its one-time code',
      responses: {
        201: { description: 'the station credential (shown once)' },
        400: problem('validation_failed'),
        422: problem('enrollment_code_invalid: unknown, used or expired'),
      },
    },
    async ({ reply, body }) => reply.status(201).send(await enrollStation(db, body)),
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/api-keys',
      operationId: 'createApiKey',
      tags: TAG,
      roles: ['admin'],
      scope: 'global',
      body: CreateApiKeyRequest,
      summary: 'Create an API key (admin)',
      responses: answers('POST', { description: 'the key (shown once)' }, { status: 201 }),
    },
    async ({ reply, body }) => reply.status(201).send(await storeApiKey(db, body)),
  );
}
