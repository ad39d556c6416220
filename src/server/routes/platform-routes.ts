import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireRole, type Principal } from '../auth/principal';
import { parseWith, problems } from '../http/problem';
import { createExportJob, createImportJob, ImportMode, ImportRequest, jobView, listJobs, loadJob } from '../jobs/jobs';
import { reconciliationReport } from '../reports/reconciliation';
import { createUser, deactivateUser, getUser, listUsers, updateUser, usersForStation } from '../users/users';
import { deliverNow, webhookSettingsFromEnv, type WebhookSettings } from '../webhooks/delivery-worker';
import { secretsAreSealed } from '../webhooks/secret-box';
import {
  createWebhook, deleteWebhook, deliveryView, enqueueTestDelivery, getDelivery, getWebhook, KNOWN_WEBHOOK_EVENTS, listDeliveries, listWebhooks, redeliver, updateWebhook,
} from '../webhooks/webhook-store';
import { actorOf, type RouteContext } from './context';

const Id = (what: string) => z.string().uuid(`${what} ids are UUIDs`);
const IMPORT_BODY_LIMIT = 64 * 1024 * 1024;

/**
 * Platform: people (users, and the hashed list stations sign in from offline), outgoing
 * webhooks, the reconciliation report, and export/import jobs. Their background work runs from
 * background/background-work.ts.
 */
