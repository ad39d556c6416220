import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Address } from '../../../shared/domain/address';
import {
  CarrierApiError,
  type BoughtLabel,
  type CarrierAdapter,
  type CarrierRate,
  type RefundOutcome,
  type ShipmentToRate,
  type TrackingUpdate,
} from '../carrier-adapter';
import { easypostRequest, type EasyPostConnection } from './easypost-http';

/**
 * The carrier adapter for EasyPost's public API (docs.easypost.com): POST /v2/shipments rates a
 * parcel, POST /v2/shipments/{id}/buy buys a rate and answers the postage label and tracking
 * code, POST /v2/shipments/{id}/refund voids it, POST /v2/trackers follows a number, and tracking
 * pushes are Event objects signed with `X-Hmac-Signature: hmac-sha256-hex=<hex>`.
 */
interface EpRate {
  id: string;
  carrier: string;
  service: string;
  rate: string;
  currency: string;
  delivery_days?: number | null;
}
interface EpTrackingDetail {
  datetime?: string;
  message?: string | null;
  status?: string;
  tracking_location?: { city?: string | null; state?: string | null; country?: string | null; zip?: string | null } | null;
}
interface EpTracker {
  id: string;
  tracking_code: string;
  status?: string;
  public_url?: string | null;
  updated_at?: string;
  tracking_details?: EpTrackingDetail[];
}
interface EpShipment {
  id: string;
  rates?: EpRate[];
  messages?: { carrier?: string; message?: string }[];
  tracking_code?: string | null;
  selected_rate?: EpRate | null;
  postage_label?: { label_url?: string | null; label_zpl_url?: string | null; label_pdf_url?: string | null } | null;
  tracker?: EpTracker | null;
  refund_status?: RefundOutcome['status'] | null;
}

export interface EasyPostOptions extends EasyPostConnection {
  labelFormat: 'zpl' | 'pdf';
}

const OUNCES_PER_GRAM = 1 / 28.349523125;
const MM_PER_INCH = 25.4;
const ZERO_DECIMAL = new Set(['JPY', 'KRW', 'CLP', 'ISK', 'HUF']);

/** "7.58" USD → 758: parsed as text, never through a float. */
export function toMinor(amount: string, currency: string): number {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!m) throw new CarrierApiError('carrier_failed', `the carrier API sent a rate that is not an amount: ${amount}`);
  const decimals = ZERO_DECIMAL.has(currency.toUpperCase()) ? 0 : 2;
  const frac = (m[3] ?? '').padEnd(decimals, '0');
  const cents =
    Number(m[2]) * 10 ** decimals +
    Number(frac.slice(0, decimals) || '0') +
    (Number(frac.slice(decimals, decimals + 1) || '0') >= 5 ? 1 : 0);
  return m[1] ? -cents : cents;
}

function address(a: Address) {
  return {
    name: a.name,
    company: a.company,
    street1: a.line1,
    street2: a.line2,
    city: a.city,
    state: a.region,
    zip: a.postalCode,
    country: a.country,
    phone: a.phone,
    email: a.email,
  };
}

const rateOf = (r: EpRate): CarrierRate => ({
  rateId: r.id,
  carrier: r.carrier,
  service: r.service,
  amountMinor: toMinor(r.rate, r.currency),
  currency: r.currency.toUpperCase(),
  deliveryDays: r.delivery_days ?? null,
});

/** EasyPost's tracker statuses onto our package statuses; pre-transit and unknown change nothing. */
export function packageStatusOf(status: string | undefined): TrackingUpdate['status'] {
  switch (status) {
    case 'in_transit':
    case 'out_for_delivery':
    case 'available_for_pickup':
      return 'in_transit';
    case 'delivered':
      return 'delivered';
    case 'return_to_sender':
      return 'returned_to_sender';
    case 'failure':
    case 'error':
      return 'exception';
    default:
      return null;
  }
}

function updateOf(eventId: string, t: EpTracker): TrackingUpdate {
  const last = t.tracking_details?.at(-1);
  const loc = last?.tracking_location;
  const location = loc ? [loc.city, loc.state, loc.country].filter(Boolean).join(', ') || null : null;
  return {
    eventId,
    trackingNumber: t.tracking_code,
    status: packageStatusOf(t.status),
    carrierStatus: t.status ?? 'unknown',
    description: last?.message ?? null,
    location,
    occurredAt: new Date(last?.datetime ?? t.updated_at ?? Date.now()).toISOString(),
    trackingUrl: t.public_url ?? null,
  };
}

/** EasyPost's client libraries sign with the secret NFKD-normalized, over the raw body, hex, prefixed. */
export function easypostSignature(rawBody: Buffer | string, webhookSecret: string): string {
  const key = Buffer.from(webhookSecret.normalize('NFKD'), 'utf8');
  return `hmac-sha256-hex=${createHmac('sha256', key).update(rawBody).digest('hex')}`;
}

