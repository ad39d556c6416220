import { readFileSync } from 'node:fs';
import type { BarcodeElement, BoxElement, LabelDocument, TextElement } from '../shared/labels/layout';
import { barcodeModulesMaker, snapModule, type BarcodeModules } from './barcode-modules';
import { loadOnce } from './load-once';
import { faceFor, labelFonts } from './label-fonts';

const loadPdfkit = loadOnce(async () => (await import('pdfkit')).default);

/**
 * Renders a label description as a PDF for any OS printer: vector text in embedded Noto fonts
 * (Latin, Greek, Cyrillic, CJK; subset per document) shrunk to fit its width, never cut, and
 * barcodes drawn as filled rectangles from bwip-js modules (sharp at any resolution, and fast).
 */
export async function renderPdf(doc: LabelDocument, options: { dpi: number }): Promise<Buffer> {
  const [PDFDocument, barcodeModules] = await Promise.all([loadPdfkit(), barcodeModulesMaker()]);
  const pdf = new PDFDocument({
    size: [doc.size.width, doc.size.height],
    margin: 0,
    autoFirstPage: false,
    info: { Title: doc.title, Producer: 'Dockside' },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const fonts = fontBytes();
  pdf.registerFont('regular', fonts.regular);
  pdf.registerFont('bold', fonts.bold);
  pdf.registerFont('cjk', fonts.cjk);
  for (const page of doc.pages) {
    pdf.addPage({ size: [doc.size.width, doc.size.height], margin: 0 });
    for (const e of page.elements) {
      if (e.kind === 'text') text(pdf, e);
      else if (e.kind === 'box') box(pdf, e);
      else barcode(pdf, barcodeModules(e), e, options.dpi);
    }
  }
  pdf.end();
  return done;
}

let cachedFonts: Record<'regular' | 'bold' | 'cjk', Buffer> | undefined;

/** The font files, read once: pdfkit parses and subsets them per document, from memory. */
function fontBytes(): Record<'regular' | 'bold' | 'cjk', Buffer> {
  const paths = labelFonts();
  cachedFonts ??= { regular: readFileSync(paths.regular), bold: readFileSync(paths.bold), cjk: readFileSync(paths.cjk) };
  return cachedFonts;
}

function text(pdf: PDFKit.PDFDocument, e: TextElement): void {
  // Layout sizes are cell heights; the em is a little smaller so accents and descenders stay in the cell.
  let fontSize = e.size * 0.9;
  pdf
    .font(faceFor(e.text, e.bold ?? false))
    .fontSize(fontSize)
    .fillColor('black');
  // Templates wrap with estimated widths; a line that measures wider shrinks to its box rather than be cut.
  if (e.width !== undefined) {
    const measured = pdf.widthOfString(e.text);
    if (measured > e.width) {
      fontSize = Math.max(fontSize * (e.width / measured), 1);
      pdf.fontSize(fontSize);
    }
  }
  pdf.text(e.text, e.x, e.y + (e.size * 0.9 - fontSize) / 2, {
    width: e.width,
    align: e.align ?? 'left',
    lineBreak: false,
  });
}

function box(pdf: PDFKit.PDFDocument, e: BoxElement): void {
  if (e.thickness * 2 >= Math.min(e.width, e.height)) {
    pdf.rect(e.x, e.y, e.width, e.height).fill('black');
    return;
  }
  const t = e.thickness;
  pdf
    .lineWidth(t)
    .rect(e.x + t / 2, e.y + t / 2, e.width - t, e.height - t)
    .stroke('black');
}

function barcode(pdf: PDFKit.PDFDocument, symbol: BarcodeModules, e: BarcodeElement, dpi: number): void {
  const module = snapModule(e.module, dpi);
  if (symbol.kind === 'linear') {
    let x = e.x;
    symbol.runs.forEach((run, i) => {
      // Even runs are bars, odd runs spaces.
      if (i % 2 === 0) pdf.rect(x, e.y, run * module, e.height);
      x += run * module;
    });
    pdf.fill('black');
    return;
  }
  for (let row = 0; row < symbol.rows; row++) {
    // Merge each row's dark modules into runs: far fewer rectangles than one per module.
    let start = -1;
    for (let col = 0; col <= symbol.columns; col++) {
      const dark = col < symbol.columns && symbol.cells[row * symbol.columns + col] === 1;
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        pdf.rect(e.x + start * module, e.y + row * module, (col - start) * module, module);
        start = -1;
      }
    }
  }
  pdf.fill('black');
}
