import { MAX_PACKAGE_GRAMS } from '../../../shared/domain/package-weight';

/** '1.25' or '1,25' → 1250 grams; anything else (blank, over the heaviest package recorded) → null. */
export function parseKilograms(text: string): number | null {
  const t = text.trim().replace(',', '.');
  if (!/^\d{1,4}(\.\d{1,3})?$/.test(t)) return null;
  const grams = Math.round(Number(t) * 1000);
  return grams > 0 && grams <= MAX_PACKAGE_GRAMS ? grams : null;
}

/** The weight field's text for a weight in grams: kilograms as the packer would type them. */
export function kilogramsText(grams: number): string {
  return String(grams / 1000);
}

/** What the packer is told about a scale reading that is not a weight to ship with; null when it is one. */
export function scaleProblem(reading: { state: string; display: string }): string | null {
  switch (reading.state) {
    case 'stable':
      return null;
    case 'motion':
      return 'The scale did not settle: hold the package still and read again.';
    case 'zero':
      return 'The scale reads zero: put the package on it.';
    case 'overload':
      return "The package is over the scale's capacity: type its weight.";
    default:
      return 'The scale reads below zero: zero it, then read again.';
  }
}
