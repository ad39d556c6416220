import type { BuyCarrierLabelRequest, CarrierLabelView, RateCarrierLabelRequest } from '../../shared/carriers/carrier-labels';
import type { Actor } from '../../shared/events/station-events';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import type { Principal } from '../auth/principal';
import { requireWarehouse } from '../auth/principal';
import type { ServerConfig } from '../config';
import type { Database, Queryable } from '../db/database';
import { retryingTransaction } from '../db/retrying-transaction';
import { applyAdminChange } from '../fulfillment/apply-admin-event';
import { requireFulfillmentOrder } from '../fulfillment/fulfillment-store';
import { Problem, problems } from '../http/problem';
import { findPackage, saveDetails } from '../packages/package-store';
import { appendTimeline } from '../timeline/timeline';
import { voidPackage } from '../packages/void-package';
import { CarrierApiError, type BoughtLabel, type CarrierAdapter, type ShipmentToRate } from './carrier-adapter';
import { askLabelRefunds, claimPurchase, labelView, liveLabelOf, recordBought, recordRefund, releaseClaim } from './carrier-label-store';
import { getCarrierAccount, openCarrierCredentials } from './carrier-store';
import { createEasyPostAdapter } from './easypost/easypost-adapter';
import { rateFor } from './easypost/easypost-services';

/**
 * Buying and voiding a package's label through its account's carrier API. The carrier is called
 * outside any database transaction (it may take seconds): the purchase is claimed first, then
 * bought, then recorded on the package (tracking number, tracking URL, service, label) with its
 * timeline entry, in one transaction. A failure the carrier reports releases the claim and
 * answers a 4xx with a stable code (a carrier that cannot be reached: 502/504).
 */
export interface LabelContext {
  db: Database;
  config: Pick<ServerConfig, 'carrierApi' | 'webhooks'>;
}

export type Account = Awaited<ReturnType<typeof getCarrierAccount>>;

export async function adapterOf(ctx: LabelContext, account: Account): Promise<{ adapter: CarrierAdapter; webhookSecret: string | null }> {
  if (account.labelSource !== 'easypost')
    throw problems.conflict('carrier_labels_not_bought', `${account.name} numbers its own labels from tracking-number blocks`);
  const credentials = await openCarrierCredentials(ctx.db, account.id, ctx.config.webhooks.secretKey);
  if (!credentials.apiKey) throw problems.conflict('carrier_credentials_missing', `${account.name} has no apiKey credential`);
  const adapter = createEasyPostAdapter({
    baseUrl: ctx.config.carrierApi.easypostUrl,
    apiKey: credentials.apiKey,
    timeoutMs: ctx.config.carrierApi.timeoutMs,
    labelFormat: account.labelFormat,
  });
  return { adapter, webhookSecret: credentials.webhookSecret ?? null };
}

/** The carrier could not be reached or failed: worth asking again later (a refused key is not). */
const CARRIER_DOWN: ReadonlySet<string> = new Set(['carrier_timeout', 'carrier_unreachable', 'carrier_failed']);

/** A carrier's refusal as the problem a caller sees. */
export function carrierProblem(e: CarrierApiError): Problem {
  const status =
    e.code === 'carrier_timeout'
      ? 504
      : e.code === 'carrier_unreachable' || e.code === 'carrier_failed' || e.code === 'carrier_unauthorized'
        ? 502
        : e.code === 'address_invalid' || e.code === 'rate_unavailable'
          ? 422
          : 409;
  return new Problem(status, e.code, 'The carrier refused', e.message);
}

export interface Target {
  doc: FulfillmentDocument;
  /** Null while the package is still in a station's outbox. */
  packageStatus: string | null;
  weightGrams: number | null;
}

async function targetOf(q: Queryable, principal: Principal, packageId: string, fulfillmentOrderId?: string): Promise<Target> {
  const found = await findPackage(q, packageId).catch((e: unknown) => {
    if (e instanceof Problem && e.status === 404 && fulfillmentOrderId) return null;
    throw e;
  });
  const doc = found?.doc ?? (await requireFulfillmentOrder(q, fulfillmentOrderId!, false));
  requireWarehouse(principal, doc.warehouseId);
  if (fulfillmentOrderId && doc.id !== fulfillmentOrderId)
    throw problems.conflict('package_elsewhere', `package ${packageId} belongs to another fulfillment order`);
  if (doc.status === 'cancelled') throw problems.conflict('fulfillment_order_cancelled', 'the fulfillment order is cancelled');
  return { doc, packageStatus: found?.pkg.status ?? null, weightGrams: found?.pkg.weightGrams ?? null };
}

