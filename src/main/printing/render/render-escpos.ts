import type { ThermalPrinter } from 'node-thermal-printer';
import { loadBwip } from '../../../documents/barcode-modules';
import { loadOnce } from '../../../documents/load-once';
import { code128Modules, LINEAR_QUIET_ZONE } from '../../../shared/labels/barcode-size';
import { gs1HumanReadable, validateGs1Fields } from '../../../shared/labels/gs1-element-string';
import type { BarcodeElement, LabelDocument, LabelElement, TextElement } from '../../../shared/labels/layout';
import type { TextRasterizer } from '../../../shared/labels/zpl/render-zpl';
import { isWide } from '../../../shared/labels/text-fit';
import { encodeLine, ESCPOS_INIT, SELECT_HOME_CODE_PAGE } from './escpos-text';
import { textRasterizer } from './text-raster';

/** Characters per line in font A on an 80 mm receipt printer, and its printable width in dots. */
const COLUMNS = 48;
const loadThermalPrinter = loadOnce(() => import('node-thermal-printer'));
const PRINT_WIDTH_DOTS = 576;

type Row = { kind: 'text'; y: number; items: TextElement[] } | { kind: 'barcode'; barcode: BarcodeElement } | { kind: 'rule' };

/** Native Code 128 module width in dots (0.25 mm at 203 dpi): narrower bars do not scan reliably. */
const CODE128_MODULE_DOTS = 2;
/** Raster barcode module in dots, never less (0.25 mm). */
const MIN_IMAGE_MODULE_DOTS = 2;

/**
 * Renders a label description for an ESC/POS receipt printer through node-thermal-printer's command
 * buffer: the positioned layout becomes rows of text in columns, native Code 128 and QR, and GS1-128
 * and DataMatrix as raster images (node-thermal-printer's Code 128 is set B only, without FNC1).
 * Text is encoded by us, not by node-thermal-printer: its code page tracking goes wrong after the
 * reset that follows each cut, and it sends Japanese as EUC-JP without kanji mode (see escpos-text.ts).
 */
export async function renderEscpos(doc: LabelDocument): Promise<Buffer> {
  const [{ PrinterTypes, ThermalPrinter }, rasterizeText] = await Promise.all([loadThermalPrinter(), textRasterizer()]);
  // No interface: we only build the byte buffer; sending is the print queue's job.
  const printer = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: '', width: COLUMNS });
  printer.add(ESCPOS_INIT);
  for (const page of doc.pages) {
    const left = Math.min(...page.elements.map((e) => e.x));
    const span = doc.size.width - 2 * left;
    for (const row of toRows(page.elements, doc.size.width)) {
      if (row.kind === 'rule') printer.drawLine();
      else if (row.kind === 'text') textRow(printer, row.items, { left, span }, rasterizeText);
      else await barcodeRow(printer, row.barcode);
    }
    printer.cut();
    // node-thermal-printer ends the cut with ESC @, which drops the code page: select it again.
    printer.add(SELECT_HOME_CODE_PAGE);
  }
  return printer.getBuffer();
}

/** Groups elements into printed rows: texts on about the same baseline share a row. */
function toRows(elements: LabelElement[], pageWidth: number): Row[] {
  const rows: Row[] = [];
  const sorted = [...elements].sort((a, b) => a.y - b.y || a.x - b.x);
  for (const e of sorted) {
    if (e.kind === 'box') {
      if (e.height <= 3 && e.width >= pageWidth / 2) rows.push({ kind: 'rule' });
      continue; // frames and scales mean nothing on a receipt
    }
    if (e.kind === 'barcode') {
      rows.push({ kind: 'barcode', barcode: e });
      continue;
    }
    if (!e.text.trim()) continue;
    const last = rows.at(-1);
    if (last?.kind === 'text' && Math.abs(last.y - e.y) < Math.min(e.size, last.items[0]!.size) * 0.6) last.items.push(e);
    else rows.push({ kind: 'text', y: e.y, items: [e] });
  }
  return rows;
}

function textRow(
  printer: ThermalPrinter,
  items: TextElement[],
  { left, span }: { left: number; span: number },
  rasterize: TextRasterizer,
): void {
  const big = items.length === 1 && items[0]!.size >= 13;
  const columns = big ? COLUMNS / 2 : COLUMNS;
  items.sort((a, b) => a.x - b.x);
  // One entry per column; a CJK character fills two (the second holds ''). Text longer than its
  // column range continues on the next printed line instead of being cut.
  const lines: string[][] = [];
  const lineAt = (n: number) => (lines[n] ??= Array.from({ length: columns }, () => ' '));
  items.forEach((item, i) => {
    const start = Math.max(0, Math.round(((item.x - left) / span) * columns));
    const nextStart = i + 1 < items.length ? Math.round(((items[i + 1]!.x - left) / span) * columns) - 1 : columns;
    const room = Math.max(1, nextStart - start);
    const pieces: string[][] = [[]];
    let used = 0;
    for (const c of item.text) {
      const w = isWide(c) ? 2 : 1;
      if (used + w > room) {
        pieces.push([]);
        used = 0;
      }
      pieces.at(-1)!.push(c, ...(w === 2 ? [''] : []));
      used += w;
    }
    const blockEnd = item.width !== undefined ? Math.min(columns, Math.round(((item.x + item.width - left) / span) * columns)) : columns;
    pieces.forEach((chars, n) => {
      const offset =
        item.align === 'right'
          ? Math.max(start, blockEnd - chars.length)
          : item.align === 'center'
            ? Math.max(start, Math.floor((start + blockEnd - chars.length) / 2))
            : start;
      chars.forEach((c, j) => {
        if (offset + j < columns) lineAt(n)[offset + j] = c;
      });
    });
  });
  const bold = items.some((i) => i.bold);
  for (const line of lines)
    printLine(printer, line.join('').trimEnd(), { big, bold, size: Math.max(...items.map((i) => i.size)) }, rasterize);
}

