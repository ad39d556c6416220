import type { Address } from '../../domain/address';
import { addressParts } from '../address-lines';
import { code128Modules, dataMatrixModules, DATAMATRIX_QUIET_ZONE, gs1128Modules, LINEAR_QUIET_ZONE } from '../barcode-size';
import type { BarcodeElement, Gs1Field, LabelElement, Symbology } from '../layout';
import { fitLine, wrapLines } from '../text-fit';

/** Line pitch as a multiple of the text's cell height. */
export const LEADING = 1.18;

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

  /**
   * An address in a box: every line wrapped to `width`, at the largest size from `size` down to
   * `minSize` at which it fits `height`; optional lines (company, second street line) go before the
   * text shrinks below `minSize`. City, postcode and country are always printed in full. Returns the y below it.
   */
  address(
    x: number,
    y: number,
    width: number,
    height: number,
    address: Address,
    options: { size: number; minSize: number; nameSize?: number; boldName?: boolean },
  ): number {
    const all = addressParts(address);
    const sizeOf = (i: number, size: number) => (i === 0 && options.nameSize ? (options.nameSize * size) / options.size : size);
    const layout = (lines: typeof all, size: number) => lines.map((l, i) => wrapLines(l.text, width, sizeOf(i, size)));
    const heightOf = (wrapped: string[][], size: number) => wrapped.reduce((h, w, i) => h + w.length * sizeOf(i, size) * LEADING, 0);
    const essential = all.filter((l) => l.essential);
    let chosen: { lines: typeof all; wrapped: string[][]; size: number } | undefined;
    for (const lines of [all, essential]) {
      for (let size = options.size; size >= options.minSize - 0.001 && !chosen; size -= 0.5) {
        const wrapped = layout(lines, size);
        if (heightOf(wrapped, size) <= height) chosen = { lines, wrapped, size };
      }
      if (chosen) break;
    }
    if (!chosen) {
      // Still too long at the smallest size: name and street give up lines, the last two (city, country) never do.
      const size = options.minSize;
      const wrapped = layout(essential, size);
      const tailHeight = wrapped.slice(-2).reduce((h, w, i) => h + w.length * sizeOf(wrapped.length - 2 + i, size) * LEADING, 0);
      let room = height - tailHeight;
      for (let i = 0; i < wrapped.length - 2; i++) {
        const pitch = sizeOf(i, size) * LEADING;
        const fits = Math.max(1, Math.floor(room / pitch));
        if (wrapped[i]!.length > fits) wrapped[i] = wrapLines(essential[i]!.text, width, sizeOf(i, size), fits);
        room -= wrapped[i]!.length * pitch;
      }
      chosen = { lines: essential, wrapped, size };
    }
    let cursor = y;
    chosen.wrapped.forEach((lines, i) => {
      const size = sizeOf(i, chosen.size);
      for (const line of lines) {
        this.elements.push({ kind: 'text', x, y: cursor, size, text: line, width, maxLines: 1, bold: i === 0 && options.boldName });
        cursor += size * LEADING;
      }
    });
    return cursor;
  }

  /**
   * A Code 128 in the horizontal span [x, x + width], quiet zones included, at the widest module from
   * `module` down to `minModule` that fits; when none fits, a DataMatrix of the same data (a Code 128
   * with narrower bars would not scan). Returns the y below the symbol.
   */
  code128(x: number, y: number, width: number, height: number, data: string, module: number = MODULE.narrow): number {
    for (const m of moduleSteps(module)) {
      const modules = code128Modules(data) + 2 * LINEAR_QUIET_ZONE;
      if (modules * m <= width) {
        this.barcode(x + LINEAR_QUIET_ZONE * m, y, 'code128', data, height, m);
        return y + height;
      }
    }
    const side = dataMatrixModules(data);
    const m = Math.max(MODULE.narrow, Math.min(MODULE.matrix, height / side));
    this.barcode(x + DATAMATRIX_QUIET_ZONE * m, y, 'datamatrix', data, 0, m);
    return y + side * m;
  }

  /**
   * A GS1-128 in [x, x + width] with its quiet zones, at the widest module from `module` down to
   * `minModule`. GS1 data is not re-encoded in another symbology: data that cannot fit is refused.
   */
  gs1Fit(x: number, y: number, width: number, height: number, fields: Gs1Field[], module: number, minModule: number = MODULE.narrow): void {
    for (const m of moduleSteps(module, minModule)) {
      if ((gs1128Modules(fields) + 2 * LINEAR_QUIET_ZONE) * m <= width) {
        this.gs1(x + LINEAR_QUIET_ZONE * m, y, fields, height, m);
        return;
      }
    }
    throw new Error(
      `GS1-128 ${fields.map((f) => `(${f.ai})${f.value}`).join('')} is too long to print on this label at a readable bar width`,
    );
  }

  /** A table row: each cell wrapped in its column (cut only past `maxLines`). Returns the row's height. */
  row(y: number, cells: TableCell[]): number {
    for (const cell of cells)
      wrapLines(cell.text, cell.width, cell.size, cell.maxLines).forEach((line, i) =>
        this.elements.push({
          kind: 'text',
          x: cell.x,
          y: y + i * cell.size * LEADING,
          size: cell.size,
          text: line,
          width: cell.width,
          maxLines: 1,
          bold: cell.bold,
        }),
      );
    return rowHeight(cells);
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

export interface TableCell {
  x: number;
  width: number;
  size: number;
  text: string;
  bold?: boolean;
  maxLines?: number;
}

export function rowHeight(cells: TableCell[]): number {
  return Math.max(...cells.map((c) => wrapLines(c.text, c.width, c.size, c.maxLines).length * c.size * LEADING));
}

/** Module widths to try, widest first: each a whole number of dots at both 203 and 300 dpi where possible. */
function moduleSteps(from: number, min: number = MODULE.narrow): number[] {
  const steps = [from, 1.42, 1.08, MODULE.narrow].filter((m, i, all) => m <= from && m >= min - 1e-9 && all.indexOf(m) === i);
  return steps.length ? steps : [from];
}

/** Narrow bar widths in points that land on whole dots at both 203 and 300 dpi. */
export const MODULE = {
  /** ~0.25 mm: 2 dots at 203 dpi, 3 at 300 dpi. For order and tracking numbers. */
  narrow: 0.72,
  /** ~0.5 mm: 4 dots at 203 dpi, 6 at 300 dpi. GS1 logistic label X-dimension (0.495-1.016 mm) for the SSCC. */
  sscc: 1.42,
  /** GS1 logistic label: the SSCC bars are at least 31.75 mm high. */
  ssccHeight: 92,
  /** 2D module ~0.5 mm. */
  matrix: 1.42,
} as const;
