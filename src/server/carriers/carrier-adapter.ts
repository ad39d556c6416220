import type { Address } from '../../shared/domain/address';
import type { CarrierApiErrorCode } from '../../shared/carriers/carrier-api-errors';

/**
 * What Dockside asks of a carrier API (issue 12, online half): rate a parcel, buy one of the
 * rates as a label, void (refund) a label, follow a tracking number, and read the carrier's
 * signed tracking pushes. One implementation per provider (easypost/easypost-adapter.ts); the
 * server's label routes and the return labels of an RMA call only this.
 *
 * Money is in integer minor units, times are UTC ISO strings. Every failure is a CarrierApiError
 * with a stable `code`, so a route can answer a 4xx a person can act on.
 */
export interface CarrierAdapter {
  /** The provider's name as stored with a bought label, e.g. "easypost". */
  readonly provider: string;
  /** Creates the provider's shipment for a parcel and answers its rates (cheapest first). */
  rate(shipment: ShipmentToRate): Promise<RatedShipment>;
  /** Buys one rate of a rated shipment: the label bytes, the tracking number and where to follow it. */
  buy(shipmentId: string, rateId: string): Promise<BoughtLabel>;
  /** Asks for a bought label to be voided and its postage refunded (carriers may take days to settle). */
  refund(shipmentId: string): Promise<RefundOutcome>;
  /** Starts (or finds) the provider's tracker of a number: its current status and where to follow it. */
  track(trackingNumber: string, carrier: string): Promise<TrackingUpdate>;
  /**
   * Checks a tracking push against the account's webhook secret as the provider documents it,
   * then reads it. Throws CarrierApiError('signature_invalid') when the signature does not hold;
   * answers null for a signed event that is not a tracking update.
   */
  readTrackingPush(rawBody: Buffer, headers: Record<string, string | string[] | undefined>, webhookSecret: string): TrackingUpdate | null;
}

/** A parcel to rate: its reference is ours (the package id), echoed back by the provider. */
export interface ShipmentToRate {
  reference: string;
  from: Address;
  to: Address;
  parcel: { weightGrams: number; lengthMm?: number; widthMm?: number; heightMm?: number };
  labelFormat: 'zpl' | 'pdf';
  /** A return label: the carrier takes the parcel from `to` back to `from`. */
  isReturn?: boolean;
}

export interface CarrierRate {
  rateId: string;
  /** The provider's carrier and service names, e.g. "UPS" / "Ground". */
  carrier: string;
  service: string;
  amountMinor: number;
  currency: string;
  deliveryDays: number | null;
}

export interface RatedShipment {
  shipmentId: string;
  rates: CarrierRate[];
  /** Carriers that could not rate it, in the provider's words. */
  messages: string[];
}

export interface BoughtLabel {
  shipmentId: string;
  rateId: string;
  carrier: string;
  service: string;
  trackingNumber: string;
  trackingUrl: string | null;
  amountMinor: number;
  currency: string;
  /** The label as the carrier made it: printed byte for byte (ZPL) or through the PDF path. */
  label: { format: 'zpl' | 'pdf'; url: string; bytes: Buffer };
}

export interface RefundOutcome {
  shipmentId: string;
  status: 'submitted' | 'refunded' | 'rejected' | 'not_applicable';
}

/** What the carrier says about a parcel, mapped onto our package statuses (null: nothing for us to do, e.g. pre-transit). */
export interface TrackingUpdate {
  /** The provider's id of this event (the same push delivered twice carries the same id). */
  eventId: string;
  trackingNumber: string;
  status: 'in_transit' | 'delivered' | 'exception' | 'returned_to_sender' | null;
  carrierStatus: string;
  description: string | null;
  location: string | null;
  occurredAt: string;
  trackingUrl: string | null;
}

/** A carrier API's refusal or failure, with our stable code and the provider's own code and words. */
export class CarrierApiError extends Error {
  constructor(
    readonly code: CarrierApiErrorCode,
    message: string,
    readonly providerCode: string | null = null,
    readonly fieldErrors: { field: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'CarrierApiError';
  }
}
