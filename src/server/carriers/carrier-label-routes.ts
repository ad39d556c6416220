import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  BuyCarrierLabelRequest,
  CarrierLabelView,
  CarrierRatesView,
  RateCarrierLabelRequest,
  TrackingPushOutcome,
  VoidCarrierLabelRequest,
} from '../../shared/carriers/carrier-labels';
import { retryingTransaction } from '../db/retrying-transaction';
import { defineRoute } from '../http/define-route';
import { IdParams } from '../http/params';
import { Problem, problems } from '../http/problem';
import { actorOf, type RouteContext } from '../http/route-context';
import { answers, problem } from '../openapi/responses';
import { findPackage } from '../packages/package-store';
import { recordTrackingUpdate } from '../packages/tracking-update';
import { CarrierApiError } from './carrier-adapter';
import { packageOfTrackingNumber } from './carrier-label-store';
import { adapterOf, buyCarrierLabel, readCarrierLabel, voidCarrierLabel } from './carrier-labels';
import { rateCarrierLabel } from './carrier-rates';
import { getCarrierAccount } from './carrier-store';

const TAG = ['Carriers'];
const BUYERS = ['supervisor', 'packer', 'integrator', 'station'] as const;
const carrierDown = {
  502: problem('carrier_unreachable, carrier_failed or carrier_unauthorized: the carrier API could not do it; nothing was bought'),
  504: problem('carrier_timeout: the carrier API did not answer in time; nothing was recorded, ask again'),
};
const label = { description: 'the bought label, its file included (base64)', schema: CarrierLabelView };

/** Labels bought from a carrier API for a package, their void, and the carrier's signed tracking pushes. */
export function carrierLabelRoutes(app: FastifyInstance, ctx: RouteContext): void {
  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/packages/:id/carrier-rates',
      operationId: 'rateCarrierLabel',
      tags: TAG,
      roles: BUYERS,
      scope: 'warehouse',
      params: IdParams,
      body: RateCarrierLabelRequest,
      summary:
        "What each service of the carrier account would cost for the package, from the carrier's API (EasyPost), cheapest first; nothing is bought",
      responses: {
        ...answers(
          'POST',
          { description: 'the rates, and the services not offered for this parcel', schema: CarrierRatesView },
          { refusals: 'carrier_labels_not_bought, carrier_credentials_missing, carrier_account_inactive, package_not_labellable' },
        ),
        ...carrierDown,
      },
    },
    async ({ principal, params, body }) => rateCarrierLabel(ctx, principal, params.id.toLowerCase(), body),
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/packages/:id/carrier-label',
      operationId: 'buyCarrierLabel',
      tags: TAG,
      roles: BUYERS,
      scope: 'warehouse',
      params: IdParams,
      body: BuyCarrierLabelRequest,
      summary:
        "Buy the package's label from its carrier account's API (EasyPost): rated, bought, and the tracking number, tracking URL and label put on the package. Asking again answers the label already bought",
      responses: {
        ...answers('POST', label, {
          status: 201,
          refusals:
            'carrier_labels_not_bought, carrier_credentials_missing, carrier_label_in_progress, rate_expired, carrier_refused, package_not_labellable',
        }),
        200: { description: 'the label this package already has (nothing bought again)', schema: CarrierLabelView },
        ...carrierDown,
      },
    },
    async ({ request, reply, principal, params, body }) => {
      const { label: bought, repeated } = await buyCarrierLabel(ctx, principal, actorOf(principal, request), params.id.toLowerCase(), body);
      return reply.status(repeated ? 200 : 201).send(bought);
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/packages/:id/carrier-label',
      operationId: 'getCarrierLabel',
      tags: TAG,
      roles: ['supervisor', 'packer', 'integrator', 'station'],
      scope: 'warehouse',
      params: IdParams,
      summary: "The package's bought label with its file, to reprint it byte for byte",
      responses: answers('GET', label),
    },
    async ({ principal, params }) => readCarrierLabel(ctx.db, principal, params.id.toLowerCase()),
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/packages/:id/carrier-label/void',
      operationId: 'voidCarrierLabel',
      tags: TAG,
      roles: ['supervisor', 'packer', 'station'],
      scope: 'warehouse',
      params: IdParams,
      body: VoidCarrierLabelRequest,
      summary:
        'Void a bought label before the parcel ships: the carrier is asked for a refund and the package is voided. A carrier that cannot be reached answers 202: voided here, the refund asked for again in the background',
      responses: {
        ...answers('POST', label, { refusals: 'package_already_shipped, carrier_refund_rejected' }),
        202: {
          description: 'voided here; the carrier did not answer, so its refund is asked for again in the background (refundPending)',
          schema: CarrierLabelView,
        },
        502: problem('carrier_unauthorized: the carrier refused this account; nothing was voided'),
      },
    },
    async ({ request, reply, principal, params, body }) => {
      const voided = await voidCarrierLabel(ctx, principal, actorOf(principal, request), params.id.toLowerCase(), body.reason);
      return reply.status(voided.refundPending ? 202 : 200).send(voided);
    },
  );

  trackingPushRoute(app, ctx);
}

