import { gs1ElementString } from '../gs1-element-string';
import type { Gs1Field } from '../layout';

/**
 * Code 128 field data for `^BC...,N` (no automatic mode): we pick the code sets ourselves with ZPL's
 * invocation codes, so FNC1 lands exactly where GS1 needs it and digit runs pack into code set C.
 *   >: start B, >; start C, >6 switch C to B, >8 FNC1, >0 a literal '>' (>< would be '^').
 * Code set C is used only for a leading digit run: zebrash (our test renderer) reads the B-to-C
 * switch (>5) as FNC4, so we never emit it; the cost is a few modules on mixed data.
 */
const FNC1 = '\u001d';

export function zplCode128Data(text: string): string {
  for (const c of text) if (c < ' ' || c > '~') throw new Error(`Code 128 takes printable ASCII only, got ${JSON.stringify(c)} in ${text}`);
  return encode(text);
}

/** GS1-128: leading FNC1, then the element string with FNC1 after each variable-length value. */
export function zplGs1128Data(fields: Gs1Field[]): string {
  return encode(FNC1 + gs1ElementString(fields));
}

function digitRun(text: string, from: number): number {
  let i = from;
  while (i < text.length && text[i]! >= '0' && text[i]! <= '9') i++;
  return i - from;
}

function encode(text: string): string {
  const first = text[0] === FNC1 ? 1 : 0;
  const leadingPairs = Math.floor(digitRun(text, first) / 2) * 2;
  if (leadingPairs < 2) return `>:${first ? '>8' : ''}${encodeB(text.slice(first))}`;
  let out = '>;';
  let i = 0;
  // In code set C, FNC1 may sit between digit pairs; stay in C while digits come in pairs.
  while (i < text.length) {
    if (text[i] === FNC1) {
      out += '>8';
      i++;
      continue;
    }
    const pairs = Math.floor(digitRun(text, i) / 2) * 2;
    if (pairs === 0) break;
    out += text.slice(i, i + pairs);
    i += pairs;
  }
  return i < text.length ? `${out}>6${encodeB(text.slice(i))}` : out;
}

function encodeB(text: string): string {
  return text.replace(/\u001d|>/g, (c) => (c === FNC1 ? '>8' : '>0'));
}