export function createEasyPostAdapter(options: EasyPostOptions): CarrierAdapter {
  const call = <T>(method: 'GET' | 'POST', path: string, body?: unknown) => easypostRequest<T>(options, method, path, body);

  async function labelOf(s: EpShipment, rateId: string): Promise<BoughtLabel> {
    const url =
      options.labelFormat === 'zpl' ? s.postage_label?.label_zpl_url : (s.postage_label?.label_pdf_url ?? s.postage_label?.label_url);
    if (!s.tracking_code || !url)
      throw new CarrierApiError(
        'carrier_failed',
        `shipment ${s.id} was bought but came back without a ${options.labelFormat} label or tracking code`,
      );
    let res: Response;
    try {
      res = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs) });
    } catch (error) {
      const timedOut = ['TimeoutError', 'AbortError'].includes((error as Error).name);
      throw new CarrierApiError(
        timedOut ? 'carrier_timeout' : 'carrier_unreachable',
        `the label file could not be fetched: ${(error as Error).message}`,
      );
    }
    if (!res.ok) throw new CarrierApiError('carrier_failed', `the label file answered ${res.status}`);
    const rate = s.selected_rate;
    return {
      shipmentId: s.id,
      rateId: rate?.id ?? rateId,
      carrier: rate?.carrier ?? '',
      service: rate?.service ?? '',
      trackingNumber: s.tracking_code,
      trackingUrl: s.tracker?.public_url ?? null,
      amountMinor: rate ? toMinor(rate.rate, rate.currency) : 0,
      currency: rate?.currency.toUpperCase() ?? 'USD',
      label: { format: options.labelFormat, url, bytes: Buffer.from(await res.arrayBuffer()) },
    };
  }

  /** Reads the shipment a few times, a timeout apart: the slow buy may still be finishing. */
  async function boughtMeanwhile(shipmentId: string): Promise<EpShipment | null> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const seen = await call<EpShipment>('GET', `/shipments/${encodeURIComponent(shipmentId)}`).catch(() => null);
      if (seen?.tracking_code) return seen;
      await new Promise((r) => setTimeout(r, Math.min(options.timeoutMs, 2000)));
    }
    return null;
  }

  return {
    provider: 'easypost',

    async rate(shipment: ShipmentToRate) {
      const { parcel } = shipment;
      const inches = (mm: number | undefined) => (mm === undefined ? undefined : Math.round((mm / MM_PER_INCH) * 10) / 10);
      const created = await call<EpShipment>('POST', '/shipments', {
        shipment: {
          reference: shipment.reference,
          to_address: address(shipment.to),
          from_address: address(shipment.from),
          parcel: {
            // Ounces, rounded up to a tenth: a carrier bills the next step, never the one below.
            weight: Math.ceil(parcel.weightGrams * OUNCES_PER_GRAM * 10) / 10,
            length: inches(parcel.lengthMm),
            width: inches(parcel.widthMm),
            height: inches(parcel.heightMm),
          },
          options: { label_format: shipment.labelFormat.toUpperCase() },
          is_return: shipment.isReturn ?? false,
        },
      });
      const rates = (created.rates ?? []).map(rateOf).sort((a, b) => a.amountMinor - b.amountMinor);
      const messages = (created.messages ?? []).map((m) => `${m.carrier ?? 'carrier'}: ${m.message ?? ''}`);
      return { shipmentId: created.id, rates, messages };
    },

    async buy(shipmentId, rateId) {
      let bought: EpShipment;
      try {
        bought = await call<EpShipment>('POST', `/shipments/${encodeURIComponent(shipmentId)}/buy`, { rate: { id: rateId } });
      } catch (error) {
        // A buy that timed out may still have bought: ask once before saying it did not.
        if (!(error instanceof CarrierApiError) || error.code !== 'carrier_timeout') throw error;
        const seen = await boughtMeanwhile(shipmentId);
        if (!seen) throw error;
        bought = seen;
      }
      return labelOf(bought, rateId);
    },

    async refund(shipmentId) {
      const s = await call<EpShipment>('POST', `/shipments/${encodeURIComponent(shipmentId)}/refund`);
      return { shipmentId: s.id, status: s.refund_status ?? 'submitted' };
    },

    async track(trackingNumber, carrier) {
      const t = await call<EpTracker>('POST', '/trackers', { tracker: { tracking_code: trackingNumber, carrier: carrier.toUpperCase() } });
      return updateOf(`${t.id}:${t.status ?? 'unknown'}`, t);
    },

    readTrackingPush(rawBody, headers, webhookSecret) {
      const given = headers['x-hmac-signature'];
      const header = Array.isArray(given) ? given[0] : given;
      if (!header) throw new CarrierApiError('signature_invalid', 'the push carries no X-Hmac-Signature');
      const expected = Buffer.from(easypostSignature(rawBody, webhookSecret));
      const actual = Buffer.from(header.trim());
      if (actual.length !== expected.length || !timingSafeEqual(actual, expected))
        throw new CarrierApiError('signature_invalid', 'the X-Hmac-Signature does not match the body and this account’s webhook secret');
      let event: { id?: string; description?: string; result?: EpTracker & { object?: string } };
      try {
        event = JSON.parse(rawBody.toString('utf8')) as typeof event;
      } catch {
        throw new CarrierApiError('carrier_refused', 'the signed push is not JSON');
      }
      if (!event.description?.startsWith('tracker.') || event.result?.object !== 'Tracker' || !event.result.tracking_code) return null;
      return updateOf(event.id ?? `${event.result.id}:${event.result.status}`, event.result);
    },
  };
}