/** Rates and buys; a rate that expired between the two is rated again once. */
export async function purchase(adapter: CarrierAdapter, account: Account, serviceCode: string, shipment: ShipmentToRate) {
  const service = account.services.find((s) => s.code === serviceCode)!;
  for (let attempt = 0; ; attempt++) {
    const rated = await adapter.rate(shipment);
    const rate = rateFor(rated.rates, account.carrier, service);
    if (!rate)
      throw new CarrierApiError(
        'rate_unavailable',
        `${account.carrier.toUpperCase()} offers no ${service.name} for this parcel${rated.messages.length ? `: ${rated.messages.join('; ')}` : ''}`,
      );
    try {
      return await adapter.buy(rated.shipmentId, rate.rateId);
    } catch (e) {
      if (!(e instanceof CarrierApiError) || e.code !== 'rate_expired' || attempt > 0) throw e;
    }
  }
}

/** An account a label is bought (or rated) from: switched on, and with `serviceCode` among its services when one is named. */
export function requireLabelService(account: Account, serviceCode?: string): void {
  if (serviceCode !== undefined && !account.services.some((s) => s.code === serviceCode))
    throw problems.unprocessable('carrier_service_unknown', `${serviceCode} is not a service of a carrier account of this warehouse`);
  if (!account.active) throw problems.conflict('carrier_account_inactive', `${account.name} is switched off`);
}

/**
 * What a purchase or a rating starts from: the package (or, while it is still in a station's
 * outbox, its fulfillment order), the account's adapter, and the parcel to rate. `serviceCode`,
 * when given, must be one of the account's services.
 */
export async function parcelToRate(
  ctx: LabelContext,
  principal: Principal,
  packageId: string,
  body: RateCarrierLabelRequest,
  serviceCode?: string,
): Promise<{ target: Target; account: Account; adapter: CarrierAdapter; shipment: ShipmentToRate }> {
  const target = await targetOf(ctx.db, principal, packageId, body.fulfillmentOrderId);
  if (target.packageStatus && !['packing', 'labelled'].includes(target.packageStatus))
    throw problems.conflict('package_not_labellable', `the package is ${target.packageStatus}: a label is bought before it ships`);
  const account = await getCarrierAccount(ctx.db, body.accountId);
  if (account.warehouseId !== target.doc.warehouseId)
    throw problems.unprocessable('carrier_service_unknown', `${body.accountId} is not a carrier account of this warehouse`);
  requireLabelService(account, serviceCode);
  const { adapter } = await adapterOf(ctx, account);
  const weightGrams = body.weightGrams ?? target.weightGrams;
  if (!weightGrams) throw problems.unprocessable('weight_required', 'weigh the package first: a carrier rates by weight');
  const shipment: ShipmentToRate = {
    reference: packageId,
    from: body.shipFrom,
    to: target.doc.shipTo,
    parcel: {
      weightGrams,
      lengthMm: body.dimensionsMm?.length,
      widthMm: body.dimensionsMm?.width,
      heightMm: body.dimensionsMm?.height,
    },
    labelFormat: account.labelFormat,
  };
  return { target, account, adapter, shipment };
}

export async function buyCarrierLabel(
  ctx: LabelContext,
  principal: Principal,
  actor: Actor,
  packageId: string,
  body: BuyCarrierLabelRequest,
): Promise<{ label: CarrierLabelView; repeated: boolean }> {
  const { target, account, adapter, shipment } = await parcelToRate(ctx, principal, packageId, body, body.serviceCode);
  const claim = await retryingTransaction(ctx.db, (tx) =>
    claimPurchase(tx, {
      packageId,
      fulfillmentOrderId: target.doc.id,
      accountId: account.id,
      provider: adapter.provider,
      serviceCode: body.serviceCode,
      actor,
    }),
  );
  if (claim.kind === 'bought') return { label: labelView(claim.label), repeated: true };

  let bought: BoughtLabel;
  try {
    bought = await purchase(adapter, account, body.serviceCode, shipment);
  } catch (e) {
    await releaseClaim(ctx.db, claim.id);
    throw e instanceof CarrierApiError ? carrierProblem(e) : e;
  }
  const serviceName = account.services.find((s) => s.code === body.serviceCode)!.name;
  const row = await retryingTransaction(ctx.db, async (tx) => {
    const saved = await recordBought(tx, claim.id, bought);
    await putOnPackage(tx, { packageId, fulfillmentOrderId: target.doc.id, carrier: account.carrier, serviceName, bought, actor });
    return saved;
  });
  return { label: { ...labelView(row), carrier: account.carrier, serviceName }, repeated: false };
}

