import { describe, expect, it } from 'vitest';
import { labelExpiry } from './lot-expiry';
import { completeCapture, startCapture, type CaptureLine, type PendingCapture } from './unit-capture';

const TODAY = new Date('2026-12-05T09:00:00Z');
const free = () => null;
const mug: CaptureLine = { lineId: 'l1', sku: 'MUG-ENAMEL-NVY', name: 'Enamel mug, navy', tracking: 'lot' };
const waitingLot: PendingCapture = { lineId: 'l1', sku: mug.sku, name: mug.name, mode: 'lot', barcode: '5012345671017' };
const waitingSerial: PendingCapture = { lineId: 'l2', sku: 'TEE-ORG-M', name: 'Organic tee, M', mode: 'serial', barcode: '5012345678900' };

describe('the expiry on a lot label (GS1 AI 17)', () => {
  it('is good through its day, expired after it (UTC), and day 00 is the month’s last day', () => {
    expect(labelExpiry('(17)261205(10)L', TODAY)).toEqual({ kind: 'good', expiry: '2026-12-05' });
    expect(labelExpiry('(17)261204(10)L', TODAY)).toEqual({ kind: 'expired', expiry: '2026-12-04' });
    expect(labelExpiry('(17)261100(10)L', TODAY)).toEqual({ kind: 'expired', expiry: '2026-11-30' });
    expect(labelExpiry('(17)261200(10)L', TODAY)).toEqual({ kind: 'good', expiry: '2026-12-31' });
    expect(labelExpiry('(17)240101(10)L', new Date('2026-12-05T23:59:59Z'))).toMatchObject({ kind: 'expired' });
    expect(labelExpiry('(17)261399(10)L', TODAY)).toEqual({ kind: 'not-a-date', text: '261399' });
    expect(labelExpiry('(10)L', TODAY)).toEqual({ kind: 'none' });
  });
});

describe('capturing a lot whose label is expired or has no readable expiry', () => {
  it('refuses an expired lot from the item’s own scan, and the unit is not counted', () => {
    const step = startCapture(mug, '(01)05012345671017(10)LOT-C3(17)240101', free, TODAY);
    expect(step).toEqual({
      kind: 'refused',
      code: 'lot_expired',
      message: 'Lot LOT-C3 expired on 2024-01-01: put this unit aside and take another.',
      pending: null,
    });
  });

  it('refuses a label whose expiry is not a date instead of dropping it', () => {
    const step = startCapture(mug, '(01)05012345671017(10)LOT-X(17)261399', free, TODAY);
    expect(step).toMatchObject({ kind: 'refused', code: 'expiry_not_a_date', pending: null });
    if (step.kind !== 'refused') throw new Error('expected refused');
    expect(step.message).toContain("The label's expiry date 261399 is not a date");
  });

  it('refuses the same when the lot label is scanned at the prompt, and takes a good one', () => {
    expect(completeCapture(waitingLot, '(10)LOT-C3(17)240101', free, TODAY)).toMatchObject({ kind: 'refused', code: 'lot_expired' });
    expect(completeCapture(waitingLot, '(10)LOT-C4(17)270531', free, TODAY)).toMatchObject({
      kind: 'ready',
      unit: { lot: 'LOT-C4', expiry: '2027-05-31' },
    });
  });
});

describe('text that cannot be a lot or serial is refused in words', () => {
  it('says a serial number has at most 20 characters, not the schema’s message', () => {
    const step = completeCapture(waitingSerial, 'SN-123456789012345678901', free, TODAY);
    expect(step).toMatchObject({ kind: 'refused', code: 'invalid_tracking_text', pending: waitingSerial });
    if (step.kind !== 'refused') throw new Error('expected refused');
    expect(step.message).toBe(
      'That is not a serial number (a serial number has at most 20 characters). Scan or type the serial number of this Organic tee, M',
    );
  });

  it('says a lot has no spaces', () => {
    const step = completeCapture(waitingLot, 'LOT C3', free, TODAY);
    if (step.kind !== 'refused') throw new Error('expected refused');
    expect(step.message).toContain('(a lot has only unaccented letters, digits and symbols, no spaces)');
  });
});
