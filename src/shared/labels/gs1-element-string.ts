import type { Gs1Field } from './layout';

/**
 * GS1 AIs whose length is predefined by their first two digits (GS1 General Specifications,
 * "predefined length" table; lengths count the AI too): no FNC1 separator is needed after them.
 */
const PREDEFINED_LENGTH: Record<string, number> = {
  '00': 20,
  '01': 16,
  '02': 16,
  '03': 16,
  '04': 18,
  '11': 8,
  '12': 8,
  '13': 8,
  '14': 8,
  '15': 8,
  '16': 8,
  '17': 8,
  '18': 8,
  '19': 8,
  '20': 4,
  '31': 10,
  '32': 10,
  '33': 10,
  '34': 10,
  '35': 10,
  '36': 10,
  '41': 16,
};

export function isPredefinedLengthAi(ai: string): boolean {
  return ai.slice(0, 2) in PREDEFINED_LENGTH;
}

/** Checks each field's shape so a label never carries a GS1 string a scanner would misread. */
export function validateGs1Fields(fields: Gs1Field[]): void {
  if (fields.length === 0) throw new Error('a GS1 barcode needs at least one element');
  for (const { ai, value } of fields) {
    if (!/^\d{2,4}$/.test(ai)) throw new Error(`GS1 AI must be 2-4 digits, got ${ai}`);
    if (!/^[\x21-\x22\x25-\x2f\x30-\x3f\x41-\x5a\x5f\x61-\x7a]+$/.test(value))
      throw new Error(`GS1 AI (${ai}) value has characters GS1 does not allow: ${value}`);
    const prefix = ai.slice(0, 2);
    const fixed = PREDEFINED_LENGTH[prefix];
    const valueLength = fixed === undefined ? undefined : fixed - ai.length;
    if (valueLength !== undefined && value.length !== valueLength)
      throw new Error(`GS1 AI (${ai}) takes ${valueLength} characters, got ${value.length}`);
  }
}

/** "(00)123...(400)ABC" — the human-readable form, AIs in parentheses. */
export function gs1HumanReadable(fields: Gs1Field[]): string {
  return fields.map((f) => `(${f.ai})${f.value}`).join('');
}

/**
 * The element string as a scanner reports it after the symbology identifier: AIs and values,
 * with GS (FNC1) after every variable-length value that is not last.
 */
export function gs1ElementString(fields: Gs1Field[]): string {
  return fields.map((f, i) => f.ai + f.value + (i < fields.length - 1 && !isPredefinedLengthAi(f.ai) ? '\u001d' : '')).join('');
}
