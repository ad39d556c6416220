import { gs1CheckDigit } from '../domain/gs1';

/**
 * Tracking numbers a shipper may number itself, with the carriers' own check characters:
 * - UPS `1Z`: 1Z + shipper number (6) + service code (2) + package reference (7) + check (1).
 *   The check runs over the 15 characters after `1Z`: a letter counts as (charCode - 63) mod 10
 *   (A=2 ... H=9, I=0, ...), characters in even positions (1-based) count double, and the check
 *   is what brings the sum to a multiple of 10.
 * - USPS IMpb (Publication 199): channel application id (92, 93 or 94) + service type code (3) +
 *   mailer id (9 or 6) + serial (7 or 10) + GS1 mod-10 check digit = 22 digits. The barcode may
 *   carry `420` + destination ZIP in front; that routing code is not part of the tracking number.
 */
export type TrackingFormat = 'ups-1z' | 'usps-impb';
export const TRACKING_FORMATS = ['ups-1z', 'usps-impb'] as const satisfies readonly TrackingFormat[];

/** The largest package reference / serial a format holds for an account (serials start at 1). */
export function maxSerial(scheme: TrackingScheme): number {
  if (scheme.format === 'ups-1z') return 9_999_999;
  return 10 ** uspsSerialWidth(scheme.mailerId) - 1;
}

/** What an account puts into every number it issues: the part that is not the serial or the service. */
export type TrackingScheme =
  { format: 'ups-1z'; shipperNumber: string } | { format: 'usps-impb'; mailerId: string; channel: '92' | '93' | '94' };

function upsValue(ch: string): number {
  const code = ch.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  return (code - 63) % 10;
}

/** The UPS check character for the 15 characters after `1Z`. */
export function upsCheckDigit(body: string): number {
  if (!/^[0-9A-Z]{15}$/.test(body)) throw new Error(`a UPS 1Z body is 15 digits or capital letters, got ${body}`);
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += upsValue(body[i]!) * (i % 2 === 1 ? 2 : 1);
  return (10 - (sum % 10)) % 10;
}

export function buildUps1z(shipperNumber: string, serviceCode: string, packageReference: number): string {
  if (!/^[0-9A-Z]{6}$/.test(shipperNumber)) throw new Error('a UPS shipper number is 6 digits or capital letters');
  if (!/^[0-9A-Z]{2}$/.test(serviceCode)) throw new Error('a UPS service code is 2 digits or capital letters');
  if (!Number.isInteger(packageReference) || packageReference < 0 || packageReference > 9_999_999)
    throw new Error(`UPS package reference ${packageReference} does not fit in 7 digits`);
  const body = `${shipperNumber}${serviceCode}${String(packageReference).padStart(7, '0')}`;
  return `1Z${body}${upsCheckDigit(body)}`;
}

export function isValidUps1z(value: string): boolean {
  const m = /^1Z([0-9A-Z]{15})([0-9])$/.exec(value);
  return m !== null && upsCheckDigit(m[1]!) === Number(m[2]);
}

function uspsSerialWidth(mailerId: string): number {
  if (!/^(\d{6}|\d{9})$/.test(mailerId)) throw new Error('a USPS mailer id is 6 or 9 digits');
  return 16 - mailerId.length;
}

export function buildUspsImpb(channel: '92' | '93' | '94', serviceTypeCode: string, mailerId: string, serial: number): string {
  if (!/^\d{3}$/.test(serviceTypeCode)) throw new Error('a USPS service type code is 3 digits');
  const width = uspsSerialWidth(mailerId);
  if (!Number.isInteger(serial) || serial < 0 || String(serial).length > width)
    throw new Error(`USPS serial ${serial} does not fit in ${width} digits for a ${mailerId.length}-digit mailer id`);
  const body = `${channel}${serviceTypeCode}${mailerId}${String(serial).padStart(width, '0')}`;
  return body + gs1CheckDigit(body);
}

/** A 22-digit IMpb tracking number, or the full barcode data with `420` + ZIP (5 or 9) in front. */
export function isValidUspsImpb(value: string): boolean {
  const tracking = value.startsWith('420') && (value.length === 30 || value.length === 34) ? value.slice(value.length - 22) : value;
  return /^9[2-5]\d{20}$/.test(tracking) && gs1CheckDigit(tracking.slice(0, -1)) === Number(tracking.at(-1));
}

/** The tracking number an account issues for `serial` on a service (UPS and USPS both carry the service in the number). */
export function buildTrackingNumber(scheme: TrackingScheme, serviceCode: string, serial: number): string {
  return scheme.format === 'ups-1z'
    ? buildUps1z(scheme.shipperNumber, serviceCode, serial)
    : buildUspsImpb(scheme.channel, serviceCode, scheme.mailerId, serial);
}

export function isValidTrackingNumber(format: TrackingFormat, value: string): boolean {
  return format === 'ups-1z' ? isValidUps1z(value) : isValidUspsImpb(value);
}

/** Where a customer follows the parcel. */
export function trackingUrl(format: TrackingFormat, trackingNumber: string): string {
  const n = encodeURIComponent(trackingNumber);
  return format === 'ups-1z' ? `https://www.ups.com/track?tracknum=${n}` : `https://tools.usps.com/go/TrackConfirmAction?tLabels=${n}`;
}
