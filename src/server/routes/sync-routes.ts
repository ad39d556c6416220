import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PullRequest, PushRequest, type SyncHello } from '../../shared/sync/sync-protocol';
import { toInt } from '../db/database';
import { parseWith, problems } from '../http/problem';
import { pullChanges } from '../sync/pull';
import { pullReturns } from '../returns/return-pull';
import { pushEvents } from '../sync/push';
import { leasePolicyOf } from '../leases/lease-policy';
import { leaseRoutes } from '../leases/lease-routes';
import { leaseTerms } from '../../shared/sync/fulfillment-lease';
import type { RouteContext } from '../http/route-context';

/** Replication endpoints. Only stations use them, and their scope comes from their credential. */
export function syncRoutes(app: FastifyInstance, context: RouteContext) {
  const { db, auth, changes, config } = context;
  const leases = leasePolicyOf(config);
  leaseRoutes(app, context);

  async function station(request: FastifyRequest) {
    const principal = await auth.authenticate(request);
    if (principal.kind !== 'station') throw problems.forbidden('replication is for enrolled stations');
    return principal;
  }

  app.get('/v1/sync/hello', async (request): Promise<SyncHello> => {
    const s = await station(request);
    const [row] = await db.query<{ last_seq: unknown }>('update stations set last_seen_at = now() where id = $1 returning last_seq', [s.id]);
    return { stationId: s.id, warehouseId: s.warehouseId, lastSeq: toInt(row?.last_seq), serverTime: new Date().toISOString() };
  });

  app.post('/v1/sync/pull', async (request) => {
    const s = await station(request);
    const pull = parseWith(PullRequest, request.body);
    return pull.collection === 'returns' ? pullReturns(db, s.warehouseId, pull) : pullChanges(db, s.warehouseId, pull);
  });

  // Each event's text is checked alone (push.ts): one bad event must not refuse its whole batch.
  app.post('/v1/sync/push', { config: { checksOwnText: true } }, async (request) => {
    const s = await station(request);
    const { events } = parseWith(PushRequest, request.body);
    const lease = leaseTerms(s.name, leases.now(), leases.ttlMs);
    return pushEvents(db, { id: s.id, warehouseId: s.warehouseId, lease }, events, { orderNumberPrefix: config.orderNumberPrefix, returnNumberPrefix: config.returnNumberPrefix });
  });

  // Live stream: RESYNC first (the station pulls from its checkpoint), then a message per change.
  app.get('/v1/sync/stream', async (request, reply) => {
    const s = await station(request);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
    send('RESYNC');
    const unsubscribe = changes.subscribe(s.warehouseId, (c) => send({ type: 'changed', collection: c.collection, rev: c.rev }));
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), config.heartbeatMs);
    // A revoked (or re-credentialed) station's stream ends; reconnecting tells it why (credential_revoked).
    const unwatch = changes.onCredentialChange((c) => {
      if (c.kind !== 'station' || c.id !== s.id) return;
      end();
      res.end();
    });
    const end = () => {
      clearInterval(heartbeat);
      unsubscribe();
      unwatch();
    };
    request.raw.on('close', end);
    res.on('error', end);
  });
}
