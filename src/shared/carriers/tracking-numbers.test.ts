import { describe, expect, it } from 'vitest';
import {
  buildTrackingNumber,
  buildUps1z,
  buildUspsImpb,
  isValidUps1z,
  isValidUspsImpb,
  maxSerial,
  upsCheckDigit,
} from './tracking-numbers';

// Published examples with their check characters:
// - 1Z999AA10123456784: the sample UPS tracking number used in UPS's developer documentation.
// - 1Z5R89390357567127, 1Z879E930346834440, 1Z410E7W0392751591, 1Z8V92A70367203024 (valid) and
//   1Z1111111111111111 (invalid): jkeen/tracking_number_data, couriers/ups.json, test_numbers.
// - USPS: jkeen/tracking_number_data, couriers/usps.json ("USPS 91" and "USPS 34v2" test_numbers),
//   whose checksum is USPS Publication 199's mod 10 (weights 3 and 1 from the right, as GS1).
//   Their "91" numbers are the older Delivery Confirmation format, not IMpb (channel ids 92-95): refused here.
describe('UPS 1Z', () => {
  it.each(['1Z999AA10123456784', '1Z5R89390357567127', '1Z879E930346834440', '1Z410E7W0392751591', '1Z8V92A70367203024'])(
    'accepts the published number %s and computes its check character',
    (published) => {
      expect(isValidUps1z(published)).toBe(true);
      expect(String(upsCheckDigit(published.slice(2, 17)))).toBe(published.at(-1));
    },
  );

  it.each(['1Z1111111111111111', '1Z999AA10123456785', '2Z5R89390357567127', '1Z999AA1012345678', '1z999aa10123456784'])(
    'refuses %s',
    (bad) => {
      expect(isValidUps1z(bad)).toBe(false);
    },
  );

  it('builds the published sample from its parts: shipper 999AA1, service 01, package 2345678', () => {
    expect(buildUps1z('999AA1', '01', 2345678)).toBe('1Z999AA10123456784');
    expect(buildUps1z('5R8939', '03', 5756712)).toBe('1Z5R89390357567127');
  });

  it('pads the package reference and refuses one past 7 digits', () => {
    expect(buildUps1z('999AA1', '01', 1)).toMatch(/^1Z999AA1010000001\d$/);
    expect(() => buildUps1z('999AA1', '01', 10_000_000)).toThrow(/7 digits/);
    expect(() => buildUps1z('999aa1', '01', 1)).toThrow(/shipper number/);
  });

  it('every single-character change is caught', () => {
    const good = '1Z999AA10123456784';
    for (let i = 2; i < 17; i++) {
      const d = good[i]!;
      const changed = good.slice(0, i) + (d === '0' ? '1' : /\d/.test(d) ? String((Number(d) + 1) % 10) : 'B') + good.slice(i + 1);
      expect(isValidUps1z(changed), changed).toBe(false);
    }
  });
});

describe('USPS IMpb', () => {
  it.each(['9505511069605048600624', '9400111201080805483016', '9361289878700317633795', '9405803699300124287899'])(
    'accepts the published 22-digit number %s',
    (published) => expect(isValidUspsImpb(published)).toBe(true),
  );

  it.each(['4201002334249200190132607600833457', '4201028200009261290113185417468510'])(
    'accepts the published barcode data with a 420 routing code, %s',
    (published) => expect(isValidUspsImpb(published)).toBe(true),
  );

  it.each(['9101123456789000000013', '4201028200009261290113185417468511', '9400111201080805483017', '940011120108080548301'])(
    'refuses %s',
    (bad) => expect(isValidUspsImpb(bad)).toBe(false),
  );

  it('builds a published number from its parts: channel 94, service type 001, 9-digit mailer id 112010808, serial 0548301', () => {
    expect(buildUspsImpb('94', '001', '112010808', 548301)).toBe('9400111201080805483016');
  });

  it('a 6-digit mailer id leaves 10 digits of serial', () => {
    const n = buildUspsImpb('93', '612', '123456', 42);
    expect(n).toMatch(/^936121234560000000042\d$/);
    expect(n).toHaveLength(22);
    expect(isValidUspsImpb(n)).toBe(true);
    expect(maxSerial({ format: 'usps-impb', mailerId: '123456', channel: '93' })).toBe(9_999_999_999);
    expect(maxSerial({ format: 'usps-impb', mailerId: '123456789', channel: '93' })).toBe(9_999_999);
    expect(() => buildUspsImpb('93', '612', '123456789', 10_000_000)).toThrow(/7 digits/);
  });
});

describe('buildTrackingNumber', () => {
  it('puts the service into the number and issues a valid one for each serial', () => {
    const ups = { format: 'ups-1z', shipperNumber: '999AA1' } as const;
    expect(buildTrackingNumber(ups, '01', 2345678)).toBe('1Z999AA10123456784');
    for (let serial = 1; serial < 200; serial += 7) expect(isValidUps1z(buildTrackingNumber(ups, '03', serial))).toBe(true);
    const usps = { format: 'usps-impb', mailerId: '112010808', channel: '94' } as const;
    expect(buildTrackingNumber(usps, '001', 548301)).toBe('9400111201080805483016');
  });
});