/** The carrier signs its pushes over the raw bytes, so this route reads the body unparsed. */
function trackingPushRoute(app: FastifyInstance, ctx: RouteContext): void {
  app.register(async (raw) => {
    raw.removeAllContentTypeParsers();
    raw.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    defineRoute(
      raw,
      ctx,
      {
        method: 'POST',
        url: '/v1/carrier-accounts/:id/tracking-events',
        operationId: 'carrierTrackingPush',
        tags: TAG,
        roles: [],
        params: IdParams,
        summary:
          "A carrier API's tracking push (EasyPost tracker.updated Event) for one account: in transit, delivered, exception, returned to sender",
        description:
          "Register this URL as the account's EasyPost webhook with the webhook secret stored as the account's webhookSecret credential. Each push must carry X-Hmac-Signature: hmac-sha256-hex=<hex HMAC-SHA256 of the raw body, keyed with the NFKD-normalized secret>. The same event id is applied once; a move the package cannot make yet (a parcel scanned before its shipment reached the server) answers 409 so the carrier delivers it again later.",
        body: z.object({ id: z.string(), description: z.string(), result: z.record(z.string(), z.unknown()) }).passthrough(),
        requestHeaders: [{ name: 'x-hmac-signature', required: true, description: 'hmac-sha256-hex=<hex HMAC-SHA256 of the raw body>' }],
        responses: {
          200: {
            description: 'received: applied, a duplicate, ignored, or for a tracking number no bought label has',
            schema: TrackingPushOutcome,
          },
          400: problem('malformed_body: the signed body is not JSON'),
          401: problem('signature_invalid: missing or wrong X-Hmac-Signature'),
          404: problem('not_found: no such carrier account'),
          409: problem('package_transition_forbidden: the package cannot make this move yet; deliver again later'),
          503: problem('carrier_webhook_not_configured: the account has no webhookSecret credential'),
        },
      },
      async ({ request, params }) => {
        const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const account = await getCarrierAccount(ctx.db, params.id);
        const { adapter, webhookSecret } = await adapterOf(ctx, account);
        if (!webhookSecret)
          throw new Problem(503, 'carrier_webhook_not_configured', 'Not configured', `${account.name} has no webhookSecret credential`);
        let update;
        try {
          update = adapter.readTrackingPush(rawBody, request.headers, webhookSecret);
        } catch (e) {
          if (!(e instanceof CarrierApiError)) throw e;
          if (e.code === 'signature_invalid') throw new Problem(401, e.code, 'Bad signature', e.message);
          throw new Problem(400, 'malformed_body', 'The body is not valid JSON', e.message);
        }
        if (!update) return { outcome: 'ignored', packageId: null, status: null } satisfies TrackingPushOutcome;
        const packageId = await packageOfTrackingNumber(ctx.db, account.id, update.trackingNumber);
        if (!packageId) return { outcome: 'unknown_tracking_number', packageId: null, status: null } satisfies TrackingPushOutcome;
        const status = update.status;
        if (!status) return { outcome: 'ignored', packageId, status: null } satisfies TrackingPushOutcome;
        return retryingTransaction(ctx.db, async (tx) => {
          const { doc } = await findPackage(tx, packageId, true).catch(() => {
            throw problems.conflict('package_transition_forbidden', 'the package has not reached the server yet');
          });
          const { fresh, view } = await recordTrackingUpdate(
            tx,
            doc,
            packageId,
            {
              status,
              description: update.description ?? undefined,
              location: update.location ?? undefined,
              occurredAt: update.occurredAt,
              externalId: update.eventId,
              trackingNumber: update.trackingNumber,
            },
            { kind: 'webhook', id: `${adapter.provider}:${account.id}`, name: `${adapter.provider} tracking` },
          );
          return { outcome: fresh ? 'applied' : 'duplicate', packageId, status: view.status } satisfies TrackingPushOutcome;
        });
      },
      { bodyIsRaw: true, documentIn: app },
    );
  });
}
