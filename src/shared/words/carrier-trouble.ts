import type { CarrierLabelErrorCode } from '../carriers/carrier-api-errors';

/**
 * What went wrong buying a label from a carrier, in the words of the person at the station: what
 * happened and what to do. The server passes on the carrier API's trouble as a code (its
 * CARRIER_API_ERRORS, shared/carriers/carrier-api-errors.ts, and its own refusals) with the carrier's message, which is often an HTTP
 * status or a socket error ("the carrier API answered 500"): that message is kept for support,
 * never shown as the headline. A station that cannot read the server's answer, or a server that
 * failed, is said the same way. Codes not here keep their message (they are in words already).
 */
/** The server's own refusals around a carrier account, and its failures, said alongside the carrier's codes. */
type ServerTroubleCode = 'carrier_credentials_missing' | 'carrier_account_inactive' | 'server_response_invalid' | 'server_failed';

// Typed by the shared list, so a carrier code without words does not compile.
const WORDS: Readonly<Record<CarrierLabelErrorCode | ServerTroubleCode, string>> = {
  carrier_timeout: 'the carrier did not answer in time: try again in a minute',
  carrier_unreachable: 'the carrier cannot be reached: try again in a few minutes, or choose another carrier',
  carrier_failed: "the carrier's system failed: try again in a few minutes, or choose another carrier",
  carrier_unauthorized: "the carrier refused this warehouse's account: ask an admin to check the carrier account's key",
  carrier_payment_required: 'the carrier account cannot pay for labels: ask an admin to check its billing',
  carrier_credentials_missing: 'the carrier account has no key set up: ask an admin to add it',
  carrier_account_inactive: 'the carrier account is switched off: choose another carrier, or ask an admin to switch it on',
  carrier_not_found: 'the carrier no longer knows this shipment: try again, and tell a supervisor if it happens again',
  carrier_refused: "the carrier refused it: ask a supervisor to check the order's address and the parcel's weight",
  address_invalid: "the carrier could not verify the address: ask a supervisor to check the order's ship-to address",
  rate_expired: "the carrier's price ran out before the label was bought: try again",
  rate_unavailable: 'the carrier offers no such service for this parcel: choose another service',
  server_response_invalid: "the server's answer could not be read (it may run another version): ask an admin to check the server",
  server_failed: 'the server failed: try again in a minute, and tell a supervisor if it happens again',
};

/** The words for a refusal's code, or null to keep its message. A 5xx without a code of its own (http_502) is the server failing. */
export function carrierTrouble(code: string): string | null {
  const key = /^http_5\d\d$/.test(code) ? 'server_failed' : code;
  return Object.hasOwn(WORDS, key) ? WORDS[key as keyof typeof WORDS] : null;
}
