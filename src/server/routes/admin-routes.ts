import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Address } from '../../shared/domain/address';
import { createApiKey } from '../auth/api-keys';
import { requireRole } from '../auth/principal';
import { parseWith, problems } from '../http/problem';
import { createStation, enrollStation } from '../stations/station-enrollment';
import type { RouteContext } from './context';

const CreateWarehouse = z.object({
  code: z.string().trim().min(1).max(20).regex(/^[A-Z0-9-]+$/, 'upper-case letters, digits and dashes'),
  name: z.string().trim().min(1).max(100),
  priority: z.number().int().min(0).max(10_000).default(100),
  address: Address.optional(),
});

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

  // No credential: the one-time code is the credential here.
  app.post('/v1/stations/enroll', async (request, reply) => reply.status(201).send(await enrollStation(db, request.body)));

  app.post('/v1/api-keys', async (request, reply) => {
    requireRole(await auth.authenticate(request), 'admin');
    return reply.status(201).send(await createApiKey(db, request.body));
  });
}
