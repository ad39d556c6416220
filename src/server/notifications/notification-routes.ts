import type { FastifyInstance } from 'fastify';
import {
  ListNotificationsQuery,
  NotificationChannelParams,
  ResendConfirmationRequest,
  UpdateChannelSettingsRequest,
  type NotificationChannel,
} from '../../shared/api/notifications';
import { defineRoute } from '../http/define-route';
import { runIdempotent, sendCommandResponse } from '../http/idempotency';
import { problems } from '../http/problem';
import { actorOf, type RouteContext } from '../http/route-context';
import { answers } from '../openapi/responses';
import { requireOrderInScope } from '../orders/order-scope';
import { loadOrder } from '../orders/order-store';
import { OrderIdParams } from '../orders/routes/route-kit';
import { enqueueResend, listNotifications, readChannelSettings, updateChannelSettings } from './notification-store';

const TAG = ['Notifications'];
// Customer contact details are in the log: the people who deal with customers read it.
const READERS = ['integrator', 'supervisor'] as const;

/** Customer notifications: per-channel settings, the delivery log, resending a confirmation. Sending runs from background/background-work.ts. */
export function notificationRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { db } = ctx;
  const n = ctx.config.notifications;
  const configured = (c: NotificationChannel) => (c === 'email' ? !!n.smtp : c === 'slack' ? !!n.slackWebhookUrl : !!n.sms);

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/notifications/settings',
      operationId: 'getNotificationSettings',
      tags: TAG,
      roles: ['admin'],
      scope: 'global',
      summary: 'Per channel (email, slack, sms): on or off, the events it sends, and whether its transport is configured',
      responses: answers('GET', { description: 'the settings of each channel' }),
    },
    async () => ({ data: await readChannelSettings(db, configured) }),
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'PUT',
      url: '/v1/notifications/settings/:channel',
      operationId: 'setNotificationChannel',
      tags: TAG,
      roles: ['admin'],
      scope: 'global',
      params: NotificationChannelParams,
      body: UpdateChannelSettingsRequest,
      summary: 'Turn a channel on or off and choose which events it sends',
      description: 'Applies to events recorded from now on; notifications already in the outbox are sent as they are.',
      responses: answers('PUT', { description: 'the settings of each channel' }),
    },
    async ({ request, principal, params, body }) => {
      await updateChannelSettings(db, params.channel, body, actorOf(principal, request));
      return { data: await readChannelSettings(db, configured) };
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/notifications',
      operationId: 'listNotifications',
      tags: TAG,
      roles: READERS,
      scope: 'unbound',
      query: ListNotificationsQuery,
      summary: 'The delivery log of every order: status, attempts, last error; newest first',
      responses: answers('GET', { description: 'notifications' }),
    },
    async ({ query }) => listNotifications(db, query),
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/orders/:id/notifications',
      operationId: 'listOrderNotifications',
      tags: TAG,
      roles: READERS,
      scope: 'warehouse',
      params: OrderIdParams,
      query: ListNotificationsQuery,
      summary: "The order's notifications: what was sent to whom on which channel, attempts, last error; newest first",
      responses: answers('GET', { description: 'notifications' }),
    },
    async ({ principal, params, query }) => {
      await requireOrderInScope(db, principal, params.id);
      await loadOrder(db, params.id);
      return listNotifications(db, query, params.id);
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/orders/:id/resend-confirmation',
      operationId: 'resendOrderConfirmation',
      tags: TAG,
      roles: READERS,
      scope: 'warehouse',
      params: OrderIdParams,
      body: ResendConfirmationRequest,
      bodyOptional: true,
      idempotent: true,
      summary: 'Send the order confirmation again (email unless channels say otherwise); the channel settings do not filter it',
      responses: answers('POST', { description: 'the notifications put in the outbox' }, { status: 202, refusals: 'order_not_confirmed' }),
    },
    async ({ request, reply, principal, params, body }) => {
      // A retried request with the same Idempotency-Key answers again without sending again.
      const response = await runIdempotent(db, request, principal.id, async (tx) => {
        await requireOrderInScope(tx, principal, params.id);
        const order = await loadOrder(tx, params.id);
        if (!order.milestones.confirmed)
          throw problems.conflict(
            'order_not_confirmed',
            `order ${order.number} is ${order.status} and was never confirmed: there is no confirmation to resend`,
          );
        return { status: 202, body: { data: await enqueueResend(tx, order.id, body.channels, actorOf(principal, request)) } };
      });
      return sendCommandResponse(reply, response);
    },
  );
}