function printLine(
  printer: ThermalPrinter,
  text: string,
  style: { big: boolean; bold: boolean; size: number },
  rasterize: TextRasterizer,
): void {
  const encoded = encodeLine(text);
  if (!encoded) {
    // No code page or kanji set has these characters: print the line as an image in the label fonts.
    const image = rasterize(
      { kind: 'text', x: 0, y: 0, size: style.size, text, bold: style.bold, width: (PRINT_WIDTH_DOTS * 72) / 203 },
      203,
    );
    printer.add(rasterCommand(image.bytesPerRow, image.rows, image.bits));
    return;
  }
  if (style.big) printer.setTextSize(1, 1);
  if (style.bold) printer.bold(true);
  printer.add(Buffer.concat([encoded, Buffer.from([0x0a])]));
  if (style.bold) printer.bold(false);
  if (style.big) printer.setTextNormal();
}

/** GS v 0: a raster bit image, rows of whole bytes, 1 = black. */
function rasterCommand(bytesPerRow: number, rows: number, bits: Uint8Array): Buffer {
  return Buffer.concat([
    Buffer.from([0x1d, 0x76, 0x30, 0, bytesPerRow & 0xff, bytesPerRow >> 8, rows & 0xff, rows >> 8]),
    Buffer.from(bits),
  ]);
}

async function barcodeRow(printer: ThermalPrinter, e: BarcodeElement): Promise<void> {
  printer.alignCenter();
  switch (e.symbology) {
    case 'code128':
      if ((code128Modules(e.data) + 2 * LINEAR_QUIET_ZONE) * CODE128_MODULE_DOTS > PRINT_WIDTH_DOTS) {
        // Too long for readable bars across the paper: the same data as a DataMatrix.
        await printer.printImageBuffer(await barcodeImage({ ...e, symbology: 'datamatrix' }));
        printer.newLine();
        break;
      }
      // Width is in dots per module (2-6); 'SMALL' would send 0.
      printer.code128(e.data, { width: CODE128_MODULE_DOTS, height: 60, hriPos: 0 } as unknown as Parameters<ThermalPrinter['code128']>[1]);
      printer.newLine();
      break;
    case 'qrcode':
      printer.printQR(e.data, { cellSize: 6, correction: 'M', model: 2 });
      printer.newLine();
      break;
    case 'gs1-128':
    case 'datamatrix':
      await printer.printImageBuffer(await barcodeImage(e));
      printer.newLine();
      break;
  }
  printer.alignLeft();
}

/**
 * A 1-bit-friendly PNG no wider than the print head, at a module of 3 or 2 dots (never 1: 0.125 mm
 * bars do not scan). GS1 data too long for a GS1-128 across the paper goes out as a GS1 DataMatrix.
 */
async function barcodeImage(e: BarcodeElement): Promise<Buffer> {
  let text = e.data;
  if (e.symbology === 'gs1-128') {
    if (!e.gs1) throw new Error('gs1-128 barcode without GS1 fields');
    validateGs1Fields(e.gs1);
    text = gs1HumanReadable(e.gs1);
  }
  const candidates = e.symbology === 'gs1-128' ? ['gs1-128', 'gs1datamatrix'] : ['datamatrix'];
  for (const bcid of candidates) {
    for (let scale = 3; scale >= MIN_IMAGE_MODULE_DOTS; scale--) {
      // bwip-js rejects an explicit `height: undefined`, so 2D codes get no height key at all.
      const size = bcid === 'gs1-128' ? { height: 12 } : {};
      const png = await (
        await loadBwip()
      ).toBuffer({
        bcid,
        text,
        scale,
        ...size,
        backgroundcolor: 'FFFFFF',
        paddingwidth: bcid === 'gs1-128' ? LINEAR_QUIET_ZONE : 2,
        paddingheight: 4,
      });
      if (png.readUInt32BE(16) <= PRINT_WIDTH_DOTS) return png;
    }
  }
  throw new Error(`${e.symbology} barcode is too wide for an 80 mm receipt`);
}
