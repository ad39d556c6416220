/**
 * The stable codes of a carrier API's refusals and failures (server/carriers/carrier-adapter.ts
 * throws them as CarrierApiError). One list, shared, so the staff words for them
 * (shared/words/carrier-trouble.ts) are checked against the codes the server really sends.
 */

/** Trouble a station can meet while rating or buying a label: each has staff words. */
export const CARRIER_LABEL_ERRORS = [
  'address_invalid',
  'rate_expired',
  'rate_unavailable',
  'carrier_timeout',
  'carrier_unreachable',
  'carrier_unauthorized',
  'carrier_payment_required',
  'carrier_not_found',
  'carrier_refused',
  'carrier_failed',
] as const;
export type CarrierLabelErrorCode = (typeof CARRIER_LABEL_ERRORS)[number];

/** A tracking push whose signature does not hold: answered to the carrier's webhook, never seen at a station. */
export const CARRIER_PUSH_ERRORS = ['signature_invalid'] as const;

export const CARRIER_API_ERRORS = [...CARRIER_LABEL_ERRORS, ...CARRIER_PUSH_ERRORS] as const;
export type CarrierApiErrorCode = (typeof CARRIER_API_ERRORS)[number];
