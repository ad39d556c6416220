/** '1.25' or '1,25' → 1250 grams; anything else (or blank) → null. */
export function parseKilograms(text: string): number | null {
  const t = text.trim().replace(',', '.');
  if (!/^\d{1,4}(\.\d{1,3})?$/.test(t)) return null;
  const grams = Math.round(Number(t) * 1000);
  return grams > 0 ? grams : null;
}
