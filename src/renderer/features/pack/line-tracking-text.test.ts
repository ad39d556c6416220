import { describe, expect, it } from 'vitest';
import type { FulfillmentDocument, FulfillmentLine } from '../../../shared/sync/fulfillment-document';
import { lineTrackingText } from './line-tracking-text';

const line = (over: Partial<FulfillmentLine>): FulfillmentLine => ({
  lineId: crypto.randomUUID(),
  sku: 'MUG-ENAMEL-NVY',
  barcode: '5012345671017',
  name: 'Enamel mug, navy',
  quantity: 3,
  verified: 0,
  packed: 0,
  shipped: 0,
  tracking: 'lot',
  ...over,
});
const doc = { packages: [] } as unknown as FulfillmentDocument;

describe('what a line shows of its lots or serials', () => {
  it('asks for a lot while a unit is still to scan', () => {
    expect(lineTrackingText(line({}), doc)).toBe('lot needed');
    expect(lineTrackingText(line({ tracking: 'serial' }), doc)).toBe('serial needed');
  });

  it('asks for nothing on a short-picked line with no unit left, nor on an untracked one', () => {
    expect(lineTrackingText(line({ quantity: 0, shorted: 3 }), doc)).toBe('');
    expect(lineTrackingText(line({ tracking: 'none' }), doc)).toBe('');
  });

  it('shows what was captured', () => {
    expect(lineTrackingText(line({ verified: 1, captured: [{ serial: null, lot: 'L1', expiry: null, quantity: 1 }] }), doc)).toBe('LOT L1');
  });
});
