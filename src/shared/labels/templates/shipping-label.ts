import { ssccHumanReadable, type LabelContext } from '../label-context';
import type { ShippingLabelData } from '../label-data';
import { PAGE_SIZES, type LabelDocument } from '../layout';
import { MODULE, PageBuilder } from './layout-builder';

/**
 * 4x6 shipping label: from, carrier, ship-to, the order number (Code 128), the tracking number
 * (Code 128, when the carrier gave one) and the carton's SSCC (GS1-128), lowest on the label.
 * Addresses wrap and shrink to their boxes; a number too long for a readable Code 128 prints as a DataMatrix.
 */
export function shippingLabel(data: ShippingLabelData, ctx: LabelContext): LabelDocument {
  const size = PAGE_SIZES['4x6'];
  const p = new PageBuilder(size.width, size.height, 10);
  const m = p.margin;

  p.text(m, 6, 6, 'FROM');
  if (data.shipFrom) p.address(m, 13, 150, 42, data.shipFrom, { size: 7, minSize: 5 });
  p.text(170, 8, 14, data.carrier ?? 'UNASSIGNED', { bold: true });
  p.text(170, 26, 10, data.service ?? '');
  if (data.weightGrams !== null) p.text(170, 40, 9, `${(data.weightGrams / 1000).toFixed(2)} kg`);
  p.rule(56);

  p.text(m, 60, 7, 'SHIP TO');
  p.address(m + 6, 69, p.contentWidth - 6, 80, data.shipTo, { size: 12, minSize: 7, nameSize: 13, boldName: true });
  p.rule(150);

  p.text(m, 154, 7, 'ORDER');
  p.text(190, 154, 11, `PKG ${boxOf(data)}`, { bold: true, width: 88, align: 'right' });
  p.code128(m, 167, p.contentWidth, 28, data.orderNumber);
  p.text(m + 6, 198, 9, data.orderNumber, { width: data.reference ? 130 : p.contentWidth - 6 });
  if (data.reference) p.text(150, 198, 8, `REF ${data.reference}`, { width: 128, align: 'right' });
  p.rule(210);

  p.text(m, 214, 7, 'TRACKING #');
  if (data.trackingNumber) {
    p.code128(m, 224, p.contentWidth, 44, data.trackingNumber);
    p.text(m + 6, 274, 9, data.trackingNumber);
  } else {
    p.text(m + 6, 234, 12, 'Pending carrier label');
  }
  p.rule(288);

  // GS1 logistic label: the SSCC is the lowest symbol, X 0.5 mm, bars 32 mm high, 10 X quiet zones.
  if (ctx.sscc) {
    p.text(m, 292, 7, 'SSCC');
    p.gs1Fit(m, 302, p.contentWidth, MODULE.ssccHeight, [{ ai: '00', value: ctx.sscc.value }], MODULE.sscc, MODULE.sscc);
    p.text(m + 8, 398, 11, ssccHumanReadable(ctx.sscc.value, ctx.sscc.companyPrefixLength), { bold: true });
  }
  return { title: `Shipping label ${data.orderNumber} box ${boxOf(data).toLowerCase()}`, size, pages: [{ elements: p.elements }] };
}

/** "2 OF 3" once the shipment's boxes are known; "2" while more may follow (a guess would be wrong on the box). */
function boxOf(data: Pick<ShippingLabelData, 'packageIndex' | 'packageCount'>): string {
  return data.packageCount ? `${data.packageIndex} OF ${data.packageCount}` : String(data.packageIndex);
}
