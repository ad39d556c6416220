import { describe, expect, it } from 'vitest';
import { carrierTrouble } from './carrier-trouble';

// The server's codes for a carrier API's trouble (server/carriers/carrier-adapter.ts CARRIER_API_ERRORS, less the webhook's).
const CARRIER_CODES = [
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
];

describe('carrier trouble in words', () => {
  it('says what happened and what to do for every carrier code, with no code, status or route', () => {
    for (const code of CARRIER_CODES) {
      const words = carrierTrouble(code);
      expect(words, code).toMatch(/^the .+: (try|ask|choose) /);
      expect(words, code).not.toMatch(/_|\b[1-5]\d\d\b|\/v1\//);
    }
  });

  it('reads a server failure without a code of its own as the server failing, and keeps any other refusal’s words', () => {
    expect(carrierTrouble('http_502')).toBe(carrierTrouble('server_failed'));
    expect(carrierTrouble('weight_required')).toBeNull();
    expect(carrierTrouble('http_409')).toBeNull();
  });
});
