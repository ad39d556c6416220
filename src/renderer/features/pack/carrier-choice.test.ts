import { describe, expect, it } from 'vitest';
import type { CarrierState } from '../../../shared/contract/index';
import type { FulfillmentDocument } from '../../../shared/sync/fulfillment-document';
import { packageCarrier, shipmentFacts } from './carrier-choice';

const UPS = '00000000-0000-4000-8000-000000000001';
const doc: FulfillmentDocument = {
  id: 'dddddddd-dddd-4ddd-8ddd-dddddddddddd',
  orderId: 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee',
  orderNumber: 'ORD-20261202-00001',
  warehouseId: 'ffffffff-ffff-4fff-8fff-ffffffffffff',
  status: 'in_progress',
  holds: [],
  claimedBy: null,
  customerName: 'Ada',
  shipTo: { name: 'Ada', line1: '1 Road', city: 'Albany', region: 'NY', country: 'US' },
  channel: 'web',
  orderValueMinor: 60_000,
  lines: [],
  packages: [],
  appliedSeq: {},
  version: 1,
  createdAt: '2026-12-02T08:00:00.000Z',
  updatedAt: '2026-12-02T08:00:00.000Z',
};
const carriers: CarrierState = {
  config: {
    warehouseId: doc.warehouseId,
    accounts: [
      {
        id: UPS,
        carrier: 'ups',
        labelSource: 'blocks',
        accountNumber: '999AA1',
        uspsChannel: '92',
        name: 'UPS Main',
        labelFormat: 'zpl',
        services: [
          { code: '03', name: 'UPS Ground' },
          { code: '01', name: 'UPS Next Day Air' },
        ],
        blockSize: 100,
        lowWater: 10,
      },
    ],
    rules: [
      { name: 'heavy by ground', when: { weightGrams: { min: 5000 } }, accountId: UPS, serviceCode: '03' },
      {
        name: 'valuable NY next day',
        when: { regions: ['NY'], orderValueMinor: { min: 50_000 }, channels: ['web'] },
        accountId: UPS,
        serviceCode: '01',
      },
    ],
    readAt: '2026-12-02T08:00:00.000Z',
  },
  refreshedAt: '2026-12-02T08:00:00.000Z',
  stock: [],
  warnings: [],
};

describe("the pack screen's carrier for a package", () => {
  it('reads the facts from the order and the package weight', () => {
    expect(shipmentFacts(doc, 1200)).toEqual({ weightGrams: 1200, country: 'US', region: 'NY', channel: 'web', orderValueMinor: 60_000 });
    const older = { ...doc, channel: undefined, orderValueMinor: undefined, shipTo: { ...doc.shipTo, region: undefined } };
    expect(shipmentFacts(older, null)).toMatchObject({ weightGrams: null, region: null, channel: null, orderValueMinor: null });
  });

  it("takes the rules' choice, the packer's override over it, and none without a config or a match", () => {
    expect(packageCarrier(carriers, doc, 6000, null)).toEqual({
      choice: { accountId: UPS, serviceCode: '03' },
      label: 'UPS Main · UPS Ground',
      reason: 'rule “heavy by ground”',
    });
    expect(packageCarrier(carriers, doc, 1000, null)?.choice.serviceCode).toBe('01');
    expect(packageCarrier(carriers, doc, 6000, { accountId: UPS, serviceCode: '01' })).toMatchObject({
      choice: { serviceCode: '01' },
      reason: 'chosen by hand',
    });
    // An override naming a service the station no longer has falls back to the rules.
    expect(packageCarrier(carriers, doc, 6000, { accountId: UPS, serviceCode: '13' })?.reason).toBe('rule “heavy by ground”');
    expect(packageCarrier(carriers, { ...doc, orderValueMinor: 100 }, 1000, null)).toBeNull();
    expect(packageCarrier(null, doc, 6000, null)).toBeNull();
  });
});
