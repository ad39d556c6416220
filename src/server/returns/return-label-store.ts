import type { ReturnLabelView } from '../../shared/api/returns';
import type { ReturnDocument } from '../../shared/api/returns';
import type { Address } from '../../shared/domain/address';
import type { Actor } from '../../shared/events/station-events';
import type { Queryable } from '../db/database';
import { toIso } from '../db/database';
import type { Row } from '../db/schema';
import { problems } from '../http/problem';
import { loadOrder } from '../orders/order-store';
import type { IssuedReturnLabel } from './return-label-issuer';

/** The writer of return_labels: an RMA has one return label; asking again answers the one it has. */

const RETURNABLE = new Set(['authorized', 'partially_received']);

export async function readReturnLabelRow(q: Queryable, returnId: string): Promise<Row<'return_labels'> | null> {
  const [row] = await q.query<Row<'return_labels'>>('select * from return_labels where return_id = $1', [returnId]);
  return row ?? null;
}

/** The customer's address (the order's ship-to) sends it; the receiving warehouse's address gets it. */
async function addresses(q: Queryable, doc: ReturnDocument): Promise<{ from: Address; returnTo: Address }> {
  if (!doc.warehouseId) throw problems.unprocessable('return_warehouse_required', 'authorize the return to a warehouse first');
  const [wh] = await q.query<{ address: Address | null }>('select address from warehouses where id = $1', [doc.warehouseId]);
  if (!wh?.address) throw problems.unprocessable('return_address_missing', 'the receiving warehouse has no address to print on the label');
  const order = await loadOrder(q, doc.orderId);
  return { from: order.shippingAddress, returnTo: wh.address };
}

export function checkReturnable(doc: ReturnDocument): void {
  if (!RETURNABLE.has(doc.status))
    throw problems.conflict(
      'return_label_not_needed',
      `${doc.number} is ${doc.status}: a return label is for an authorized return still to arrive`,
    );
  if (doc.method !== 'ship')
    throw problems.conflict('return_label_not_needed', `${doc.number} comes back by ${doc.method}, not by carrier`);
}

export async function insertReturnLabel(
  tx: Queryable,
  doc: ReturnDocument,
  request: { accountId: string; serviceCode: string },
  issued: IssuedReturnLabel,
  actor: Actor,
): Promise<void> {
  await tx.query(
    `insert into return_labels (return_id, account_id, carrier, service_code, service_name, tracking_number, tracking_url, source, created_by)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
    [
      doc.id,
      request.accountId,
      issued.carrier,
      request.serviceCode,
      issued.serviceName,
      issued.trackingNumber,
      issued.trackingUrl,
      issued.source,
      JSON.stringify(actor),
    ],
  );
}

export async function returnLabelView(q: Queryable, doc: ReturnDocument): Promise<ReturnLabelView> {
  const row = await readReturnLabelRow(q, doc.id);
  if (!row) throw problems.notFound(`return label of ${doc.number}`);
  const { from, returnTo } = await addresses(q, doc);
  return {
    returnId: doc.id,
    rmaNumber: doc.number,
    accountId: row.account_id,
    carrier: row.carrier,
    serviceCode: row.service_code,
    serviceName: row.service_name,
    trackingNumber: row.tracking_number,
    trackingUrl: row.tracking_url,
    source: row.source,
    createdAt: toIso(row.created_at),
    label: {
      rmaNumber: doc.number,
      orderNumber: doc.orderNumber,
      from,
      returnTo,
      carrier: `${row.carrier.toUpperCase()} ${row.service_name}`.slice(0, 64),
      trackingNumber: row.tracking_number,
      lines: doc.lines.map((l) => ({ sku: l.sku, name: l.name, quantity: l.quantity, ...(l.barcode ? { barcode: l.barcode } : {}) })),
    },
  };
}

/** Checks the addresses before a number is spent on a label that could not be printed. */
export async function requireLabelAddresses(q: Queryable, doc: ReturnDocument): Promise<void> {
  await addresses(q, doc);
}
