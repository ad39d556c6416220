import type { InputOf, StationContract, StationSettings } from '../../../shared/contract/index';
import { unitsOf, type FulfillmentDocument } from '../../../shared/sync/fulfillment-document';
import { describeUnits } from '../../../shared/domain/unit-tracking';

/**
 * The boxes of the shipment: an unpacked (voided) one is not "1 of 2" on the next box's label. A
 * box is labelled as it is packed, so only the box that completes the order knows the count: the
 * ones before it say their number alone ("PKG 1"), never a guess ("1 OF 2" on the first of three).
 */
const livePackages = (doc: FulfillmentDocument) => doc.packages.filter((p) => p.status !== 'voided');

/** The packing slip of a package: what is in this box, with its place in the shipment. */
export function packingSlipRequest(
  doc: FulfillmentDocument,
  packageId: string,
  shipFrom: StationSettings['shipFrom'],
): Extract<InputOf<StationContract['printing.print']>, { template: 'packing-slip' }> {
  const index = livePackages(doc).findIndex((p) => p.id === packageId);
  const pkg = livePackages(doc)[index];
  if (!pkg) throw new Error(`package ${packageId} is not on ${doc.orderNumber}`);
  const lines = pkg.contents.map((c) => {
    const line = doc.lines.find((l) => l.lineId === c.lineId)!;
    return {
      sku: line.sku,
      name: line.name,
      quantity: c.quantity,
      ...(line.barcode ? { barcode: line.barcode } : {}),
      ...(c.units?.length ? { tracking: describeUnits(c.units) } : {}),
    };
  });
  const complete = unitsOf(doc, 'packed') >= unitsOf(doc, 'quantity');
  return {
    template: 'packing-slip',
    data: {
      orderNumber: doc.orderNumber,
      orderDate: doc.createdAt.slice(0, 10),
      shipTo: doc.shipTo,
      ...(shipFrom ? { shipFrom } : {}),
      lines,
      packageIndex: index + 1,
      ...(complete ? { packageCount: index + 1 } : {}),
    },
  };
}

/** The shipping label of a package, as printed (and as previewed before printing). */
export function shippingLabelRequest(
  doc: FulfillmentDocument,
  packageId: string,
  shipFrom: StationSettings['shipFrom'],
): Extract<InputOf<StationContract['printing.print']>, { template: 'shipping-label' }> {
  const live = livePackages(doc);
  const index = live.findIndex((p) => p.id === packageId);
  const packageIndex = index >= 0 ? index + 1 : live.length + 1;
  const packedAfter = index >= 0 ? unitsOf(doc, 'packed') : unitsOf(doc, 'verified');
  const completes = packedAfter >= unitsOf(doc, 'quantity');
  return {
    template: 'shipping-label',
    data: {
      orderNumber: doc.orderNumber,
      packageId,
      packageIndex,
      packageCount: completes ? packageIndex : null,
      shipTo: doc.shipTo,
      ...(shipFrom ? { shipFrom } : {}),
      carrier: null,
      service: null,
      trackingNumber: null,
      weightGrams: doc.packages[index]?.weightGrams ?? null,
    },
  };
}
