import { ssccHumanReadable, type LabelContext } from '../label-context';
import type { SsccLabelData } from '../label-data';
import { gs1HumanReadable } from '../gs1-element-string';
import { PAGE_SIZES, type Gs1Field, type LabelDocument } from '../layout';
import { gs1128Modules, LINEAR_QUIET_ZONE } from '../barcode-size';
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

  p.text(m, 6, 6, 'FROM');
  if (data.shipFrom) p.address(m, 13, 130, 52, data.shipFrom, { size: 7, minSize: 5 });
  p.text(150, 6, 6, 'TO');
  p.address(150, 13, 128, 54, data.shipTo, { size: 8, minSize: 5, nameSize: 9, boldName: true });
  p.rule(68);
  p.text(m, 72, 7, 'CARRIER');
  p.text(m, 82, 12, data.carrier ?? '-', { bold: true, width: 130 });
  p.text(150, 72, 7, 'ORDER / CARTON');
  p.text(150, 82, 10, `${data.orderNumber}  ${data.packageIndex}/${data.packageCount}`, { bold: true, width: 128 });
  p.rule(100);

  const [contentFields, orderFields] = cartonFields(data);
  const fields = [...contentFields, ...orderFields];
  p.text(m, 104, 8, 'SSCC', { width: 66 });
  p.text(m + 70, 104, 10, ssccHumanReadable(ctx.sscc.value, ctx.sscc.companyPrefixLength), { bold: true });
  fields.forEach((f, i) => {
    p.text(m, 117 + i * 12, 8, AI_TITLES[f.ai] ?? `AI ${f.ai}`, { width: 66 });
    p.text(m + 70, 117 + i * 12, 10, `(${f.ai}) ${f.value}`);
  });
  p.rule(166);
  // Carton data at the widest bars that fit (GS1's 0.495 mm rarely does), never below 0.25 mm.
  if (orderFields.length) {
    p.gs1Fit(m, 170, p.contentWidth, 34, orderFields, MODULE.sscc);
    p.text(m + 8, 206, 7, gs1HumanReadable(orderFields));
  }
  if (contentFields.length) {
    p.gs1Fit(m, 218, p.contentWidth, 52, contentFields, MODULE.sscc);
    p.text(m + 8, 272, 7, gs1HumanReadable(contentFields));
  }
  p.rule(284);
  // GS1 logistic label: the SSCC is the lowest barcode, X 0.5 mm, bars 32 mm high, 10 X quiet zones.
  p.text(m, 290, 7, 'SSCC');
  p.gs1Fit(m, 300, p.contentWidth, MODULE.ssccHeight, [{ ai: '00', value: ctx.sscc.value }], MODULE.sscc, MODULE.sscc);
  p.text(m + 8, 396, 11, ssccHumanReadable(ctx.sscc.value, ctx.sscc.companyPrefixLength), { bold: true });
  return { title: `SSCC label ${data.orderNumber} ${data.packageIndex}/${data.packageCount}`, size, pages: [{ elements: p.elements }] };
}

/** Widest AI 400 symbol a 4x6 label carries: its content width at 0.25 mm bars, quiet zones included. */
const LABEL_CONTENT_WIDTH = PAGE_SIZES['4x6'].width - 20;

/** Whether `value` is AI 400 data that prints as a GS1-128 on a 4x6 label at a readable bar width. */
export function fitsAi400(value: string): boolean {
  if (!/^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{1,30}$/.test(value)) return false;
  return (gs1128Modules([{ ai: '400', value }]) + 2 * LINEAR_QUIET_ZONE) * MODULE.narrow <= LABEL_CONTENT_WIDTH;
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
  // The order number stands in for a PO only when it is valid AI 400 data that fits a readable barcode.
  const po = data.customerPo ?? (fitsAi400(data.orderNumber) ? data.orderNumber : undefined);
  return [contents, po ? [{ ai: '400', value: po }] : []];
}