/** The bought label on the package (when it has reached the server), with its timeline entry. */
async function putOnPackage(
  tx: Queryable,
  p: { packageId: string; fulfillmentOrderId: string; carrier: string; serviceName: string; bought: BoughtLabel; actor: Actor },
): Promise<void> {
  const doc = await requireFulfillmentOrder(tx, p.fulfillmentOrderId, true);
  const pkg = doc.packages.find((x) => x.id === p.packageId);
  const about = `${p.carrier.toUpperCase()} ${p.serviceName} label bought, tracking ${p.bought.trackingNumber}`;
  if (pkg && (pkg.status === 'packing' || pkg.status === 'labelled')) {
    const saved = await applyAdminChange(tx, doc, {
      type: 'package-labelled',
      payload: {
        packageId: p.packageId,
        printJobId: pkg.printJobId,
        format: p.bought.label.format,
        sscc: pkg.sscc,
        trackingNumber: p.bought.trackingNumber,
        carrier: p.carrier,
        service: p.serviceName,
        ...(p.bought.trackingUrl ? { trackingUrl: p.bought.trackingUrl } : {}),
      },
      actor: p.actor,
      stationId: p.actor.stationId ?? (p.actor.kind === 'station' ? p.actor.id : null),
      reason: about,
    });
    await saveDetails(tx, saved, p.packageId, {
      service: p.serviceName,
      trackingNumbers: [p.bought.trackingNumber],
      label: { url: p.bought.label.url, format: p.bought.label.format },
    });
    return;
  }
  // Still in the station's outbox: its label-printed event will carry these to the package.
  await appendTimeline(tx, {
    type: 'carrier-label-bought',
    orderId: doc.orderId,
    fulfillmentOrderId: doc.id,
    entityIds: { fulfillmentOrderId: doc.id, packageId: p.packageId },
    payload: { packageId: p.packageId, carrier: p.carrier, service: p.serviceName, trackingNumber: p.bought.trackingNumber, reason: about },
    actor: p.actor,
  });
}

export async function readCarrierLabel(db: Database, principal: Principal, packageId: string): Promise<CarrierLabelView> {
  const label = await liveLabelOf(db, packageId);
  if (!label) throw problems.notFound(`a bought label for package ${packageId}`);
  const doc = await requireFulfillmentOrder(db, label.fulfillment_order_id, false);
  requireWarehouse(principal, doc.warehouseId);
  return labelView(label);
}

/**
 * Voids a bought label at its account's carrier, for the refund, and answers what the carrier said
 * of it. A carrier's failure is its problem (carrierProblem); a carrier that refuses (the label was
 * scanned) is 409 carrier_refund_rejected. The one call for outbound and return labels alike.
 */
export async function voidAtCarrier(
  ctx: LabelContext,
  accountId: string,
  shipmentId: string,
): Promise<'submitted' | 'refunded' | 'not_applicable'> {
  const { adapter } = await adapterOf(ctx, await getCarrierAccount(ctx.db, accountId));
  const { status } = await adapter.refund(shipmentId).catch((e: unknown) => {
    throw e instanceof CarrierApiError ? carrierProblem(e) : e;
  });
  if (status === 'rejected')
    throw problems.conflict('carrier_refund_rejected', 'the carrier refused to void this label (it may have been scanned already)');
  return status;
}

/**
 * Voids a bought label before the parcel ships: the carrier refunds it, and the package is voided.
 * A carrier that cannot be reached leaves the label voided here with its refund pending
 * (`refundPending`), asked for again in the background (carrier-label-refunds.ts).
 */
export async function voidCarrierLabel(
  ctx: LabelContext,
  principal: Principal,
  actor: Actor,
  packageId: string,
  reason: string,
): Promise<CarrierLabelView> {
  const label = await liveLabelOf(ctx.db, packageId);
  if (!label) throw problems.notFound(`a bought label for package ${packageId}`);
  const target = await targetOf(ctx.db, principal, packageId, label.fulfillment_order_id);
  if (target.packageStatus && !['packing', 'labelled', 'voided'].includes(target.packageStatus))
    throw problems.conflict(
      'package_already_shipped',
      `the package is ${target.packageStatus}: the carrier has it, so its label cannot be voided`,
    );
  // A carrier that cannot be reached does not keep the package from being voided: its refund is asked again in the background.
  const status = await voidAtCarrier(ctx, label.account_id, label.shipment_id!).catch((e: unknown) => {
    if (e instanceof Problem && CARRIER_DOWN.has(e.code)) return null;
    throw e;
  });
  return retryingTransaction(ctx.db, async (tx) => {
    const saved = status
      ? await recordRefund(tx, label.id, { shipmentId: label.shipment_id!, status }, reason)
      : (await askLabelRefunds(tx, [{ packageId, reason }]))[0];
    if (!saved) throw problems.notFound(`a bought label for package ${packageId}`); // voided meanwhile
    const doc = await requireFulfillmentOrder(tx, label.fulfillment_order_id, true);
    const pkg = doc.packages.find((p) => p.id === packageId);
    const words = status
      ? `label ${label.tracking_number} voided (refund ${status}): ${reason}`
      : `label ${label.tracking_number} voided; the carrier did not answer, so its refund is asked for again in the background: ${reason}`;
    if (pkg && pkg.status !== 'voided') {
      await voidPackage(tx, doc, {
        packageId,
        reason,
        words,
        actor,
        stationId: actor.stationId ?? (actor.kind === 'station' ? actor.id : null),
      });
    } else {
      await appendTimeline(tx, {
        type: 'carrier-label-voided',
        orderId: doc.orderId,
        fulfillmentOrderId: doc.id,
        entityIds: { fulfillmentOrderId: doc.id, packageId },
        payload: { packageId, trackingNumber: label.tracking_number, reason: words },
        actor,
      });
    }
    return labelView(saved);
  });
}
