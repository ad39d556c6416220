import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { renderPdf } from '../../documents/render-pdf';
import { billingDocument } from '../../shared/labels/templates/billing-document';
import { defineRoute } from '../http/define-route';
import { problems } from '../http/problem';
import { actorOf, type RouteContext } from '../http/route-context';
import { named } from '../openapi/catalog';
import { AddressSchema, listOf } from '../openapi/resource-schemas';
import { answers } from '../openapi/responses';
import { runOrderCommand } from '../orders/order-command';
import { requireOrderInScope } from '../orders/order-scope';
import { loadOrder } from '../orders/order-store';
import { OrderIdParams, ROLES, commandResponses, readResponses } from '../orders/routes/route-kit';
import { billingDocumentsOf, loadBillingDocument } from './billing-store';
import { issueInvoice } from './issue-documents';

const TAG = ['Invoices'];
const DocumentParams = z.object({ id: z.string().uuid('order ids are UUIDs'), documentId: z.string().uuid('invoice ids are UUIDs') });
const GenerateInvoiceRequest = z.strictObject({ reason: z.string().trim().min(1).max(500).optional() });

const Money = z.number().int();
const BillingLineSchema = named(
  z.object({
    kind: z.enum(['item', 'shipping', 'adjustment']),
    lineId: z.string().uuid().nullable(),
    sku: z.string().nullable(),
    description: z.string(),
    quantity: z.number().int(),
    unitPriceMinor: Money,
    subtotalMinor: Money,
    discountMinor: Money,
    taxRateBps: z.number().int(),
    taxMinor: Money,
    totalMinor: Money,
  }),
  'BillingLine',
);
export const BillingDocumentSchema = named(
  z.object({
    id: z.string().uuid(),
    orderId: z.string().uuid(),
    orderNumber: z.string(),
    kind: z.enum(['invoice', 'credit_note']),
    number: z.string().describe('INV-YYYY-NNNNNN or CN-YYYY-NNNNNN: consecutive per kind and calendar year, without gaps'),
    currency: z.string(),
    lines: z.array(BillingLineSchema),
    subtotalMinor: Money,
    discountMinor: Money,
    taxMinor: Money,
    shippingMinor: Money,
    totalMinor: Money,
    billTo: z.object({ name: z.string(), email: z.string().nullable(), address: AddressSchema }),
    reason: z.string(),
    correctsId: z.string().uuid().nullable().describe('the invoice a credit note or supplementary invoice corrects'),
    refundId: z.string().uuid().nullable(),
    quoteId: z.string().uuid().nullable(),
    issuedAt: z.string(),
    pdfUrl: z.string(),
  }),
  'BillingDocument',
);

/** What the documents say they are from (the seller's name at the top). */
const SELLER = { name: 'Dockside' };

/** Invoices and credit notes of an order (seed 003 §8): listed, read, downloaded as PDF, and invoiced on request. */
export function billingRoutes(app: FastifyInstance, ctx: RouteContext) {
  const { db } = ctx;
  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/orders/:id/invoices',
      operationId: 'listOrderInvoices',
      tags: TAG,
      roles: ROLES.read,
      scope: 'warehouse',
      params: OrderIdParams,
      summary: "An order's invoices and credit notes, in the order they were issued",
      responses: readResponses({ description: 'the documents', schema: listOf(BillingDocumentSchema, 'BillingDocumentList') }),
    },
    async ({ principal, params }) => {
      await requireOrderInScope(db, principal, params.id);
      await loadOrder(db, params.id);
      return { data: await billingDocumentsOf(db, params.id) };
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/orders/:id/invoices/:documentId',
      operationId: 'getOrderInvoice',
      tags: TAG,
      roles: ROLES.read,
      scope: 'warehouse',
      params: DocumentParams,
      summary: 'One invoice or credit note: its frozen lines, tax and totals',
      responses: readResponses({ description: 'the document', schema: BillingDocumentSchema }),
    },
    async ({ principal, params }) => {
      await requireOrderInScope(db, principal, params.id);
      return loadBillingDocument(db, params.id, params.documentId);
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/orders/:id/invoices/:documentId/pdf',
      operationId: 'downloadOrderInvoice',
      tags: TAG,
      roles: ROLES.read,
      scope: 'warehouse',
      params: DocumentParams,
      summary: 'The invoice or credit note as a PDF (A4), drawn from its stored lines',
      responses: answers('GET', { description: 'the PDF', contentType: 'application/pdf' }),
    },
    async ({ principal, params, reply }) => {
      await requireOrderInScope(db, principal, params.id);
      const doc = await loadBillingDocument(db, params.id, params.documentId);
      const pdf = await renderPdf(billingDocument(doc, SELLER), { dpi: 300 });
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="${doc.number}.pdf"`).send(pdf);
    },
  );

  defineRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/orders/:id/invoices/generate',
      operationId: 'generateOrderInvoice',
      tags: TAG,
      roles: ROLES.write,
      scope: 'warehouse',
      params: OrderIdParams,
      body: GenerateInvoiceRequest,
      bodyOptional: true,
      idempotent: true,
      ifMatch: true,
      summary: 'Invoice an order now (one confirmed on account, before it is paid); answers its invoice if it has one',
      description: 'A paid order is invoiced when it is paid. A pending or cancelled order cannot be invoiced (409 order_not_invoiceable).',
      responses: commandResponses({ description: 'the invoice', schema: BillingDocumentSchema, headers: ['ETag'] }, 201),
    },
    async ({ request, reply, principal, params, body }) =>
      runOrderCommand(db, request, reply, principal, actorOf(principal, request), params.id, async (c) => {
        if (c.order.status === 'pending' || c.order.status === 'cancelled')
          throw problems.conflict('order_not_invoiceable', `a ${c.order.status} order is not invoiced`, {
            currentStatus: c.order.status,
            currentVersion: c.order.version,
          });
        const id = await issueInvoice(c.tx, c.order, c.actor, body?.reason ?? 'invoiced on request');
        return { status: 201, body: await loadBillingDocument(c.tx, c.order.id, id) };
      }),
  );
}
