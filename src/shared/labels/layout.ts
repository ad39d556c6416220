/**
 * The one description of a label: positioned elements on pages, in points (1/72 in), top-left origin.
 * Templates build it from label data; the ZPL, PDF and ESC/POS renderers each draw it.
 */

export type Symbology = 'code128' | 'gs1-128' | 'qrcode' | 'datamatrix';

export interface Gs1Field {
  ai: string;
  value: string;
}

export interface TextElement {
  kind: 'text';
  x: number;
  y: number;
  /** Cap-to-descender height in points. */
  size: number;
  text: string;
  bold?: boolean;
  /** Width of the text block; text that does not fit is wrapped up to maxLines, then cut. */
  width?: number;
  maxLines?: number;
  align?: 'left' | 'center' | 'right';
}

export interface BarcodeElement {
  kind: 'barcode';
  x: number;
  y: number;
  symbology: Symbology;
  /** code128/qrcode/datamatrix: the text to encode. gs1-128: unused (see gs1). */
  data: string;
  /** gs1-128 only: the element string, in order; FNC1 separators are added where GS1 requires them. */
  gs1?: Gs1Field[];
  /** Linear: bar height in points. 2D: ignored. */
  height: number;
  /** Target narrow bar / module width in points; renderers snap it to whole printer dots. */
  module: number;
}

export interface BoxElement {
  kind: 'box';
  x: number;
  y: number;
  width: number;
  height: number;
  /** Border thickness in points; a box with thickness >= min(width, height)/2 is solid (a rule). */
  thickness: number;
}

export type LabelElement = TextElement | BarcodeElement | BoxElement;

export interface LabelPage {
  elements: LabelElement[];
}

export interface PageSize {
  /** Points. */
  width: number;
  height: number;
  name: PageSizeName;
}

export type PageSizeName = '4x6' | 'a4' | 'letter';

export const PAGE_SIZES: Record<PageSizeName, PageSize> = {
  '4x6': { name: '4x6', width: 288, height: 432 },
  a4: { name: 'a4', width: 595.28, height: 841.89 },
  letter: { name: 'letter', width: 612, height: 792 },
};

export interface LabelDocument {
  title: string;
  size: PageSize;
  pages: LabelPage[];
}

export const POINTS_PER_INCH = 72;

/** Points to whole printer dots. */
export function toDots(points: number, dpi: number): number {
  return Math.round((points * dpi) / POINTS_PER_INCH);
}
