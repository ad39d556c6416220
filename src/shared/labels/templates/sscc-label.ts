import { addressLines } from '../address-lines';
import { ssccHumanReadable, type LabelContext } from '../label-context';
import type { SsccLabelData } from '../label-data';
import { gs1HumanReadable } from '../gs1-element-string';
import { PAGE_SIZES, type Gs1Field, type LabelDocument } from '../layout';
import { MODULE, PageBuilder } from './layout-builder';

/**
 * GS1 logistic label, 4x6: from/to and carrier on top, the carton's data in human-readable form
 * with AIs in parentheses, a GS1-128 of that data, and the SSCC (AI 00) as the lowest barcode.
 */
export function ssccLabel(data: SsccLabelData, ctx: LabelContext): LabelDocument {
  if (!ctx.sscc) throw new Error('an SSCC label needs an SSCC');
  const size = PAGE_SIZES['4x6'];
  const p = new PageBuilder(size.width, size.height, 10);
  const m = p.margin;

  p.text(m, 8, 6, 'FROM');
  (data.shipFrom ? addressLines(data.shipFrom).slice(0, 4) : []).forEach((l, i) => p.text(m, 16 + i * 8, 7, l, { width: 130 }));
  p.text(150, 8, 6, 'TO');
  addressLines(data.shipTo)
    .slice(0, 5)
    .forEach((l, i) => p.text(150, 16 + i * 10, i === 0 ? 9 : 8, l, { bold: i === 0 }));
  p.rule(68);
  p.text(m, 74, 7, 'CARRIER');
  p.text(m, 84, 12, data.carrier ?? '-', { bold: true, width: 130 });
  p.text(150, 74, 7, 'ORDER / CARTON');
  p.text(150, 84, 10, `${data.orderNumber}  ${data.packageIndex}/${data.packageCount}`, { bold: true });
  p.rule(104);

  const [contentFields, orderFields] = cartonFields(data);
  const fields = [...contentFields, ...orderFields];
  p.text(m, 108, 8, 'SSCC');
  p.text(m + 70, 108, 10, ssccHumanReadable(ctx.sscc.value, ctx.sscc.companyPrefixLength), { bold: true });
  fields.forEach((f, i) => {
    p.text(m, 122 + i * 13, 8, AI_TITLES[f.ai] ?? `AI ${f.ai}`);
    p.text(m + 70, 122 + i * 13, 10, `(${f.ai}) ${f.value}`);
  });
  p.rule(176);
  // Two symbols keep each within the label width at a 2-dot module.
  if (orderFields.length) {
    p.gs1(m + 8, 182, orderFields, 36, MODULE.narrow);
    p.text(m + 8, 220, 7, gs1HumanReadable(orderFields));
  }
  if (contentFields.length) {
    p.gs1(m + 8, 238, contentFields, 36, MODULE.narrow);
    p.text(m + 8, 276, 7, gs1HumanReadable(contentFields));
  }
  p.rule(298);
  // GS1: the SSCC is always the lowest barcode on a logistic label.
  p.text(m, 306, 7, 'SSCC');
  p.gs1(m + 8, 318, [{ ai: '00', value: ctx.sscc.value }], 82, MODULE.sscc);
  p.text(m + 8, 406, 11, ssccHumanReadable(ctx.sscc.value, ctx.sscc.companyPrefixLength), { bold: true });
  return { title: `SSCC label ${data.orderNumber} ${data.packageIndex}/${data.packageCount}`, size, pages: [{ elements: p.elements }] };
}

const AI_TITLES: Record<string, string> = { '02': 'CONTENT', '37': 'COUNT', '3302': 'WEIGHT (kg)', '400': 'ORDER / PO' };

/**
 * The carton's GS1 data in two element strings: contents (02 GTIN, 37 count, 3302 weight; the FNC1
 * after the variable-length count is the separator a scanner must see) and the order (400).
 */
export function cartonFields(data: SsccLabelData): [Gs1Field[], Gs1Field[]] {
  const contents: Gs1Field[] = [];
  if (data.contents) contents.push({ ai: '02', value: data.contents.gtin }, { ai: '37', value: String(data.contents.count) });
  if (data.weightGrams !== null) contents.push({ ai: '3302', value: String(Math.round(data.weightGrams / 10)).padStart(6, '0') });
  const po = data.customerPo ?? (/^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{1,30}$/.test(data.orderNumber) ? data.orderNumber : undefined);
  return [contents, po ? [{ ai: '400', value: po }] : []];
}
