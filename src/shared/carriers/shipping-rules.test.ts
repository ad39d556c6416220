import { describe, expect, it } from 'vitest';
import type { ShippingRule, StationCarrierAccount } from './carrier-config';
import { chooseService, ruleMatches, type ShipmentFacts } from './shipping-rules';

const UPS = '00000000-0000-4000-8000-000000000001';
const USPS = '00000000-0000-4000-8000-000000000002';
const account = (id: string, carrier: 'ups' | 'usps', codes: string[]): StationCarrierAccount => ({
  id,
  carrier,
  labelSource: 'blocks',
  accountNumber: carrier === 'ups' ? '999AA1' : '123456789',
  uspsChannel: '92',
  name: carrier.toUpperCase(),
  labelFormat: 'zpl',
  services: codes.map((code) => ({ code, name: `${carrier} ${code}` })),
  blockSize: 100,
  lowWater: 10,
});
const accounts = [account(UPS, 'ups', ['01', '03']), account(USPS, 'usps', ['001'])];
const rules: ShippingRule[] = [
  { name: 'heavy goes UPS Ground', when: { weightGrams: { min: 5000 } }, accountId: UPS, serviceCode: '03' },
  { name: 'valuable CA/NY next day', when: { orderValueMinor: { min: 50_000 }, regions: ['CA', 'NY'] }, accountId: UPS, serviceCode: '01' },
  {
    name: 'marketplace light USPS',
    when: { channels: ['marketplace'], weightGrams: { max: 4999 }, countries: ['US'] },
    accountId: USPS,
    serviceCode: '001',
  },
  { name: 'anything else', when: {}, accountId: UPS, serviceCode: '03' },
];
const facts = (f: Partial<ShipmentFacts>): ShipmentFacts => ({
  weightGrams: 1000,
  country: 'US',
  region: 'TX',
  channel: 'web',
  orderValueMinor: 2000,
  ...f,
});

describe('shipping rules', () => {
  it('the first matching rule wins, in order', () => {
    expect(chooseService(rules, accounts, facts({ weightGrams: 5000, orderValueMinor: 90_000, region: 'CA' }))?.ruleName).toBe(
      'heavy goes UPS Ground',
    );
    expect(chooseService(rules, accounts, facts({ orderValueMinor: 90_000, region: 'ca' }))).toMatchObject({
      serviceCode: '01',
      account: { id: UPS },
    });
    expect(chooseService(rules, accounts, facts({ channel: 'marketplace' }))).toMatchObject({
      serviceCode: '001',
      serviceName: 'usps 001',
    });
    expect(chooseService(rules, accounts, facts({ channel: 'marketplace', country: 'CA' }))?.ruleName).toBe('anything else');
  });

  it('bounds are inclusive on both ends', () => {
    const when = { weightGrams: { min: 100, max: 200 } };
    expect([99, 100, 200, 201].map((w) => ruleMatches(when, facts({ weightGrams: w })))).toEqual([false, true, true, false]);
  });

  it('a condition on a missing fact does not match', () => {
    expect(ruleMatches({ weightGrams: { max: 10_000 } }, facts({ weightGrams: null }))).toBe(false);
    expect(ruleMatches({ countries: ['US'] }, facts({ country: null }))).toBe(false);
    expect(ruleMatches({}, facts({ weightGrams: null, country: null }))).toBe(true);
  });

  it('skips a rule whose service the station does not have, and answers null when nothing matches', () => {
    const gone: ShippingRule = { name: 'retired service', when: {}, accountId: UPS, serviceCode: '13' };
    expect(chooseService([gone, ...rules], accounts, facts({}))?.ruleName).toBe('anything else');
    expect(chooseService(rules.slice(0, 3), accounts, facts({}))).toBeNull();
  });
});
