import type { CarrierLabelView } from '../../shared/carriers/carrier-labels';
import type { Actor } from '../../shared/events/station-events';
import type { Queryable } from '../db/database';
import { toInt, toIso } from '../db/database';
import type { Row } from '../db/schema';
import { problems } from '../http/problem';
import type { BoughtLabel, RefundOutcome } from './carrier-adapter';

/**
 * The writer of carrier_labels. A purchase is claimed ('buying') in its own short transaction
 * before the carrier is called, so two requests for one package never pay twice; a claim left by
 * a process that died is taken over once it is older than CLAIM_STALE_MS.
 */
type LabelRow = Row<'carrier_labels'>;
/** How old a purchase's claim is before another request may take it over (its process is taken to have died). */
export const CLAIM_STALE_MS = 2 * 60_000;

export function labelView(r: LabelRow): CarrierLabelView {
  return {
    id: r.id,
    packageId: r.package_id,
    fulfillmentOrderId: r.fulfillment_order_id,
    accountId: r.account_id,
    provider: r.provider,
    status: r.status as CarrierLabelView['status'],
    carrier: ((r.carrier_service ?? '').split(' ')[0] ?? '').toLowerCase(),
    serviceCode: r.service_code,
    serviceName: (r.carrier_service ?? '').split(' ').slice(1).join(' '),
    trackingNumber: r.tracking_number ?? '',
    trackingUrl: r.tracking_url,
    labelFormat: r.label_format ?? 'zpl',
    labelBase64: r.label_data ?? '',
    amountMinor: toInt(r.amount_minor ?? 0),
    currency: r.currency ?? '',
    boughtAt: toIso(r.bought_at ?? r.claimed_at),
    voidedAt: r.voided_at ? toIso(r.voided_at) : null,
    refundPending: r.status === 'bought' && r.void_due_at !== null,
  };
}

export type Claim = { kind: 'claimed'; id: string } | { kind: 'bought'; label: LabelRow };

/** Claims the purchase of a package's label, or answers the label it already has. */
export async function claimPurchase(
  q: Queryable,
  c: { packageId: string; fulfillmentOrderId: string; accountId: string; provider: string; serviceCode: string; actor: Actor },
): Promise<Claim> {
  const id = crypto.randomUUID();
  const inserted = await q.query<{ id: string }>(
    `insert into carrier_labels (id, package_id, fulfillment_order_id, account_id, provider, service_code, status, bought_by)
     values ($1,$2,$3,$4,$5,$6,'buying',$7)
     on conflict (package_id) where status in ('buying', 'bought') do nothing returning id`,
    [id, c.packageId, c.fulfillmentOrderId, c.accountId, c.provider, c.serviceCode, JSON.stringify(c.actor)],
  );
  if (inserted.length) return { kind: 'claimed', id };
  const [live] = await q.query<LabelRow>(
    `select * from carrier_labels where package_id = $1 and status in ('buying', 'bought') for update`,
    [c.packageId],
  );
  if (!live) return claimPurchase(q, c); // released meanwhile
  if (live.status === 'bought') return { kind: 'bought', label: live };
  if (Date.now() - new Date(live.claimed_at).getTime() < CLAIM_STALE_MS)
    throw problems.conflict('carrier_label_in_progress', 'a label for this package is being bought right now; ask again in a moment');
  await q.query(
    `update carrier_labels set claimed_at = now(), account_id = $2, service_code = $3, provider = $4, bought_by = $5 where id = $1`,
    [live.id, c.accountId, c.serviceCode, c.provider, JSON.stringify(c.actor)],
  );
  return { kind: 'claimed', id: live.id };
}

/** The carrier said no (or never answered): the package may be bought for again. */
export async function releaseClaim(q: Queryable, claimId: string): Promise<void> {
  await q.query(`delete from carrier_labels where id = $1 and status = 'buying'`, [claimId]);
}