export function platformRoutes(app: FastifyInstance, { db, auth }: RouteContext): void {
  // Read per request, as the delivery worker reads them at start (tests change them through the environment).
  const settings = (): WebhookSettings => webhookSettingsFromEnv();

  /** Webhooks and jobs see every warehouse's events: keep them to unbound keys. */
  const unbound = (p: Principal) => {
    if (p.warehouseId) throw problems.forbidden('webhooks are managed with a key that is not bound to a warehouse');
    return p;
  };

  // --- users ---------------------------------------------------------------------------------

  app.post('/v1/users', async (request, reply) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, 'admin');
    const user = await createUser(db, principal, request.body);
    return reply.status(201).header('location', `/v1/users/${user.id}`).send(user);
  });

  app.get('/v1/users', async (request) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, 'supervisor');
    return { data: await listUsers(db, principal, request.query) };
  });

  app.get<{ Params: { id: string } }>('/v1/users/:id', async (request) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, 'supervisor');
    return getUser(db, principal, parseWith(Id('user'), request.params.id));
  });

  app.patch<{ Params: { id: string } }>('/v1/users/:id', async (request) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, 'admin');
    return updateUser(db, principal, parseWith(Id('user'), request.params.id), request.body);
  });

  app.delete<{ Params: { id: string } }>('/v1/users/:id', async (request) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, 'admin');
    return deactivateUser(db, principal, parseWith(Id('user'), request.params.id));
  });

  // The list a station signs people in from, offline too. Scoped by the station's credential.
  app.get('/v1/sync/users', async (request, reply) => {
    const principal = await auth.authenticate(request);
    if (principal.kind !== 'station') throw problems.forbidden('the sign-in list is for enrolled stations');
    const list = await usersForStation(db, principal.warehouseId);
    const etag = `"${list.etag}"`;
    reply.header('etag', etag).header('cache-control', 'no-store');
    if (request.headers['if-none-match'] === etag) return reply.status(304).send();
    return list;
  });

  // --- webhooks ------------------------------------------------------------------------------

  const webhookAdmin = async (request: FastifyRequest) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, 'integrator');
    return unbound(principal);
  };

  app.post('/v1/webhooks', async (request, reply) => {
    const principal = await webhookAdmin(request);
    const webhook = await createWebhook(db, actorOf(principal, request), request.body);
    return reply.status(201).header('location', `/v1/webhooks/${webhook.id}`).send({ ...webhook, secretStorage: secretsAreSealed() ? 'sealed' : 'plain' });
  });

  app.get('/v1/webhooks', async (request) => {
    await webhookAdmin(request);
    return { data: await listWebhooks(db) };
  });

  app.get('/v1/webhooks/events', async (request) => {
    await webhookAdmin(request);
    const seen = await db.query<{ type: string }>('select distinct type from timeline_events order by type limit 500');
    return {
      data: [...KNOWN_WEBHOOK_EVENTS],
      timelineTypes: seen.map((r) => r.type),
      note: 'Subscribe to any of these, to a timeline type (package-shipped) or its dotted form (package.shipped), or to * for everything.',
    };
  });

  app.get<{ Params: { id: string } }>('/v1/webhooks/:id', async (request) => {
    await webhookAdmin(request);
    return getWebhook(db, parseWith(Id('webhook'), request.params.id));
  });

  app.patch<{ Params: { id: string } }>('/v1/webhooks/:id', async (request) => {
    await webhookAdmin(request);
    return updateWebhook(db, parseWith(Id('webhook'), request.params.id), request.body);
  });

  app.delete<{ Params: { id: string } }>('/v1/webhooks/:id', async (request, reply) => {
    await webhookAdmin(request);
    await deleteWebhook(db, parseWith(Id('webhook'), request.params.id));
    return reply.status(204).send();
  });

  app.get<{ Params: { id: string } }>('/v1/webhooks/:id/deliveries', async (request) => {
    await webhookAdmin(request);
    return listDeliveries(db, parseWith(Id('webhook'), request.params.id), request.query);
  });

  app.get<{ Params: { id: string; deliveryId: string } }>('/v1/webhooks/:id/deliveries/:deliveryId', async (request) => {
    await webhookAdmin(request);
    return deliveryView(await getDelivery(db, parseWith(Id('webhook'), request.params.id), parseWith(Id('delivery'), request.params.deliveryId)));
  });

  app.post<{ Params: { id: string; deliveryId: string } }>('/v1/webhooks/:id/deliveries/:deliveryId/redeliver', async (request, reply) => {
    await webhookAdmin(request);
    const delivery = await redeliver(db, parseWith(Id('webhook'), request.params.id), parseWith(Id('delivery'), request.params.deliveryId), settings().maxAttempts);
    return reply.status(202).send(delivery);
  });

  // Sends a signed test event now and answers with the attempt's outcome (also in the delivery log).
  app.post<{ Params: { id: string } }>('/v1/webhooks/:id/test', async (request) => {
    const principal = await webhookAdmin(request);
    const webhookId = parseWith(Id('webhook'), request.params.id);
    const deliveryId = await enqueueTestDelivery(db, webhookId, actorOf(principal, request));
    const delivery = await deliverNow(db, deliveryId, settings());
    return delivery ?? deliveryView(await getDelivery(db, webhookId, deliveryId));
  });

  // --- reports -------------------------------------------------------------------------------

  app.get('/v1/reports/reconciliation', async (request) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, 'supervisor');
    return reconciliationReport(db, request.query, principal.warehouseId);
  });

  // --- jobs ----------------------------------------------------------------------------------

  app.post('/v1/jobs/exports', async (request, reply) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, 'supervisor', 'integrator');
    const job = await createExportJob(db, principal, actorOf(principal, request), request.body);
    return reply.status(202).header('location', `/v1/jobs/${job.id}`).send(job);
  });

  // Imports take JSON ({ format, mode, data }) or the file itself as text/csv or application/x-ndjson (?mode=).
  app.register(async (scope) => {
    scope.addContentTypeParser(['text/csv', 'application/x-ndjson', 'application/ndjson'], { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT }, (_req, body, done) => done(null, body));
    scope.post('/v1/jobs/imports', { bodyLimit: IMPORT_BODY_LIMIT }, async (request, reply) => {
      const principal = await auth.authenticate(request);
      requireRole(principal, 'integrator', 'supervisor');
      let input: z.output<typeof ImportRequest>;
      if (typeof request.body === 'string') {
        const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim();
        const { mode } = parseWith(z.object({ mode: ImportMode.default('skip-existing') }), request.query);
        input = parseWith(ImportRequest, { format: type === 'text/csv' ? 'csv' : 'ndjson', mode, data: request.body });
      } else {
        input = parseWith(ImportRequest, request.body);
      }
      const job = await createImportJob(db, principal, actorOf(principal, request), input);
      return reply.status(202).header('location', `/v1/jobs/${job.id}`).send(job);
    });
  });

  app.get('/v1/jobs', async (request) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, 'supervisor', 'integrator');
    return { data: await listJobs(db, principal, request.query) };
  });

  app.get<{ Params: { id: string } }>('/v1/jobs/:id', async (request) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, 'supervisor', 'integrator');
    return jobView(await loadJob(db, principal, parseWith(Id('job'), request.params.id)));
  });

  app.get<{ Params: { id: string } }>('/v1/jobs/:id/download', async (request, reply) => {
    const principal = await auth.authenticate(request);
    requireRole(principal, 'supervisor', 'integrator');
    const job = await loadJob(db, principal, parseWith(Id('job'), request.params.id));
    if (job.kind !== 'export') throw problems.notFound(`the output of job ${job.id}`);
    if (job.status !== 'succeeded') throw problems.conflict('job_not_finished', `the export is ${job.status}`, { status: job.status });
    const filename = String(job.result?.filename ?? `export.${job.format}`);
    // Chunks stream one at a time, so a large export never sits in memory whole.
    const [count] = await db.query<{ n: unknown }>(`select count(*) as n from job_files where job_id = $1 and role = 'output'`, [job.id]);
    const chunks = Number(count?.n ?? 0);
    async function* body() {
      for (let i = 0; i < chunks; i++) {
        const [row] = await db.query<{ data: string }>(`select data from job_files where job_id = $1 and role = 'output' and chunk = $2`, [job.id, i]);
        if (row) yield Buffer.from(row.data, 'utf8');
      }
    }
    const { Readable } = await import('node:stream');
    return reply
      .type(job.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
      .header('content-disposition', `attachment; filename="${filename}"`)
      .send(Readable.from(body()));
  });
}
