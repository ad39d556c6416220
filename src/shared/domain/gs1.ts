/** GS1 basics shared by labels (SSCC) and scanning (AI parsing). */

/** GS1 mod-10 check digit for a numeric string without its check digit. */
export function gs1CheckDigit(digits: string): number {
  if (!/^\d+$/.test(digits)) throw new Error(`GS1 data must be digits, got ${digits}`);
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const d = digits.charCodeAt(digits.length - 1 - i) - 48;
    sum += i % 2 === 0 ? d * 3 : d;
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidGs1Number(value: string): boolean {
  return /^\d{2,}$/.test(value) && gs1CheckDigit(value.slice(0, -1)) === Number(value.at(-1));
}

/** SSCC-18: extension digit + GS1 company prefix + serial reference, padded to 17 digits, + check digit. */
export function buildSscc(extensionDigit: number, companyPrefix: string, serial: number): string {
  if (!Number.isInteger(extensionDigit) || extensionDigit < 0 || extensionDigit > 9) throw new Error('extension digit is 0-9');
  if (!/^\d{6,12}$/.test(companyPrefix)) throw new Error('GS1 company prefix is 6 to 12 digits');
  const serialWidth = 16 - companyPrefix.length;
  const serialText = String(serial);
  if (!Number.isInteger(serial) || serial < 0 || serialText.length > serialWidth) {
    throw new Error(`serial ${serial} does not fit in ${serialWidth} digits for this company prefix`);
  }
  const body = `${extensionDigit}${companyPrefix}${serialText.padStart(serialWidth, '0')}`;
  return body + gs1CheckDigit(body);
}

/** Application identifiers we read from scans: fixed length where GS1 fixes it, else variable to GS. */
export const FIXED_AI_LENGTH: Readonly<Record<string, number>> = {
  '00': 18,
  '01': 14,
  '02': 14,
  '11': 6,
  '12': 6,
  '13': 6,
  '15': 6,
  '16': 6,
  '17': 6,
  '20': 2,
};
const VARIABLE_AIS = new Set([
  '10',
  '21',
  '22',
  '30',
  '37',
  '90',
  '91',
  '92',
  '93',
  '94',
  '95',
  '96',
  '97',
  '98',
  '99',
  '240',
  '241',
  '250',
  '251',
  '400',
  '401',
  '402',
  '403',
  '420',
  '421',
]);
const GS = '\u001d';

export interface Gs1Element {
  ai: string;
  value: string;
}

/**
 * Parses a GS1 element string as a scanner delivers it: with or without a symbology identifier
 * (]C1, ]d2, ]Q3, ]e0), FNC1 sent as GS, or in human-readable form with parentheses.
 * Returns null when the text is not GS1.
 */
export function parseGs1(raw: string): Gs1Element[] | null {
  let text = raw.trim();
  let symbologyGs1 = false;
  const sym = /^\](C1|d2|Q3|e0|J1)/.exec(text);
  if (sym) {
    symbologyGs1 = true;
    text = text.slice(3);
  }
  if (text.startsWith('(')) {
    const out: Gs1Element[] = [];
    const re = /\((\d{2,4})\)([^(]*)/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) out.push({ ai: m[1]!, value: m[2]! });
    return out.length ? out : null;
  }
  if (!symbologyGs1 && !text.includes(GS)) return null;
  const out: Gs1Element[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === GS) {
      i++;
      continue;
    }
    const ai = [2, 3, 4].map((n) => text.slice(i, i + n)).find((a) => a in FIXED_AI_LENGTH || VARIABLE_AIS.has(a));
    if (!ai) return null;
    i += ai.length;
    const fixed = FIXED_AI_LENGTH[ai];
    if (fixed !== undefined) {
      out.push({ ai, value: text.slice(i, i + fixed) });
      i += fixed;
    } else {
      const end = text.indexOf(GS, i);
      const stop = end === -1 ? text.length : end;
      out.push({ ai, value: text.slice(i, stop) });
      i = stop;
    }
  }
  return out;
}
