/** What a template needs besides its data: facts about this print, filled in by the print service. */
export interface LabelContext {
  /** ISO timestamp printed on the label. */
  printedAt: string;
  /** The SSCC allocated to this logistic unit, when the template carries one. */
  sscc?: { value: string; companyPrefixLength: number };
  printer?: { name: string; dpi: number; language: string };
}

/** "(00) 1 0614141 000000001 8": extension digit, company prefix, serial reference, check digit. */
export function ssccHumanReadable(sscc: string, companyPrefixLength: number): string {
  const prefixEnd = 1 + companyPrefixLength;
  return `(00) ${sscc[0]} ${sscc.slice(1, prefixEnd)} ${sscc.slice(prefixEnd, 17)} ${sscc[17]}`;
}