export async function recordBought(q: Queryable, claimId: string, bought: BoughtLabel): Promise<LabelRow> {
  const [row] = await q.query<LabelRow>(
    `update carrier_labels set status = 'bought', shipment_id = $2, rate_id = $3, carrier_service = $4, tracking_number = $5,
       tracking_url = $6, label_format = $7, label_url = $8, label_data = $9, amount_minor = $10, currency = $11, bought_at = now()
     where id = $1 returning *`,
    [
      claimId,
      bought.shipmentId,
      bought.rateId,
      `${bought.carrier} ${bought.service}`,
      bought.trackingNumber,
      bought.trackingUrl,
      bought.label.format,
      bought.label.url,
      bought.label.bytes.toString('base64'),
      bought.amountMinor,
      bought.currency,
    ],
  );
  return row!;
}

/** The package's bought label, not voided (a label voided while the carrier did not answer waits for its refund: not live). */
export async function liveLabelOf(q: Queryable, packageId: string, forUpdate = false): Promise<LabelRow | null> {
  const [row] = await q.query<LabelRow>(
    `select * from carrier_labels where package_id = $1 and status = 'bought' and voided_at is null${forUpdate ? ' for update' : ''}`,
    [packageId],
  );
  return row ?? null;
}

export async function recordRefund(q: Queryable, labelId: string, outcome: RefundOutcome, reason: string): Promise<LabelRow> {
  const status = outcome.status === 'refunded' ? 'refunded' : outcome.status === 'rejected' ? 'refund_rejected' : 'refund_submitted';
  const [row] = await q.query<LabelRow>(
    `update carrier_labels set status = $2, voided_at = coalesce(voided_at, now()), void_reason = $3, void_due_at = null, void_error = null
      where id = $1 returning *`,
    [labelId, status, reason],
  );
  return row!;
}

/** The package a bought label of this account carries the tracking number of. */
export async function packageOfTrackingNumber(q: Queryable, accountId: string, trackingNumber: string): Promise<string | null> {
  const [row] = await q.query<{ package_id: string }>(
    `select package_id from carrier_labels where account_id = $1 and tracking_number = $2 and status = 'bought'`,
    [accountId, trackingNumber],
  );
  return row?.package_id ?? null;
}

export const CARRIER_LABEL_REFUNDS_CHANNEL = 'dockside_carrier_label_refunds';

/**
 * Voids the bought labels of these packages here and asks for their refunds in the background
 * (carrier-label-refunds.ts), each with why: packages unpacked at a station, or a void the
 * carrier did not answer. A package with no live bought label is left alone. Answers the rows.
 */
export async function askLabelRefunds(tx: Queryable, labels: readonly { packageId: string; reason: string }[]): Promise<LabelRow[]> {
  if (!labels.length) return [];
  const asked = await tx.query<LabelRow>(
    `update carrier_labels c set voided_at = now(), void_due_at = now(), void_reason = u.reason, void_attempts = 0, void_error = null
       from unnest($1::uuid[], $2::text[]) as u(package_id, reason)
      where c.package_id = u.package_id and c.status = 'bought' and c.voided_at is null returning c.*`,
    [labels.map((u) => u.packageId), labels.map((u) => u.reason)],
  );
  if (asked.length) await tx.query('select pg_notify($1, $2)', [CARRIER_LABEL_REFUNDS_CHANNEL, String(asked.length)]);
  return asked;
}

/** Takes due refunds under a lease (`void_due_at` moved past it): a process that dies leaves them due again when it runs out. */
export async function claimDueLabelVoids(q: Queryable, leaseMs: number): Promise<LabelRow[]> {
  return q.query<LabelRow>(
    `update carrier_labels set void_due_at = now() + make_interval(secs => $1::double precision / 1000)
      where id in (
        select id from carrier_labels where void_due_at <= now() and status = 'bought'
         order by void_due_at limit 10 for update skip locked)
      returning *`,
    [leaseMs],
  );
}

/** A try that failed: due again after `retryMs`, or never (null: left to a supervisor's task). */
export async function recordLabelVoidFailed(q: Queryable, labelId: string, error: string, retryMs: number | null): Promise<void> {
  await q.query(
    `update carrier_labels set void_attempts = void_attempts + 1, void_error = $2,
       void_due_at = case when $3::double precision is null then null else now() + make_interval(secs => $3::double precision / 1000) end
      where id = $1 and status = 'bought'`,
    [labelId, error, retryMs],
  );
}
