import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Address } from '../../shared/domain/address';
import { createApiKey } from '../auth/api-keys';
import { requireRole } from '../auth/principal';
import { toIso } from '../db/database';
import { parseWith, problems } from '../http/problem';
import { createStation, enrollStation } from '../stations/station-enrollment';
import type { RouteContext } from './context';

const CreateWarehouse = z.object({
  code: z.string().trim().min(1).max(20).regex(/^[A-Z0-9-]+$/, 'upper-case letters, digits and dashes'),
  name: z.string().trim().min(1).max(100),
  priority: z.number().int().min(0).max(10_000).default(100),
  address: Address.optional(),
});

const ListStationsQuery = z.object({ warehouseId: z.string().uuid().optional() });

export function adminRoutes(app: FastifyInstance, { db, auth }: RouteContext) {
  app.post('/v1/warehouses', async (request, reply) => {
    requireRole(await auth.authenticate(request), 'admin');
    const input = parseWith(CreateWarehouse, request.body);
    const id = crypto.randomUUID();
    const rows = await db.query('insert into warehouses (id, code, name, priority, address) values ($1,$2,$3,$4,$5) on conflict (code) do nothing returning id', [
      id, input.code, input.name, input.priority, input.address ? JSON.stringify(input.address) : null,
    ]);
    if (!rows.length) throw problems.conflict('warehouse_code_taken', `a warehouse with code ${input.code} exists`);
    return reply.status(201).send({ id, ...input });
  });

  app.get('/v1/warehouses', async (request) => {
    await auth.authenticate(request);
    const rows = await db.query('select id, code, name, priority, address from warehouses order by priority, code');
    return { data: rows };
  });

  app.post('/v1/stations', async (request, reply) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, 'admin');
    return reply.status(201).send(await createStation(db, request.body));
  });

  // Who work can be moved to: the live stations, of the caller's warehouse when it is bound to one.
  app.get('/v1/stations', async (request) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, 'supervisor', 'integrator', 'station');
    const { warehouseId } = parseWith(ListStationsQuery, request.query);
    if (principal.warehouseId && warehouseId && warehouseId !== principal.warehouseId) throw problems.forbidden('this belongs to another warehouse');
    const rows = await db.query<{ id: string; name: string; warehouse_id: string; enrolled_at: unknown; last_seen_at: unknown }>(
      `select id, name, warehouse_id, enrolled_at, last_seen_at from stations
        where revoked_at is null and ($1::uuid is null or warehouse_id = $1) order by name, id`,
      [principal.warehouseId ?? warehouseId ?? null],
    );
    return {
      data: rows.map((r) => ({ id: r.id, name: r.name, warehouseId: r.warehouse_id, enrolled: r.enrolled_at !== null, lastSeenAt: r.last_seen_at ? toIso(r.last_seen_at) : null })),
    };
  });

  // No credential: the one-time code is the credential here.
  app.post('/v1/stations/enroll', async (request, reply) => reply.status(201).send(await enrollStation(db, request.body)));

  app.post('/v1/api-keys', async (request, reply) => {
    requireRole(await auth.authenticate(request), 'admin');
    return reply.status(201).send(await createApiKey(db, request.body));
  });
}
