import { describe, expect, it } from 'vitest';
import { ItemVerified, PackageCreated } from '../events/station-events';
import { completeCapture, startCapture, type CaptureLine } from './unit-capture';
import { describeUnits, gs1Expiry, trackingInScan } from './unit-tracking';

const TODAY = new Date('2026-12-04T12:00:00Z');
const GS = '\u001d';
const free = () => null;

describe('GS1 lot, expiry and serial in a scan', () => {
  it('reads AI 10, 17 and 21 from bracketed, FNC1 and symbology-identifier forms', () => {
    expect(trackingInScan('(01)09506000134352(17)270531(10)LOT-42', TODAY)).toEqual({ serial: null, lot: 'LOT-42', expiry: '2027-05-31' });
    expect(trackingInScan(`]C10109506000134352${GS}21SN0001`, TODAY)).toEqual({ serial: 'SN0001', lot: null, expiry: null });
    expect(trackingInScan(`]d2010950600013435217270500${'10'}AB12${GS}21X9`, TODAY)).toEqual({
      serial: 'X9',
      lot: 'AB12',
      expiry: '2027-05-31',
    });
    expect(trackingInScan('09506000134352', TODAY)).toEqual({ serial: null, lot: null, expiry: null });
  });

  it('puts a two-digit year in the century GS1 prescribes and turns day 00 into the month end', () => {
    expect(gs1Expiry('280229', TODAY)).toBe('2028-02-29');
    expect(gs1Expiry('270200', TODAY)).toBe('2027-02-28');
    expect(gs1Expiry('991231', TODAY)).toBe('1999-12-31'); // 73 years ahead is too far: last century
    expect(gs1Expiry('761231', TODAY)).toBe('2076-12-31'); // 50 ahead still counts forward
    expect(gs1Expiry('271301', TODAY)).toBeNull();
    expect(gs1Expiry('270231', TODAY)).toBeNull();
  });

  it('describes units for people', () => {
    expect(
      describeUnits([
        { serial: 'A1', lot: null, expiry: null, quantity: 1 },
        { serial: 'A2', lot: null, expiry: null, quantity: 1 },
        { serial: null, lot: 'L7', expiry: '2027-05-31', quantity: 2 },
      ]),
    ).toBe('SN A1, A2; LOT L7 EXP 2027-05-31 x2');
  });
});

describe('pack events with lots and serials', () => {
  const base = {
    id: crypto.randomUUID(),
    stationId: crypto.randomUUID(),
    seq: 1,
    orderId: crypto.randomUUID(),
    fulfillmentOrderId: crypto.randomUUID(),
    actor: { kind: 'station' as const, id: 'x' },
    occurredAt: '2026-12-04T10:00:00.000Z',
  };
  const lineId = crypto.randomUUID();

  it('still reads events recorded before lots and serials', () => {
    expect(ItemVerified.safeParse({ ...base, type: 'item-verified', payload: { lineId, barcode: '1', quantity: 1 } }).success).toBe(true);
    const created = { packageId: crypto.randomUUID(), contents: [{ lineId, quantity: 2 }], weightGrams: null };
    expect(PackageCreated.safeParse({ ...base, type: 'package-created', payload: created }).success).toBe(true);
  });

  it('refuses a serial on more than one unit, a serial with a lot, and an expiry without a lot', () => {
    const verified = (extra: object, quantity = 1) =>
      ItemVerified.safeParse({ ...base, type: 'item-verified', payload: { lineId, barcode: '1', quantity, ...extra } }).success;
    expect(verified({ serial: 'S1' })).toBe(true);
    expect(verified({ lot: 'L1', expiry: '2027-01-31' }, 5)).toBe(true);
    expect(verified({ serial: 'S1' }, 2)).toBe(false);
    expect(verified({ serial: 'S1', lot: 'L1' })).toBe(false);
    expect(verified({ expiry: '2027-01-31' })).toBe(false);
    expect(verified({ serial: 'has space' })).toBe(false);
    expect(verified({ serial: 'X'.repeat(21) })).toBe(false);
  });
});

describe('capturing a unit (the state machine a scanning screen drives)', () => {
  const serialLine: CaptureLine = { lineId: 'l1', sku: 'CAM-1', name: 'Camera', tracking: 'serial' };
  const lotLine: CaptureLine = { lineId: 'l2', sku: 'MILK', name: 'Milk', tracking: 'lot' };

  it('is ready at once for an untracked line, as before', () => {
    expect(startCapture({ lineId: 'l0', sku: 'MUG', name: 'Mug' }, '111', free)).toEqual({
      kind: 'ready',
      lineId: 'l0',
      barcode: '111',
      unit: null,
    });
  });

  it('takes the serial from a GS1 scan that carries AI 21', () => {
    const step = startCapture(serialLine, '(01)09506000134352(21)SN-7', free, TODAY);
    expect(step).toMatchObject({ kind: 'ready', unit: { serial: 'SN-7', lot: null, expiry: null } });
  });

  it('asks for the serial after a plain barcode, then takes it typed or scanned', () => {
    const ask = startCapture(serialLine, '09506000134352', free, TODAY);
    expect(ask).toMatchObject({ kind: 'ask', prompt: 'Scan or type the serial number of this Camera' });
    if (ask.kind !== 'ask') throw new Error('expected ask');
    expect(completeCapture(ask.pending, '  SN-8 ', free)).toMatchObject({
      kind: 'ready',
      barcode: '09506000134352',
      unit: { serial: 'SN-8' },
    });
    expect(completeCapture(ask.pending, '(21)SN-9', free)).toMatchObject({ kind: 'ready', unit: { serial: 'SN-9' } });
  });

  it('refuses a serial already packed, and keeps asking after text that cannot be a serial', () => {
    const ask = startCapture(serialLine, '111', free);
    if (ask.kind !== 'ask') throw new Error('expected ask');
    const taken = (sku: string, serial: string) => (sku === 'CAM-1' && serial === 'SN-1' ? 'ORD-1, package 1' : null);
    expect(completeCapture(ask.pending, 'SN-1', taken)).toMatchObject({ kind: 'refused', code: 'serial_already_packed', pending: null });
    expect(completeCapture(ask.pending, 'two words', taken)).toMatchObject({
      kind: 'refused',
      code: 'invalid_tracking_text',
      pending: ask.pending,
    });
  });

  it('takes a lot and its expiry from one scan, or a typed lot without an expiry', () => {
    expect(startCapture(lotLine, '(01)09506000134352(17)270531(10)B-1', free, TODAY)).toMatchObject({
      kind: 'ready',
      unit: { serial: null, lot: 'B-1', expiry: '2027-05-31' },
    });
    const ask = startCapture(lotLine, '(01)09506000134352(21)S', free, TODAY);
    if (ask.kind !== 'ask') throw new Error('expected ask');
    expect(completeCapture(ask.pending, 'B-2', free)).toMatchObject({ kind: 'ready', unit: { lot: 'B-2', expiry: null } });
  });
});
