import { describe, expect, it } from 'vitest';
import { newPackage } from '../../../shared/sync/fulfillment-document';
import { freshLine, fulfillmentDoc, LINE_A, LINE_B, STATION } from '../../../shared/sync/testing/fulfillment-fixtures';
import { packingSlipRequest, shippingLabelRequest } from './package-documents';

const VOIDED = 'aaaaaaaa-0000-4000-8000-000000000001';
const BOX = 'aaaaaaaa-0000-4000-8000-000000000002';

/** Everything scanned; the first box was unpacked (voided) and everything went into the second. */
function repacked() {
  const voided = {
    ...newPackage({ packageId: VOIDED, contents: [{ lineId: LINE_A, quantity: 2 }], weightGrams: null }, 'x'),
    status: 'voided' as const,
  };
  const box = newPackage(
    {
      packageId: BOX,
      contents: [
        { lineId: LINE_A, quantity: 2 },
        { lineId: LINE_B, quantity: 1 },
      ],
      weightGrams: null,
    },
    'x',
  );
  return fulfillmentDoc({
    status: 'in_progress',
    claimedBy: STATION,
    lines: [
      freshLine(LINE_A, 'A', '111', 'Mug', 2, { verified: 2, packed: 2 }),
      freshLine(LINE_B, 'B', '222', 'Tee', 1, { verified: 1, packed: 1 }),
    ],
    packages: [voided, box],
  });
}

describe('package documents after a box was unpacked', () => {
  it('number the next box among the boxes that ship: 1 of 1, not 2 of 2', () => {
    const doc = repacked();
    expect(shippingLabelRequest(doc, BOX, null).data).toMatchObject({ packageIndex: 1, packageCount: 1 });
    expect(packingSlipRequest(doc, BOX, null).data).toMatchObject({ packageIndex: 1, packageCount: 1 });
  });

  it('number a box not yet recorded after the boxes that ship', () => {
    const doc = repacked();
    doc.packages = doc.packages.slice(0, 1);
    doc.lines = doc.lines.map((l) => ({ ...l, packed: 0 }));
    expect(shippingLabelRequest(doc, BOX, null).data).toMatchObject({ packageIndex: 1, packageCount: 1 });
  });

  it('number a shipment of three boxes 1, 2, then 3 of 3: a box before the last does not guess the count', () => {
    const doc = repacked();
    const [b1, b2, b3] = [BOX, 'aaaaaaaa-0000-4000-8000-000000000003', 'aaaaaaaa-0000-4000-8000-000000000004'];
    const box = (packageId: string, quantity: number, lineId = LINE_A) =>
      newPackage({ packageId, contents: [{ lineId, quantity }], weightGrams: null }, 'x');
    doc.lines = doc.lines.map((l) =>
      l.lineId === LINE_A ? { ...l, quantity: 2, verified: 2, packed: 1 } : { ...l, verified: 0, packed: 0 },
    );
    doc.packages = [box(b1, 1)];
    expect(shippingLabelRequest(doc, b1, null).data).toMatchObject({ packageIndex: 1, packageCount: null });
    expect(packingSlipRequest(doc, b1, null).data).toMatchObject({ packageIndex: 1 });
    expect(packingSlipRequest(doc, b1, null).data.packageCount).toBeUndefined();

    doc.lines = doc.lines.map((l) => (l.lineId === LINE_A ? { ...l, packed: 2 } : l));
    doc.packages.push(box(b2, 1));
    expect(shippingLabelRequest(doc, b2, null).data).toMatchObject({ packageIndex: 2, packageCount: null });

    doc.lines = doc.lines.map((l) => (l.lineId === LINE_B ? { ...l, verified: 1, packed: 1 } : l));
    doc.packages.push(box(b3, 1, LINE_B));
    expect(shippingLabelRequest(doc, b3, null).data).toMatchObject({ packageIndex: 3, packageCount: 3 });
    expect(packingSlipRequest(doc, b3, null).data).toMatchObject({ packageIndex: 3, packageCount: 3 });
  });
});
