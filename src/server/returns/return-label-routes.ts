import type { FastifyInstance } from 'fastify';
import { CreateReturnLabelRequest, ReturnLabelView, VoidReturnLabelRequest } from '../../shared/api/returns';
import { defineRoute } from '../http/define-route';
import { IdParams } from '../http/params';
import { actorOf, type RouteContext } from '../http/route-context';
import { answers } from '../openapi/responses';
import { makeReturnLabel } from './make-return-label';
import { returnInScope } from './return-actions';
import { returnLabelView } from './return-label-store';
import { voidReturnLabel } from './void-return-label';

const TAG = ['Returns'];
const LABELLERS = { roles: ['supervisor', 'returns', 'integrator', 'station'], scope: 'warehouse' } as const;
const view = { description: 'the return label, with what to print', schema: ReturnLabelView };

/** An RMA's return label: numbered once from a carrier account (a later call answers the same label), read, printed. */
export function returnLabelRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { db } = ctx;

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/returns/:id/return-label',
      operationId: 'createReturnLabel',
      tags: TAG,
      ...LABELLERS,
      params: IdParams,
      body: CreateReturnLabelRequest,
      summary:
        "The RMA's return label on a carrier service: numbered from the account's tracking numbers, or bought from the carrier's API for an account that buys its labels; asking again answers the label it has",
      responses: answers('POST', view, {
        status: 201,
        refusals:
          'return_label_not_needed, return_label_voided, carrier_account_inactive, tracking_numbers_exhausted, carrier_service_unknown, return_address_missing, weight_required, return_label_in_progress, carrier_credentials_missing, address_invalid, rate_unavailable, rate_expired, carrier_refused',
      }),
    },
    async ({ request, reply, principal, params, body }) => {
      const { created, label } = await makeReturnLabel(ctx, principal, actorOf(principal, request), params.id, body);
      return reply.status(created ? 201 : 200).send(label);
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/returns/:id/return-label/void',
      operationId: 'voidReturnLabel',
      tags: TAG,
      roles: ['supervisor', 'returns', 'integrator'],
      scope: 'warehouse',
      params: IdParams,
      body: VoidReturnLabelRequest,
      summary:
        "Void the RMA's bought return label at the carrier for a refund (the customer will not ship with it); it is never printed again",
      responses: answers('POST', view, {
        refusals: 'return_label_not_bought, return_label_in_use, carrier_refund_rejected, carrier_credentials_missing',
      }),
    },
    async ({ principal, params, body }) => voidReturnLabel(ctx, principal, params.id, body.reason),
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/returns/:id/return-label',
      operationId: 'getReturnLabel',
      tags: TAG,
      ...LABELLERS,
      params: IdParams,
      summary: "The RMA's return label: carrier, tracking number and what to print",
      responses: answers('GET', view),
    },
    async ({ principal, params }) => returnLabelView(db, await returnInScope(db, principal, params.id)),
  );
}
