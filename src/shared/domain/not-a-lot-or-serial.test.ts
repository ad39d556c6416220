import { describe, expect, it } from 'vitest';
import { notALotOrSerial, type CodesKnownHere } from './not-a-lot-or-serial';

const RULES = { minLength: 4, orderNumberPrefix: 'ORD', returnNumberPrefix: 'RMA' };
const MUG = { sku: 'MUG-ENAMEL-NVY', name: 'Enamel mug, navy' };
const TEE = { sku: 'TEE-ORG-M', name: 'Organic tee, M' };
const items = new Map([
  ['MUG-ENAMEL-NVY', MUG],
  ['5012345671017', MUG],
  ['TEE-ORG-M', TEE],
  ['5012345678900', TEE],
]);
const known: CodesKnownHere = {
  itemOf: (code) => items.get(code.replace(/^0+/, '')) ?? items.get(code) ?? null,
  orderNumbers: new Set(['SHOP-20261205-00001']),
  totes: new Set(['TOTE-17']),
  bins: new Set(['A-01-03-2-B']),
  ssccs: new Set(['106141412345678908']),
};
const lot = { sku: MUG.sku, mode: 'lot' as const };
const serial = { sku: TEE.sku, mode: 'serial' as const };

describe('a code given as a lot or serial that the station knows is something else', () => {
  it('is an order number (ours by pattern, or one the station holds) or an RMA number', () => {
    expect(notALotOrSerial('ORD-20261205-00007', lot, known, RULES)).toBe('an order number');
    expect(notALotOrSerial('ord-20261205-00008', serial, known, RULES)).toBe('an order number');
    expect(notALotOrSerial('SHOP-20261205-00001', serial, known, RULES)).toBe('an order number');
    expect(notALotOrSerial('RMA-20261205-00002', lot, known, RULES)).toBe('a return (RMA) number');
  });

  it('is an SSCC: a GS1 AI 00 in any form, or one of this station’s packages', () => {
    expect(notALotOrSerial('(00)106141412345678908', lot, known, RULES)).toBe('a shipping label (SSCC)');
    expect(notALotOrSerial('00106141412345678908', serial, known, RULES)).toBe('a shipping label (SSCC)');
    expect(notALotOrSerial('106141412345678908', serial, known, RULES)).toBe('a shipping label (SSCC)');
  });

  it('is the barcode or SKU of any item the station knows, this one’s included', () => {
    expect(notALotOrSerial('5012345671017', lot, known, RULES)).toBe("the item's barcode");
    expect(notALotOrSerial('5012345678900', lot, known, RULES)).toBe('the barcode of Organic tee, M');
    expect(notALotOrSerial('TEE-ORG-M', lot, known, RULES)).toBe('the SKU of Organic tee, M');
    expect(notALotOrSerial('(01)05012345678900', lot, known, RULES)).toBe('a label of Organic tee, M');
    expect(notALotOrSerial('(01)05012345678900(10)L-1', lot, known, RULES)).toBe('a label of Organic tee, M');
    expect(notALotOrSerial('(01)05012345671017', lot, known, RULES)).toBe("the item's barcode");
  });

  it('is a tote, a bin, or a GS1 label without what is asked for', () => {
    expect(notALotOrSerial('TOTE-17', serial, known, RULES)).toBe('a tote label');
    expect(notALotOrSerial('A-01-03-2-B', lot, known, RULES)).toBe('a bin label');
    expect(notALotOrSerial('(01)09506000134352(10)L-1', serial, known, RULES)).toBe('a label without a serial number (GS1 AI 21)');
    expect(notALotOrSerial('(17)270531', lot, known, RULES)).toBe('a label without a lot (GS1 AI 10)');
  });

  it('leaves lots and serials alone, from a label of this item or typed', () => {
    expect(notALotOrSerial('LOT-C3', lot, known, RULES)).toBeNull();
    expect(notALotOrSerial('SN-000123', serial, known, RULES)).toBeNull();
    expect(notALotOrSerial('(01)05012345671017(17)270531(10)LOT-C3', lot, known, RULES)).toBeNull();
    expect(notALotOrSerial('(01)09506000134352(21)X9', serial, known, RULES)).toBeNull();
    // Digits of an SSCC's length are a serial unless their check digit holds and they follow AI 00.
    expect(notALotOrSerial('106141412345678901', serial, known, RULES)).toBeNull();
    // Another system's numbers with our shape but not our prefix.
    expect(notALotOrSerial('B-20261205-00001', lot, known, RULES)).toBeNull();
  });
});
