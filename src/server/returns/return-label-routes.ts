import type { FastifyInstance } from 'fastify';
import { CreateReturnLabelRequest, ReturnLabelView } from '../../shared/api/returns';
import { defineRoute } from '../http/define-route';
import { IdParams } from '../http/params';
import { actorOf, type RouteContext } from '../http/route-context';
import { answers } from '../openapi/responses';
import { retryingTransaction } from '../db/retrying-transaction';
import { returnInScope } from './return-actions';
import { issuerFor } from './return-label-issuer';
import { checkReturnable, insertReturnLabel, readReturnLabelRow, requireLabelAddresses, returnLabelView } from './return-label-store';

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
        "The RMA's return label on a carrier service, numbered from the account's tracking numbers; asking again answers the label it has",
      responses: answers('POST', view, {
        status: 201,
        refusals:
          'return_label_not_needed, carrier_account_inactive, tracking_numbers_exhausted, carrier_service_unknown, return_address_missing, return_label_account_buys_labels',
      }),
    },
    async ({ request, reply, principal, params, body }) => {
      const { created, label } = await retryingTransaction(db, async (tx) => {
        const doc = await returnInScope(tx, principal, params.id, true);
        if (await readReturnLabelRow(tx, doc.id)) return { created: false, label: await returnLabelView(tx, doc) };
        checkReturnable(doc);
        await requireLabelAddresses(tx, doc);
        const issuer = await issuerFor(tx, doc.warehouseId!, body.accountId);
        const issued = await issuer.issue(tx, { warehouseId: doc.warehouseId!, ...body, rmaNumber: doc.number });
        await insertReturnLabel(tx, doc, body, issued, actorOf(principal, request));
        return { created: true, label: await returnLabelView(tx, doc) };
      });
      return reply.status(created ? 201 : 200).send(label);
    },
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
