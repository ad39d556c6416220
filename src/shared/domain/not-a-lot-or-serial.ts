import { parseGs1, type Gs1Element } from './gs1';
import { classifyScanCode, ssccElementString, type ScanCodeRules } from './scan-code';

/** What a station holds that lets it tell a code for something other than a lot or serial. */
export interface CodesKnownHere {
  /** The item whose barcode (GTIN, with or without its leading zeros) or SKU `code` is, or null. */
  itemOf(code: string): { sku: string; name: string } | null;
  orderNumbers: ReadonlySet<string>;
  totes: ReadonlySet<string>;
  bins: ReadonlySet<string>;
  /** Of this station's packages. */
  ssccs: ReadonlySet<string>;
}

/** The unit waiting for its lot or serial. */
export interface WaitingUnit {
  sku: string;
  mode: 'lot' | 'serial';
}

/**
 * What a code given as a unit's lot or serial plainly is instead, in a packer's words ("an order
 * number"), or null when it may be one. Lots and serials are free text without a check, so only
 * what the station can tell is something else is refused: its order and RMA numbers, an SSCC, any
 * item's barcode or SKU it knows, a tote or bin. Badges are not among them: the station keeps
 * only their hashes, in main, which is asked once a code is about to be recorded, under a budget
 * of its own (badge-at-serial.ts in the renderer, station-people.ts in main).
 */
export function notALotOrSerial(code: string, unit: WaitingUnit, known: CodesKnownHere, rules: ScanCodeRules): string | null {
  const text = code.trim();
  const gs1 = parseGs1(text);
  if (gs1) return notInGs1(gs1, unit, known);
  const verdict = classifyScanCode(text, rules);
  if ((verdict.whole && verdict.kind === 'order-number') || known.orderNumbers.has(text.toUpperCase())) return 'an order number';
  if (verdict.whole && verdict.kind === 'return-number') return 'a return (RMA) number';
  if (known.ssccs.has(text) || ssccElementString(text)) return 'a shipping label (SSCC)';
  const item = known.itemOf(text);
  if (item) return item.sku === unit.sku ? "the item's barcode" : `${text === item.sku ? 'the SKU' : 'the barcode'} of ${item.name}`;
  if (known.totes.has(text)) return 'a tote label';
  if (known.bins.has(text)) return 'a bin label';
  return null;
}

/** A GS1 label gives a lot in AI 10 and a serial in AI 21, of the item in AI 01 if it names one. */
function notInGs1(elements: Gs1Element[], unit: WaitingUnit, known: CodesKnownHere): string | null {
  const value = (ai: string) => elements.find((e) => e.ai === ai)?.value;
  if (value('00') !== undefined) return 'a shipping label (SSCC)';
  const gtin = value('01');
  const item = gtin ? known.itemOf(gtin) : null;
  if (item && item.sku !== unit.sku) return `a label of ${item.name}`;
  if (value(unit.mode === 'lot' ? '10' : '21') !== undefined) return null;
  if (item) return "the item's barcode";
  return unit.mode === 'lot' ? 'a label without a lot (GS1 AI 10)' : 'a label without a serial number (GS1 AI 21)';
}
