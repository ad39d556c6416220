import type { FastifyInstance } from 'fastify';
import { POLICY_NAMES, Settings, type CapabilitiesView } from '../../shared/api/settings';
import { STATUS_VOCABULARIES } from '../../shared/api/status-vocabulary';
import { ANY_ROLE } from '../auth/principal';
import { defineRoute } from '../http/define-route';
import { etagOf, ifMatchVersions } from '../http/etag';
import { Problem } from '../http/problem';
import { actorOf, type RouteContext } from '../http/route-context';
import { answers } from '../openapi/responses';
import { listPolicyRuns, runPoliciesSoon } from '../policies/policy-store';
import { retryingTransaction } from '../db/retrying-transaction';
import { appendTimeline } from '../timeline/timeline';
import { readSettings, replaceSettings } from './settings-store';

const TAG = ['Settings'];

/** Tenant settings and automation policies (seed 003 §16), and what this server can do. */
export function settingsRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { db } = ctx;

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/settings',
      operationId: 'getSettings',
      tags: TAG,
      roles: ['supervisor', 'integrator'],
      scope: 'global',
      summary: 'The settings: automation policies (cancel unpaid, auto-confirm, partial shipments per channel, review holds, retention)',
      description: 'The answer carries the version as an ETag; send it back in If-Match (or as a body `version`) to replace the settings.',
      responses: answers('GET', { description: 'the settings and their version', headers: ['ETag'] }),
    },
    async ({ reply }) => {
      const view = await readSettings(db);
      void reply.header('etag', etagOf(view.version));
      return view;
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'PUT',
      url: '/v1/settings',
      operationId: 'replaceSettings',
      tags: TAG,
      roles: ['admin'],
      scope: 'global',
      body: Settings,
      ifMatch: true,
      summary: 'Replace the settings (sections left out take their defaults); needs the version you read',
      description:
        'If-Match (or a body `version`) is required: 428 version_required without it, 409 version_mismatch (with currentVersion) ' +
        'when someone saved in between. Every policy runs at once under the new settings.',
      responses: {
        ...answers(
          'PUT',
          { description: 'the settings as saved, with their new version', headers: ['ETag'] },
          { refusals: 'version_mismatch' },
        ),
        428: { description: 'version_required: send If-Match with the version you read' },
      },
    },
    async ({ request, reply, principal, body }) => {
      const raw = request.body as { version?: unknown } | null;
      const wanted = ifMatchVersions(request) ?? (Number.isInteger(raw?.version) ? [raw!.version as number] : null);
      if (!wanted) {
        throw new Problem(428, 'version_required', 'Precondition required', 'send If-Match with the version of the settings you read');
      }
      const actor = actorOf(principal, request);
      const saved = await retryingTransaction(db, async (tx) => {
        const view = await replaceSettings(tx, body, wanted, actor);
        await runPoliciesSoon(tx, (ctx.config.now ?? (() => new Date()))());
        await appendTimeline(tx, { type: 'settings-changed', orderId: null, payload: { version: view.version, settings: body }, actor });
        return view;
      });
      void reply.header('etag', etagOf(saved.version));
      return saved;
    },
  );

  policyRoutes(app, ctx);
}

/** The automation policies' scheduler state, and what this server can do. */
function policyRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { db } = ctx;

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/policies',
      operationId: 'listPolicyRuns',
      tags: TAG,
      roles: ['supervisor'],
      scope: 'global',
      summary: 'Each automation policy: on or off, when the scheduler last ran it and what it did, when it runs next',
      responses: answers('GET', { description: 'the policies' }),
    },
    async () => {
      const { settings } = await readSettings(db);
      return { data: await listPolicyRuns(db, settings) };
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/capabilities',
      operationId: 'getCapabilities',
      tags: TAG,
      roles: ANY_ROLE,
      scope: 'global',
      summary: 'What this server can do: features, automation policies, notification channels with a transport, status vocabularies',
      responses: answers('GET', { description: 'the capabilities' }),
    },
    async (): Promise<CapabilitiesView> => {
      const n = ctx.config.notifications;
      return {
        apiVersion: 'v1',
        features: {
          splitShipments: true,
          backorders: true,
          dropship: true,
          returns: true,
          offlineStations: true,
          fulfillmentLeases: true,
          carrierTrackingBlocks: true,
          graphql: true,
          webhooks: true,
          paymentWebhooks: ctx.config.paymentWebhookSecret !== null,
          customerNotifications: !!(n.smtp || n.slackWebhookUrl || n.sms),
          automationPolicies: true,
          serializedReturns: false,
          thirdPartyLogisticsConnectors: false,
        },
        policies: POLICY_NAMES,
        notificationChannels: { email: !!n.smtp, slack: !!n.slackWebhookUrl, sms: !!n.sms },
        statusVocabularies: STATUS_VOCABULARIES,
      };
    },
  );
}
