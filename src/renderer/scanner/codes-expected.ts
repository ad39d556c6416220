/**
 * What the screens in front expect to be scanned now: the open order's items at the pack bench,
 * say. The keyboard-wedge detector asks it only of an all-digit code of a GTIN's length whose
 * check digit fails, which is otherwise a misread: a warehouse's own numeric SKUs of 8, 12, 13 or
 * 14 digits are not GTINs, and the screen expecting one is what tells it from a misread.
 */
const sources = new Set<() => Iterable<string>>();

/** Adds a screen's expected codes, read when asked; answers its removal. */
export function expectCodes(source: () => Iterable<string>): () => void {
  sources.add(source);
  return () => void sources.delete(source);
}

export function isExpectedCode(code: string): boolean {
  for (const source of sources) for (const expected of source()) if (expected === code) return true;
  return false;
}

/** The codes an item line is scanned by: its barcode and its SKU. */
export function itemCodesOf(lines: readonly { sku: string; barcode?: string | null }[]): string[] {
  return lines.flatMap((l) => (l.barcode ? [l.sku, l.barcode] : [l.sku]));
}
