import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute } from '../http/define-route';
import { answers } from '../openapi/responses';
import { actorOf, type RouteContext } from '../http/route-context';
import { deliverNow } from './delivery-worker';
import { secretsAreSealed } from './secret-box';
import { recordedTimelineTypes } from '../timeline/timeline';
import {
  CreateWebhookRequest,
  KNOWN_WEBHOOK_EVENTS,
  ListDeliveriesQuery,
  UpdateWebhookRequest,
  createWebhook,
  deleteWebhook,
  deliveryView,
  enqueueTestDelivery,
  getDelivery,
  getWebhook,
  listDeliveries,
  listWebhooks,
  redeliver,
  updateWebhook,
} from './webhook-store';

const TAG = ['Webhooks'];
const WebhookParams = z.object({ id: z.string().uuid('webhook ids are UUIDs') });
const DeliveryParams = WebhookParams.extend({ deliveryId: z.string().uuid('delivery ids are UUIDs') });
const webhook = { description: 'the webhook (its secret only as a hint)' };
const delivery = { description: 'the delivery: status, attempts and their log' };
// Webhooks see every warehouse's events: an integrator's key that is not bound to a warehouse manages them.
const WHO = { roles: ['integrator'], scope: 'unbound' } as const;

/** Outgoing webhooks: subscriptions, their delivery log, redelivery and a signed test. Deliveries run from background/background-work.ts. */
export function webhookRoutes(app: FastifyInstance, ctx: RouteContext): void {
  webhookSubscriptionRoutes(app, ctx);
  webhookDeliveryRoutes(app, ctx);
}

/** Subscriptions: create, list, read, change, delete; the event types. */
function webhookSubscriptionRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { db } = ctx;

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/webhooks',
      operationId: 'createWebhook',
      tags: TAG,
      ...WHO,
      body: CreateWebhookRequest,
      summary: 'Subscribe a URL to events; the signing secret is shown once',
      responses: answers('POST', { description: 'the webhook and its secret' }, { status: 201 }),
    },
    async ({ request, reply, principal, body }) => {
      const created = await createWebhook(db, actorOf(principal, request), body, ctx.config.webhooks.secretKey);
      return reply
        .status(201)
        .header('location', `/v1/webhooks/${created.id}`)
        .send({ ...created, secretStorage: secretsAreSealed(ctx.config.webhooks.secretKey) ? 'sealed' : 'plain' });
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/webhooks',
      operationId: 'listWebhooks',
      tags: TAG,
      ...WHO,
      summary: 'Every webhook',
      responses: answers('GET', { description: 'webhooks' }),
    },
    async () => ({ data: await listWebhooks(db) }),
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/webhooks/events',
      operationId: 'listWebhookEvents',
      tags: TAG,
      ...WHO,
      summary: 'The event names a webhook can subscribe to, and the timeline types seen so far',
      responses: answers('GET', { description: 'event names' }),
    },
    async () => {
      return {
        data: [...KNOWN_WEBHOOK_EVENTS],
        timelineTypes: await recordedTimelineTypes(db),
        note: 'Subscribe to any of these, to a timeline type (package-shipped) or its dotted form (package.shipped), or to * for everything.',
      };
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/webhooks/:id',
      operationId: 'getWebhook',
      tags: TAG,
      ...WHO,
      params: WebhookParams,
      summary: 'A webhook',
      responses: answers('GET', webhook),
    },
    async ({ params }) => getWebhook(db, params.id),
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'PATCH',
      url: '/v1/webhooks/:id',
      operationId: 'updateWebhook',
      tags: TAG,
      ...WHO,
      params: WebhookParams,
      body: UpdateWebhookRequest,
      summary: "Change a webhook's URL, events, secret, description, or pause it",
      responses: answers('PATCH', webhook),
    },
    async ({ params, body }) => updateWebhook(db, params.id, body, ctx.config.webhooks.secretKey),
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'DELETE',
      url: '/v1/webhooks/:id',
      operationId: 'deleteWebhook',
      tags: TAG,
      ...WHO,
      params: WebhookParams,
      summary: 'Delete a webhook, its pending deliveries and its delivery log',
      responses: answers('DELETE', { description: 'deleted' }, { status: 204 }),
    },
    async ({ reply, params }) => {
      await deleteWebhook(db, params.id);
      return reply.status(204).send();
    },
  );
}

/** The delivery log: read, redeliver, test. */
function webhookDeliveryRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { db } = ctx;

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/webhooks/:id/deliveries',
      operationId: 'listWebhookDeliveries',
      tags: TAG,
      ...WHO,
      params: WebhookParams,
      query: ListDeliveriesQuery,
      summary: "A webhook's deliveries, newest first",
      responses: answers('GET', { description: 'deliveries and nextCursor' }),
    },
    async ({ params, query }) => listDeliveries(db, params.id, query),
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/webhooks/:id/deliveries/:deliveryId',
      operationId: 'getWebhookDelivery',
      tags: TAG,
      ...WHO,
      params: DeliveryParams,
      summary: 'A delivery and its attempts',
      responses: answers('GET', delivery),
    },
    async ({ params }) => deliveryView(await getDelivery(db, params.id, params.deliveryId)),
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/webhooks/:id/deliveries/:deliveryId/redeliver',
      operationId: 'redeliverWebhookDelivery',
      tags: TAG,
      ...WHO,
      params: DeliveryParams,
      summary: 'Queue a finished delivery again, with a fresh set of attempts',
      responses: answers('POST', delivery, { status: 202, refusals: 'delivery_pending' }),
    },
    async ({ reply, params }) => {
      // Read per request, as the delivery worker reads them at start (tests change them through the environment).
      const queued = await redeliver(db, params.id, params.deliveryId, ctx.config.webhooks.maxAttempts);
      return reply.status(202).send(queued);
    },
  );

  // Sends a signed test event now and answers with the attempt's outcome (also in the delivery log).
  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/webhooks/:id/test',
      operationId: 'testWebhook',
      tags: TAG,
      ...WHO,
      params: WebhookParams,
      summary: 'Send a signed test event now; answers with the attempt',
      responses: answers('POST', delivery),
    },
    async ({ request, principal, params: { id } }) => {
      const deliveryId = await enqueueTestDelivery(db, id, actorOf(principal, request));
      const sent = await deliverNow(db, deliveryId, ctx.config.webhooks);
      return sent ?? deliveryView(await getDelivery(db, id, deliveryId));
    },
  );
}
