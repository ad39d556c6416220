import { toDots, type BarcodeElement, type BoxElement, type LabelDocument, type LabelElement, type TextElement } from '../layout';
import { validateGs1Fields } from '../gs1-element-string';
import { zplCode128Data, zplGs1128Data } from './zpl-code128';
import { escapeZplField, zplField } from './zpl-escape';

export type ZplDpi = 203 | 300;

/** Renders a label description as ZPL II: one ^XA..^XZ label per page, UTF-8 (^CI28), positions in dots. */
export function renderZpl(doc: LabelDocument, dpi: ZplDpi): string {
  const d = (pt: number) => toDots(pt, dpi);
  const header = `^XA^CI28^PW${d(doc.size.width)}^LL${d(doc.size.height)}^LH0,0^PON^PMN^MNY^MD0`;
  return doc.pages.map((page) => `${header}\n${page.elements.map((e) => element(e, d)).join('\n')}\n^PQ1^XZ\n`).join('');
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
  // Font 0 glyphs are narrow; a width of 0.9 x height reads like Helvetica at the same size.
  const font = `^A0N,${h},${Math.round(h * 0.9)}`;
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
