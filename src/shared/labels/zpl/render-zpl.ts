import { toDots, type BarcodeElement, type BoxElement, type LabelDocument, type LabelElement, type TextElement } from '../layout';
import { validateGs1Fields } from '../gs1-element-string';
import { zplCode128Data, zplGs1128Data } from './zpl-code128';
import { escapeZplField, zplField } from './zpl-escape';

export type ZplDpi = 203 | 300;

/** A 1-bit image of a line of text, rows of whole bytes, most significant bit leftmost; black is 1. */
export interface TextBitmap {
  bytesPerRow: number;
  rows: number;
  bits: Uint8Array;
}

/**
 * Draws a text element (in dots, as laid out at `dpi`) with a font that has its glyphs. The printer's
 * resident font 0 covers Latin only, so other scripts (Greek, Cyrillic, CJK) go out as ^GF graphics.
 */
export type TextRasterizer = (e: TextElement, dpi: number) => TextBitmap;

/** Renders a label description as ZPL II: one ^XA..^XZ label per page, UTF-8 (^CI28), positions in dots. */
export function renderZpl(doc: LabelDocument, dpi: ZplDpi, options: { rasterizeText?: TextRasterizer } = {}): string {
  const d = (pt: number) => toDots(pt, dpi);
  const header = `^XA^CI28^PW${d(doc.size.width)}^LL${d(doc.size.height)}^LH0,0^PON^PMN^MNY^MD0`;
  const draw = (e: LabelElement) =>
    e.kind === 'text' && !font0Covers(e.text) ? textImage(e, d, dpi, options.rasterizeText) : element(e, d);
  return doc.pages.map((page) => `${header}\n${page.elements.map(draw).join('\n')}\n^PQ1^XZ\n`).join('');
}

/** What Zebra's scalable font 0 prints under ^CI28: Latin (with Latin-1 and Extended-A/B), common punctuation, the euro sign. */
export function font0Covers(text: string): boolean {
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (!(c < 0x250 || (c >= 0x2010 && c <= 0x2027) || c === 0x20ac)) return false;
  }
  return true;
}

/**
 * Text outside font 0 as a ^GF graphic drawn by `rasterize`, preceded by a ^FX comment with the text
 * (for people and tests reading the ZPL). Without a rasterizer it is refused, never printed as boxes.
 */
function textImage(e: TextElement, d: (pt: number) => number, dpi: number, rasterize: TextRasterizer | undefined): string {
  if (!rasterize) throw new Error(`ZPL needs a text rasterizer for ${JSON.stringify(e.text)}: font 0 has no glyphs for it`);
  const image = rasterize(e, dpi);
  const total = image.bytesPerRow * image.rows;
  let hex = '';
  for (const byte of image.bits) hex += byte.toString(16).padStart(2, '0').toUpperCase();
  const comment = e.text.replace(/[\^~\r\n]/g, ' ');
  return `^FX${comment}\n^FO${d(e.x)},${d(e.y)}^GFA,${total},${total},${image.bytesPerRow},${hex}^FS`;
}

/** Advance of font 0 glyphs as a fraction of the ^A width: capitals and digits are wide, lower case narrow. */
function font0Width(text: string, w: number): number {
  let units = 0;
  for (const ch of text) units += /[A-Z0-9@#%&MW]/.test(ch) ? 0.62 : ch === ' ' ? 0.3 : 0.5;
  return units * w;
}

function element(e: LabelElement, d: (pt: number) => number): string {
  switch (e.kind) {
    case 'text':
      return text(e, d);
    case 'barcode':
      return barcode(e, d);
    case 'box':
      return box(e, d);
  }
}

function text(e: TextElement, d: (pt: number) => number): string {
  const h = Math.max(10, d(e.size));
  // Font 0 glyphs are narrow; a width of 0.9 x height reads like Helvetica at the same size. A line
  // longer than its block is condensed to fit rather than cut (or wrapped over itself by ^FB).
  let w = Math.round(h * 0.9);
  if (e.width !== undefined) {
    const room = d(e.width);
    const needed = font0Width(e.text, w);
    if (needed > room) w = Math.max(Math.round(h * 0.35), Math.floor((w * room) / needed));
  }
  const font = `^A0N,${h},${w}`;
  const block =
    e.width !== undefined ? `^FB${d(e.width)},${e.maxLines ?? 1},0,${{ left: 'L', center: 'C', right: 'R' }[e.align ?? 'left']},0` : '';
  return `^FO${d(e.x)},${d(e.y)}${font}${block}${zplField(e.text)}`;
}

function box(e: BoxElement, d: (pt: number) => number): string {
  const w = Math.max(1, d(e.width));
  const h = Math.max(1, d(e.height));
  return `^FO${d(e.x)},${d(e.y)}^GB${w},${h},${Math.min(Math.max(1, d(e.thickness)), Math.min(w, h))},B,0^FS`;
}

function barcode(e: BarcodeElement, d: (pt: number) => number): string {
  const module = Math.max(1, d(e.module));
  const at = `^FO${d(e.x)},${d(e.y)}`;
  switch (e.symbology) {
    case 'code128':
      return `${at}^BY${module},3,${d(e.height)}^BCN,${d(e.height)},N,N,N,N${zplField(zplCode128Data(e.data))}`;
    case 'gs1-128': {
      if (!e.gs1) throw new Error('gs1-128 barcode without GS1 fields');
      validateGs1Fields(e.gs1);
      return `${at}^BY${module},3,${d(e.height)}^BCN,${d(e.height)},N,N,N,N${zplField(zplGs1128Data(e.gs1))}`;
    }
    case 'qrcode':
      // Model 2, error correction M, automatic input mode.
      return `${at}^BQN,2,${Math.min(module, 10)}^FH_^FDMA,${escapeZplField(e.data)}^FS`;
    case 'datamatrix': {
      // ECC 200 reads its escape character from the data; pick one the data does not contain.
      const escape = ['`', '|', '{', '}', '@', '#'].find((c) => !e.data.includes(c));
      if (!escape) throw new Error('DataMatrix data uses every candidate escape character');
      return `${at}^BXN,${module},200,0,0,6,${escape}${zplField(e.data)}`;
    }
  }
}
