import { parseGs1 } from '../../shared/domain/gs1';

/**
 * What a scan means: an order number, or a product code. GS1 scans carry the GTIN in AI 01;
 * a GTIN-14 with a leading 0 is the EAN-13 on the item.
 */
export function productCodesOf(raw: string): string[] {
  const code = raw.trim();
  const gs1 = parseGs1(code);
  const gtin = gs1?.find((e) => e.ai === '01')?.value;
  if (gtin) return [gtin, gtin.replace(/^0+/, ''), gtin.slice(1)];
  return [code.replace(/^\](C0|E0|A0)/, '')];
}
