import type { BarcodeElement, Gs1Field, LabelElement, Symbology } from '../layout';
import { fitLine, wrapLines } from '../text-fit';

/** Small helpers templates use to place elements; keeps each template a readable list of rows. */
export class PageBuilder {
  readonly elements: LabelElement[] = [];

  constructor(
    readonly width: number,
    readonly height: number,
    readonly margin: number,
  ) {}

  get contentWidth(): number {
    return this.width - 2 * this.margin;
  }

  /** One line of text cut to fit `width` (default: to the right margin). */
  text(
    x: number,
    y: number,
    size: number,
    text: string,
    options: { bold?: boolean; width?: number; align?: 'left' | 'center' | 'right' } = {},
  ): this {
    const width = options.width ?? this.width - this.margin - x;
    this.elements.push({
      kind: 'text',
      x,
      y,
      size,
      text: fitLine(text, width, size),
      width,
      maxLines: 1,
      bold: options.bold,
      align: options.align,
    });
    return this;
  }

  /** Wrapped text; returns the y below the last line. */
  paragraph(x: number, y: number, size: number, text: string, width: number, maxLines: number, bold = false): number {
    const lines = wrapLines(text, width, size, maxLines);
    lines.forEach((line, i) => this.text(x, y + i * size * 1.2, size, line, { width, bold }));
    return y + lines.length * size * 1.2;
  }

  rule(y: number, thickness = 1.5): this {
    this.elements.push({ kind: 'box', x: this.margin, y, width: this.contentWidth, height: thickness, thickness });
    return this;
  }

  box(x: number, y: number, width: number, height: number, thickness = 1): this {
    this.elements.push({ kind: 'box', x, y, width, height, thickness });
    return this;
  }

  barcode(x: number, y: number, symbology: Exclude<Symbology, 'gs1-128'>, data: string, height: number, module: number): this {
    this.elements.push({ kind: 'barcode', x, y, symbology, data, height, module });
    return this;
  }

  gs1(x: number, y: number, fields: Gs1Field[], height: number, module: number): this {
    const e: BarcodeElement = { kind: 'barcode', x, y, symbology: 'gs1-128', data: '', gs1: fields, height, module };
    this.elements.push(e);
    return this;
  }
}

/** Narrow bar widths in points that land on whole dots at both 203 and 300 dpi. */
export const MODULE = {
  /** ~0.25 mm: 2 dots at 203 dpi, 3 at 300 dpi. For order and tracking numbers. */
  narrow: 0.72,
  /** ~0.5 mm: 4 dots at 203 dpi, 6 at 300 dpi. GS1 logistic label minimum for the SSCC. */
  sscc: 1.42,
  /** 2D module ~0.5 mm. */
  matrix: 1.42,
} as const;
