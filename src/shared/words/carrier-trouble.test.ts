import { describe, expect, it } from 'vitest';
import { CARRIER_API_ERRORS, CARRIER_PUSH_ERRORS } from '../carriers/carrier-api-errors';
import { carrierTrouble } from './carrier-trouble';

// Every code the server sends for a carrier API's trouble, less the webhook's (a station never sees those).
const CARRIER_CODES = CARRIER_API_ERRORS.filter((code) => !(CARRIER_PUSH_ERRORS as readonly string[]).includes(code));

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
