import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AnyPullResponse, PullRequest, PushRequest, PushResponse, SyncHello } from '../../shared/sync/sync-protocol';
import { defineRoute } from '../http/define-route';
import { answers } from '../openapi/responses';
import { pullChanges } from '../sync/pull';
import { pullReturns } from '../returns/return-pull';
import { pullBins } from '../picking/bin-pull';
import { pushEvents } from '../sync/push';
import { createSyncTurns } from '../sync/sync-turns';
import { leasePolicyOf } from '../leases/lease-policy';
import { leaseRoutes } from '../leases/lease-routes';
import { recordStationSeen } from '../stations/station-store';
import { stationConflictRoutes } from '../tasks/station-conflict-routes';
import { ssccBlockRoutes } from '../sscc/sscc-block-routes';
import { leaseTerms } from '../../shared/sync/fulfillment-lease';
import type { RouteContext } from '../http/route-context';

const TAG = ['Replication'];
const STATION = { roles: ['station'], scope: 'station' } as const;

/** Replication endpoints. Only stations use them, and their scope comes from their credential. */
export function syncRoutes(app: FastifyInstance, ctx: RouteContext) {
  const { db, config } = ctx;
  const leases = leasePolicyOf(config);
  // Two connections of the pool are kept from pulls for pushes and everything else.
  const turns = createSyncTurns({ pulls: config.pgPoolSize - 2 });
  leaseRoutes(app, ctx);
  stationConflictRoutes(app, ctx);
  ssccBlockRoutes(app, ctx);

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/sync/hello',
      operationId: 'syncHello',
      tags: TAG,
      ...STATION,
      summary: "A station's first call: who it is to the server, the last event sequence the server holds from it, and the server's clock",
      responses: answers('GET', { description: 'stationId, warehouseId, lastSeq, serverTime', schema: SyncHello }),
    },
    async ({ principal: s }): Promise<SyncHello> => {
      const lastSeq = await recordStationSeen(db, s.id);
      return { stationId: s.id, warehouseId: s.warehouseId, lastSeq, serverTime: new Date().toISOString() };
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/sync/pull',
      operationId: 'syncPull',
      tags: TAG,
      ...STATION,
      body: PullRequest,
      summary:
        "Documents of the station's warehouse changed since its checkpoint (fulfillment orders, returns or bin locations), with the next checkpoint",
      responses: answers('POST', {
        description: 'documents (deleted ones as tombstones) and the checkpoint to pull from next',
        schema: AnyPullResponse,
      }),
    },
    async ({ principal: s, body: pull }) =>
      turns.pull((): Promise<unknown> => {
        if (pull.collection === 'returns') return pullReturns(db, s.warehouseId, pull);
        if (pull.collection === 'bins') return pullBins(db, s.warehouseId, pull);
        return pullChanges(db, s.warehouseId, pull);
      }),
  );

  // Each event's text is checked alone (push.ts): one bad event must not refuse its whole batch.
  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/sync/push',
      operationId: 'syncPush',
      tags: TAG,
      ...STATION,
      body: PushRequest,
      summary:
        "The station's recorded events, in its order: each is applied, conflicted (applied, for a supervisor to look at) or rejected, with a code",
      responses: answers('POST', { description: 'an outcome per event', schema: PushResponse }),
    },
    async ({ principal: s, body: { events } }) => {
      const lease = leaseTerms(s.name, leases.now(), leases.ttlMs);
      return turns.push(() =>
        pushEvents(db, { id: s.id, warehouseId: s.warehouseId, lease }, events, {
          orderNumberPrefix: config.orderNumberPrefix,
          returnNumberPrefix: config.returnNumberPrefix,
        }),
      );
    },
    { config: { checksOwnText: true } },
  );
  liveStreamRoute(app, ctx);
}

/** Live stream: RESYNC first (the station pulls from its checkpoint), then a message per change. */
function liveStreamRoute(app: FastifyInstance, ctx: RouteContext) {
  const { changes, config } = ctx;
  // Live streams never end by themselves: a server shutting down ends them (stations reconnect, to
  // another process where there is one), else its close waits for every station to hang up.
  const openStreams = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const close of [...openStreams]) close();
  });
  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/sync/stream',
      operationId: 'syncStream',
      tags: TAG,
      ...STATION,
      summary:
        "Server-sent events: RESYNC first, then {type: 'changed', collection, rev} per change of the station's warehouse, {type: 'tasks-changed'} when a task it sees was opened, joined or worked, and a heartbeat comment",
      responses: answers('GET', { description: 'an event stream', contentType: 'text/event-stream', schema: z.string() }),
    },
    async ({ request, reply, principal: s }) => {
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
      send('RESYNC');
      const unsubscribe = changes.subscribe(s.warehouseId, send);
      const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), config.heartbeatMs);
      // A revoked (or re-credentialed) station's stream ends; reconnecting tells it why (credential_revoked).
      const close = () => {
        end();
        res.end();
      };
      const unwatch = changes.onCredentialChange((c) => {
        if (c.kind === 'station' && c.id === s.id) close();
      });
      const end = () => {
        clearInterval(heartbeat);
        unsubscribe();
        unwatch();
        openStreams.delete(close);
      };
      openStreams.add(close);
      request.raw.on('close', end);
      res.on('error', end);
    },
  );
}
