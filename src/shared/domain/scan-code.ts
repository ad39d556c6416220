import { FIXED_AI_LENGTH, isValidGs1Number, parseGs1, type Gs1Element } from './gs1';
import { ORDER_NUMBER_PATTERN } from './order-number';

/**
 * Is a scanned text a whole code, and what kind? A keyboard wedge can deliver part of a code
 * (a busy machine splits the keystrokes, a scanner misreads), and a part must never be taken
 * for a shorter code. The rule:
 * - Codes that carry their own check are whole only when the check holds: GTIN-8/12/13/14 and
 *   SSCC-18 by their mod-10 digit, GS1 element strings by their AIs' lengths and check digits,
 *   order and RMA numbers by their pattern with one of our prefixes and a real date. All-digit
 *   text of a GTIN or SSCC length that fails its check digit is a split or a misread, as is a
 *   GS1 string that does not parse, and the tail of a document number (`D-20261122-00001`,
 *   `1122-00001`).
 * - Codes without a check (SKUs, badges, tote and bin codes, other all-digit lengths) are
 *   whole here when they meet the minimum length; `checked: false` tells the keyboard-wedge
 *   detector to also require that they arrived at scanner pace with their terminator.
 */
/**
 * A jittery scanner's second read of one label follows the first within about 100 ms; a person
 * presenting the next unit of the same item takes longer than this. The same code again sooner is
 * one label read twice (keyboard-wedge.ts).
 */
export const REREAD_MS = 300;

export type ScanCodeKind = 'gtin' | 'sscc' | 'gs1' | 'order-number' | 'return-number' | 'other';
export type ScanCodeProblem = 'too-short' | 'check-digit' | 'gs1-element-string' | 'document-number';

export interface ScanCodeRules {
  minLength: number;
  orderNumberPrefix: string;
  returnNumberPrefix: string;
  /**
   * Codes the station vouches for (the open order's items, this warehouse's item codes) that are
   * all digits of a GTIN's length without a GTIN's check digit: a warehouse's own numeric SKUs. Such a code is whole,
   * without a check (the wedge then asks scanner pace of it); any other is still a misread.
   */
  expected?: (digits: string) => boolean;
}

export type ScanCodeVerdict =
  { whole: true; kind: ScanCodeKind; code: string; checked: boolean } | { whole: false; problem: ScanCodeProblem; code: string };

/** AIM symbology identifiers that mark GS1 data (GS1-128, DataMatrix, QR, DataBar, DotCode). */
const GS1_SYMBOLOGY = /^\](C1|d2|Q3|e0|J1)/;
const ANY_SYMBOLOGY = /^\][A-Za-z][0-9A-Za-z]/;
const GS = '\u001d';
/** What is left of PREFIX-YYYYMMDD-NNNNN when its head was lost. */
const DOCUMENT_NUMBER_TAIL = /^-?\d{0,8}-\d{5,}$/;

/**
 * An SSCC as a GS1-128 label's scan reads without a symbology identifier (our own labels among
 * them): AI 00, then the 18 digits with their check. The SSCC, or null.
 */
export function ssccElementString(text: string): string | null {
  const t = text.trim();
  return /^00\d{18}$/.test(t) && isValidGs1Number(t.slice(2)) ? t.slice(2) : null;
}

export function classifyScanCode(raw: string, rules: ScanCodeRules): ScanCodeVerdict {
  const code = raw.trim();
  if (code.length < rules.minLength) return { whole: false, problem: 'too-short', code };
  if (GS1_SYMBOLOGY.test(code) || code.includes(GS) || /^\(\d{2,4}\)/.test(code)) return classifyGs1(code);
  const body = code.replace(ANY_SYMBOLOGY, '');
  if (/^\d+$/.test(body)) return classifyDigits(body, rules);
  return classifyText(body, rules);
}

/** The lengths of item barcodes: GTIN-8, UPC-A (GTIN-12), EAN-13, GTIN-14. */
export const GTIN_LENGTHS: readonly number[] = [8, 12, 13, 14];

/** All digits of an item barcode's length whose check digit does not match: a misread, unless the station vouches for it. */
export function isGtinFailingCheck(code: string): boolean {
  return /^\d+$/.test(code) && GTIN_LENGTHS.includes(code.length) && !isValidGs1Number(code);
}

function classifyDigits(digits: string, rules: ScanCodeRules): ScanCodeVerdict {
  const kind = GTIN_LENGTHS.includes(digits.length) ? 'gtin' : digits.length === 18 ? 'sscc' : null;
  if (!kind) return { whole: true, kind: 'other', code: digits, checked: false };
  if (isValidGs1Number(digits)) return { whole: true, kind, code: digits, checked: true };
  if (rules.expected?.(digits)) return { whole: true, kind: 'other', code: digits, checked: false };
  return { whole: false, problem: 'check-digit', code: digits };
}

function classifyText(text: string, rules: ScanCodeRules): ScanCodeVerdict {
  const upper = text.toUpperCase();
  const m = ORDER_NUMBER_PATTERN.exec(upper);
  if (!m) {
    if (DOCUMENT_NUMBER_TAIL.test(upper)) return { whole: false, problem: 'document-number', code: text };
    return { whole: true, kind: 'other', code: text, checked: false };
  }
  const [, prefix, day] = m as unknown as [string, string, string];
  const known = [rules.orderNumberPrefix, rules.returnNumberPrefix];
  if (known.includes(prefix)) {
    if (!isCalendarDay(day)) return { whole: false, problem: 'document-number', code: upper };
    return { whole: true, kind: prefix === rules.orderNumberPrefix ? 'order-number' : 'return-number', code: upper, checked: true };
  }
  // `D-…` or `RD-…` is an order number whose head was lost, not some other system's number.
  if (known.some((k) => k.length > prefix.length && k.endsWith(prefix))) return { whole: false, problem: 'document-number', code: upper };
  return { whole: true, kind: 'other', code: text, checked: false };
}

function isCalendarDay(yyyymmdd: string): boolean {
  const iso = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso);
}

/** GS1 AIs whose value ends in a mod-10 check digit: SSCC, GTIN, GTIN of contained items. */
const CHECKED_AIS = new Set(['00', '01', '02']);
const MAX_LENGTH: Record<string, number> = { '10': 20, '21': 20, '22': 20, '30': 8, '37': 8, '420': 20, '421': 12 };

function classifyGs1(code: string): ScanCodeVerdict {
  const elements = parseGs1(code);
  if (!elements?.length || !elements.every(isValidElement)) return { whole: false, problem: 'gs1-element-string', code };
  const checked = elements.some((e) => CHECKED_AIS.has(e.ai));
  return { whole: true, kind: 'gs1', code, checked };
}

function isValidElement({ ai, value }: Gs1Element): boolean {
  const fixed = FIXED_AI_LENGTH[ai];
  if (fixed !== undefined) return value.length === fixed && /^\d+$/.test(value) && (!CHECKED_AIS.has(ai) || isValidGs1Number(value));
  return value.length > 0 && value.length <= (MAX_LENGTH[ai] ?? 90);
}
