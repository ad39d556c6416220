import type { ReturnLabelView } from '../../shared/api/returns';
import type { ReturnDocument } from '../../shared/api/returns';
import type { Address } from '../../shared/domain/address';
import type { Actor } from '../../shared/events/station-events';
import type { Queryable } from '../db/database';
import { toInt, toIso } from '../db/database';
import type { Row } from '../db/schema';
import { problems } from '../http/problem';
import { CLAIM_STALE_MS } from '../carriers/carrier-label-store';
import { loadOrder } from '../orders/order-store';
import type { IssuedReturnLabel } from './return-label-issuer';

/**
 * The writer of return_labels and return_label_purchases: an RMA has one return label; asking again
 * answers the one it has. A label bought from a carrier API is claimed first, in its own short
 * transaction, so two asks at once never pay twice; a claim left by a process that died is taken
 * over once it is older than CLAIM_STALE_MS, as an outbound label's is.
 */

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
  const bought = issued.bought ?? null;
  await tx.query(
    `insert into return_labels (return_id, account_id, carrier, service_code, service_name, tracking_number, tracking_url, source, created_by,
       shipment_id, label_format, label_data, amount_minor, currency)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)`,
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
      bought?.shipmentId ?? null,
      bought?.format ?? null,
      bought?.bytes.toString('base64') ?? null,
      bought?.amountMinor ?? null,
      bought?.currency ?? null,
    ],
  );
  await tx.query('delete from return_label_purchases where return_id = $1', [doc.id]);
}

/**
 * Claims the purchase of an RMA's label from a carrier API. Refused while another ask is buying it
 * (409 return_label_in_progress); taken over when that claim is stale.
 */
export async function claimReturnLabelPurchase(tx: Queryable, returnId: string, request: { accountId: string; serviceCode: string }) {
  const inserted = await tx.query(
    `insert into return_label_purchases (return_id, account_id, service_code) values ($1,$2,$3)
     on conflict (return_id) do nothing returning return_id`,
    [returnId, request.accountId, request.serviceCode],
  );
  if (inserted.length) return;
  const [held] = await tx.query<Row<'return_label_purchases'>>('select * from return_label_purchases where return_id = $1 for update', [
    returnId,
  ]);
  if (held && Date.now() - new Date(held.claimed_at).getTime() < CLAIM_STALE_MS)
    throw problems.conflict('return_label_in_progress', 'this return label is being bought right now; ask again in a moment');
  await tx.query(
    `insert into return_label_purchases (return_id, account_id, service_code) values ($1,$2,$3)
     on conflict (return_id) do update set account_id = excluded.account_id, service_code = excluded.service_code, claimed_at = now()`,
    [returnId, request.accountId, request.serviceCode],
  );
}

/** The carrier said no (or never answered): the RMA's label may be asked for again. */
export async function releaseReturnLabelPurchase(q: Queryable, returnId: string): Promise<void> {
  await q.query('delete from return_label_purchases where return_id = $1', [returnId]);
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
    carrierLabel:
      row.label_format && row.label_data
        ? {
            format: row.label_format,
            contentBase64: row.label_data,
            amountMinor: toInt(row.amount_minor ?? 0),
            currency: row.currency ?? '',
          }
        : null,
    voided: row.voided_at
      ? { at: toIso(row.voided_at), reason: row.void_reason ?? '', refundStatus: row.refund_status ?? 'submitted' }
      : null,
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

/** The label's addresses, checked before a number is spent (or a label bought) that could not be printed. */
export async function requireLabelAddresses(q: Queryable, doc: ReturnDocument): Promise<{ from: Address; returnTo: Address }> {
  return addresses(q, doc);
}

/** Records a bought label as voided, with what the carrier said of its refund; a label voided already stays as it was. */
export async function recordReturnLabelVoided(
  tx: Queryable,
  returnId: string,
  v: { reason: string; refundStatus: 'submitted' | 'refunded' | 'not_applicable' },
): Promise<void> {
  await tx.query(
    `update return_labels set voided_at = now(), void_reason = $2, refund_status = $3, void_due_at = null, void_error = null
      where return_id = $1 and voided_at is null`,
    [returnId, v.reason, v.refundStatus],
  );
}

/** Wakes the background refunds of return labels (return-label-refunds.ts). */
export const RETURN_LABEL_REFUNDS_CHANNEL = 'dockside_return_label_refunds';

/**
 * Asks for an RMA's bought, unused label to be voided in the background (the RMA was cancelled),
 * in the caller's transaction: it is due at once and retried until the carrier answers. A label
 * numbered from blocks (nothing paid) or voided already is left as it is.
 */
export async function requestReturnLabelVoid(tx: Queryable, returnId: string, reason: string): Promise<void> {
  const asked = await tx.query(
    `update return_labels set void_due_at = now(), void_reason = $2, void_attempts = 0, void_error = null
      where return_id = $1 and source = 'adapter' and voided_at is null and void_due_at is null returning return_id`,
    [returnId, reason],
  );
  if (asked.length) await tx.query('select pg_notify($1, $2)', [RETURN_LABEL_REFUNDS_CHANNEL, returnId]);
}

/** Takes due refunds under a lease (`void_due_at` moved past it): a process that dies leaves them due again when it runs out. */
export async function claimDueReturnLabelVoids(q: Queryable, leaseMs: number): Promise<Row<'return_labels'>[]> {
  return q.query<Row<'return_labels'>>(
    `update return_labels set void_due_at = now() + make_interval(secs => $1::double precision / 1000)
      where return_id in (
        select return_id from return_labels where void_due_at <= now() and voided_at is null
         order by void_due_at limit 10 for update skip locked)
      returning *`,
    [leaseMs],
  );
}

/** A refund that failed: tried again after `retryMs`, or, with `retryMs` null, not again (its error kept). */
export async function recordReturnLabelVoidFailed(q: Queryable, returnId: string, error: string, retryMs: number | null): Promise<void> {
  await q.query(
    `update return_labels set void_attempts = void_attempts + 1, void_error = $2,
       void_due_at = case when $3::double precision is null then null else now() + make_interval(secs => $3::double precision / 1000) end
      where return_id = $1 and voided_at is null`,
    [returnId, error, retryMs],
  );
}
