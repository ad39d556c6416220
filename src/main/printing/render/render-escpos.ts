import bwipjs from 'bwip-js/node';
import { CharacterSet, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { gs1HumanReadable, validateGs1Fields } from '../../../shared/labels/gs1-element-string';
import type { BarcodeElement, LabelDocument, LabelElement, TextElement } from '../../../shared/labels/layout';

/** Characters per line in font A on an 80 mm receipt printer, and its printable width in dots. */
const COLUMNS = 48;
const PRINT_WIDTH_DOTS = 576;

type Row = { kind: 'text'; y: number; items: TextElement[] } | { kind: 'barcode'; barcode: BarcodeElement } | { kind: 'rule' };

/**
 * Renders a label description for an ESC/POS receipt printer through node-thermal-printer's command
 * buffer: the positioned layout becomes rows of text in columns, native Code 128 and QR, and GS1-128
 * and DataMatrix as raster images (node-thermal-printer's Code 128 is set B only, without FNC1).
 */
export async function renderEscpos(doc: LabelDocument): Promise<Buffer> {
  // No interface: we only build the byte buffer; sending is the print queue's job.
  const printer = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: '', width: COLUMNS, characterSet: CharacterSet.PC858_EURO });
  for (const page of doc.pages) {
    const left = Math.min(...page.elements.map((e) => e.x));
    const span = doc.size.width - 2 * left;
    for (const row of toRows(page.elements, doc.size.width)) {
      if (row.kind === 'rule') printer.drawLine();
      else if (row.kind === 'text') textRow(printer, row.items, left, span);
      else await barcodeRow(printer, row.barcode);
    }
    printer.cut();
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

function textRow(printer: ThermalPrinter, items: TextElement[], left: number, span: number): void {
  const big = items.length === 1 && items[0]!.size >= 13;
  const columns = big ? COLUMNS / 2 : COLUMNS;
  const line: string[] = Array.from({ length: columns }, () => ' ');
  items.sort((a, b) => a.x - b.x);
  items.forEach((item, i) => {
    const start = Math.max(0, Math.round(((item.x - left) / span) * columns));
    const nextStart = i + 1 < items.length ? Math.round(((items[i + 1]!.x - left) / span) * columns) - 1 : columns;
    const room = Math.max(1, nextStart - start);
    const chars = Array.from(item.text).slice(0, room);
    const blockEnd = item.width !== undefined ? Math.min(columns, Math.round(((item.x + item.width - left) / span) * columns)) : columns;
    const offset =
      item.align === 'right'
        ? Math.max(start, blockEnd - chars.length)
        : item.align === 'center'
          ? Math.max(start, Math.floor((start + blockEnd - chars.length) / 2))
          : start;
    chars.forEach((c, j) => {
      if (offset + j < columns) line[offset + j] = c;
    });
  });
  const bold = items.some((i) => i.bold);
  if (big) printer.setTextSize(1, 1);
  if (bold) printer.bold(true);
  printer.println(line.join('').trimEnd());
  if (bold) printer.bold(false);
  if (big) printer.setTextNormal();
}

async function barcodeRow(printer: ThermalPrinter, e: BarcodeElement): Promise<void> {
  printer.alignCenter();
  switch (e.symbology) {
    case 'code128':
      // Width is in dots per module (2-6); 'SMALL' would send 0.
      printer.code128(e.data, { width: 2, height: 60, hriPos: 0 } as unknown as Parameters<ThermalPrinter['code128']>[1]);
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

/** A 1-bit-friendly PNG no wider than the print head. */
async function barcodeImage(e: BarcodeElement): Promise<Buffer> {
  const linear = e.symbology === 'gs1-128';
  let text = e.data;
  if (linear) {
    if (!e.gs1) throw new Error('gs1-128 barcode without GS1 fields');
    validateGs1Fields(e.gs1);
    text = gs1HumanReadable(e.gs1);
  }
  for (const scale of [3, 2, 1]) {
    // bwip-js rejects an explicit `height: undefined`, so 2D codes get no height key at all.
    const size = linear ? { height: 12 } : {};
    const png = await bwipjs.toBuffer({
      bcid: linear ? 'gs1-128' : 'datamatrix',
      text,
      scale,
      ...size,
      backgroundcolor: 'FFFFFF',
      paddingwidth: 4,
      paddingheight: 4,
    });
    if (png.readUInt32BE(16) <= PRINT_WIDTH_DOTS) return png;
  }
  throw new Error(`${e.symbology} barcode is too wide for an 80 mm receipt`);
}
