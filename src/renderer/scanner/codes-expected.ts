/**
 * What the station vouches for as a code, though it looks like a misread: the open order's items
 * at the pack bench, say, and the item codes of this warehouse's orders (db/numeric-item-codes.ts).
 * The keyboard-wedge detector asks it only of an all-digit code of a GTIN's length whose check
 * digit fails, which is otherwise a misread: a warehouse's own numeric SKUs of 8, 12, 13 or 14
 * digits are not GTINs, and the station knowing one is what tells it from a misread.
 */
const tests = new Set<(code: string) => boolean>();

/** Adds a test of codes the station knows; answers its removal. */
export function vouchForCodes(test: (code: string) => boolean): () => void {
  tests.add(test);
  return () => void tests.delete(test);
}

/** Adds a screen's expected codes, read when asked; answers its removal. */
export function expectCodes(source: () => Iterable<string>): () => void {
  return vouchForCodes((code) => {
    for (const expected of source()) if (expected === code) return true;
    return false;
  });
}

export function isExpectedCode(code: string): boolean {
  for (const test of tests) if (test(code)) return true;
  return false;
}

/** The codes an item line is scanned by: its barcode and its SKU. */
export function itemCodesOf(lines: readonly { sku: string; barcode?: string | null }[]): string[] {
  return lines.flatMap((l) => (l.barcode ? [l.sku, l.barcode] : [l.sku]));
}
