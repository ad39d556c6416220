import type { FastifyInstance } from 'fastify';
import { PaymentWebhookEvent, RefundRequest } from '../../shared/api/order-commands';
import { defineRoute } from '../http/define-route';
import { Problem, parseWith } from '../http/problem';
import { named } from '../openapi/catalog';
import { PaymentsListSchema, ProblemSchema, RefundSchema, WebhookOutcomeSchema } from '../openapi/resource-schemas';
import { runOrderCommand } from '../orders/order-command';
import { requireOrderInScope } from '../orders/order-scope';
import { loadOrder } from '../orders/order-store';
import { presentOrder } from '../orders/order-view';
import { OrderIdParams, ROLES, commandResponses, readResponses } from '../orders/routes/route-kit';
import { actorOf, type RouteContext } from '../http/route-context';
import { paymentsOf, refundsOf } from './payment-store';
import { handlePaymentEvent } from './payment-webhook';
import { refundFromRequest } from './refunds';
import { refundRequestSummariesOf } from '../returns/refund-requests';
import { PAYMENT_SIGNATURE_HEADER, verifyPaymentSignature } from './webhook-signature';

named(RefundRequest, 'RefundRequest');
named(PaymentWebhookEvent, 'PaymentWebhookEvent');
const TAG = ['Payments and refunds'];

/** Payments are references to the gateway; refunds are recorded here; payment status changes arrive by the signed webhook. */
export function paymentRoutes(app: FastifyInstance, ctx: RouteContext) {
  const { db } = ctx;

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/orders/:id/payments',
      operationId: 'listOrderPayments',
      tags: TAG,
      roles: ['integrator', 'supervisor', 'returns'],
      scope: 'warehouse',
      params: OrderIdParams,
      summary: "An order's payment records, refunds and pending refund requests",
      responses: readResponses({ description: 'payments and refunds', schema: PaymentsListSchema }),
    },
    async ({ principal, params }) => {
      await requireOrderInScope(db, principal, params.id);
      await loadOrder(db, params.id);
      return {
        payments: await paymentsOf(db, params.id),
        refunds: await refundsOf(db, params.id),
        refundRequests: await refundRequestSummariesOf(db, params.id),
      };
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/orders/:id/refunds',
      operationId: 'refundOrder',
      tags: TAG,
      roles: ROLES.write,
      scope: 'warehouse',
      params: OrderIdParams,
      body: RefundRequest,
      idempotent: true,
      ifMatch: true,
      summary:
        'Refund part or all of what was captured: an amount, lines at their frozen prices, shipping, or a refund request raised by a return',
      description:
        'Payment status becomes partially_refunded or refunded; a shipped, delivered or completed order refunded in full becomes refunded. More than was captured: 409 refund_exceeds_paid.',
      responses: commandResponses({ description: 'the order and the refund', schema: RefundSchema }, 201),
    },
    async ({ request, principal, reply, params, body }) => {
      return runOrderCommand(db, request, reply, principal, actorOf(principal, request), params.id, async (c) => {
        const { order, refund } = await refundFromRequest(c.tx, c.order, body, c.actor);
        return { status: 201, body: { ...(await presentOrder(c.tx, order, { expand: new Set(), vocabulary: 'dockside' })), refund } };
      });
    },
  );

  // The gateway signs the raw bytes, so this route reads the body unparsed (its own content-type parser, scoped to this plugin).
  app.register(async (raw) => {
    raw.removeAllContentTypeParsers();
    raw.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    defineRoute(
      raw,
      ctx,
      {
        method: 'POST',
        url: '/v1/orders/webhook/payment',
        operationId: 'paymentWebhook',
        tags: TAG,
        roles: [],
        summary: 'Inbound payment gateway events (authorized, captured, failed, voided, refund succeeded/failed), HMAC-SHA256 signed',
        description: `Send ${PAYMENT_SIGNATURE_HEADER}: sha256=<hex HMAC-SHA256 of the raw body with the shared secret (DOCKSIDE_PAYMENT_WEBHOOK_SECRET)>. A redelivered event id is answered with its recorded outcome and never applied twice. An event that does not fit the order is acknowledged with outcome rejected and a stable code, and a reconciliation task is opened. A capture beyond the balance due (what is still owed: cancelled units left it, a cancelled order owes nothing) is applied, since the money moved, and a reconciliation task names the excess to refund; a capture on a cancelled order is recorded so but never invoiced (code payment_captured_after_cancel).`,
        body: PaymentWebhookEvent,
        requestHeaders: [{ name: PAYMENT_SIGNATURE_HEADER, required: true, description: 'sha256=<hex HMAC-SHA256 of the raw body>' }],
        responses: {
          200: { description: 'received (applied, ignored as already known, or rejected with a code)', schema: WebhookOutcomeSchema },
          400: { description: 'malformed_body or validation_failed', schema: ProblemSchema, contentType: 'application/problem+json' },
          401: {
            description: 'payment_signature_missing or payment_signature_invalid',
            schema: ProblemSchema,
            contentType: 'application/problem+json',
          },
          503: {
            description: 'payment_webhook_not_configured: no shared secret is set',
            schema: ProblemSchema,
            contentType: 'application/problem+json',
          },
        },
      },
      async ({ request }) => {
        const secret = ctx.config.paymentWebhookSecret;
        if (!secret)
          throw new Problem(
            503,
            'payment_webhook_not_configured',
            'Not configured',
            'set DOCKSIDE_PAYMENT_WEBHOOK_SECRET to accept payment webhooks',
          );
        const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const signature = request.headers[PAYMENT_SIGNATURE_HEADER];
        if (typeof signature !== 'string')
          throw new Problem(401, 'payment_signature_missing', 'Signature required', `send ${PAYMENT_SIGNATURE_HEADER}`);
        if (!verifyPaymentSignature(rawBody, signature, secret))
          throw new Problem(401, 'payment_signature_invalid', 'Bad signature', 'the signature does not match the body');
        let json: unknown;
        try {
          json = JSON.parse(rawBody.toString('utf8'));
        } catch {
          throw new Problem(400, 'malformed_body', 'The body is not valid JSON', 'the signed body is not JSON');
        }
        return handlePaymentEvent(db, parseWith(PaymentWebhookEvent, json));
      },
      { bodyIsRaw: true, documentIn: app },
    );
  });
}
