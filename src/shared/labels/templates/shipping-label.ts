import { ssccHumanReadable, type LabelContext } from '../label-context';
import type { ShippingLabelData } from '../label-data';
import { PAGE_SIZES, type LabelDocument } from '../layout';
import { addressLines } from '../address-lines';
import { MODULE, PageBuilder } from './layout-builder';

/**
 * 4x6 shipping label: from, carrier, ship-to, the order number (Code 128), the tracking number
 * (Code 128, when the carrier gave one) and the carton's SSCC (GS1-128), lowest on the label.
 */
export function shippingLabel(data: ShippingLabelData, ctx: LabelContext): LabelDocument {
  const size = PAGE_SIZES['4x6'];
  const p = new PageBuilder(size.width, size.height, 10);
  const m = p.margin;

  const from = data.shipFrom ? addressLines(data.shipFrom).slice(0, 5) : [];
  p.text(m, 8, 6, 'FROM');
  from.forEach((line, i) => p.text(m, 16 + i * 8, 7, line, { width: 150 }));
  p.text(170, 10, 14, data.carrier ?? 'UNASSIGNED', { bold: true });
  p.text(170, 28, 10, data.service ?? '');
  if (data.weightGrams !== null) p.text(170, 44, 9, `${(data.weightGrams / 1000).toFixed(2)} kg`);
  p.rule(60);

  p.text(m, 66, 7, 'SHIP TO');
  const to = addressLines(data.shipTo).slice(0, 6);
  to.forEach((line, i) => p.text(m + 6, 76 + i * 15, i === 0 ? 13 : 12, line, { bold: i === 0 }));
  p.rule(170);

  p.text(m, 176, 7, 'ORDER');
  p.text(190, 176, 11, `PKG ${data.packageIndex} OF ${data.packageCount}`, { bold: true, width: 88, align: 'right' });
  p.barcode(m + 6, 188, 'code128', data.orderNumber, 36, MODULE.narrow);
  p.text(m + 6, 228, 10, data.orderNumber);
  if (data.reference) p.text(150, 228, 8, `REF ${data.reference}`, { width: 128, align: 'right' });
  p.rule(244);

  if (data.trackingNumber) {
    p.text(m, 250, 7, 'TRACKING #');
    p.barcode(m + 6, 260, 'code128', data.trackingNumber, 44, MODULE.narrow);
    p.text(m + 6, 308, 10, data.trackingNumber);
  } else {
    p.text(m, 250, 7, 'TRACKING #');
    p.text(m + 6, 270, 12, 'Pending carrier label');
  }
  p.rule(324);

  // GS1 logistic label rule: the SSCC barcode is the lowest symbol on the label.
  if (ctx.sscc) {
    p.text(m, 330, 7, 'SSCC');
    p.gs1(m + 8, 342, [{ ai: '00', value: ctx.sscc.value }], 58, MODULE.sscc);
    p.text(m + 8, 406, 11, ssccHumanReadable(ctx.sscc.value, ctx.sscc.companyPrefixLength), { bold: true });
  }
  return { title: `Shipping label ${data.orderNumber} ${data.packageIndex}/${data.packageCount}`, size, pages: [{ elements: p.elements }] };
}
