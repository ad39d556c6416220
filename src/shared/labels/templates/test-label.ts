import type { LabelContext } from '../label-context';
import type { TestLabelData } from '../label-data';
import { PAGE_SIZES, type LabelDocument } from '../layout';
import { MODULE, PageBuilder } from './layout-builder';

/** Printer test label: a border, every symbology we print, and the printer's name and resolution. */
export function testLabel(data: TestLabelData, ctx: LabelContext): LabelDocument {
  const size = PAGE_SIZES['4x6'];
  const p = new PageBuilder(size.width, size.height, 12);
  const m = p.margin;
  p.box(4, 4, size.width - 8, size.height - 8, 2);
  p.text(m, 16, 18, 'DOCKSIDE TEST', { bold: true });
  p.paragraph(m, 42, 10, data.message, p.contentWidth, 2);
  if (ctx.printer) p.text(m, 70, 9, `${ctx.printer.name} - ${ctx.printer.language.toUpperCase()} ${ctx.printer.dpi} dpi`);
  p.text(m, 84, 9, ctx.printedAt);
  p.rule(100);
  p.text(m, 106, 7, 'CODE 128');
  p.code128(m, 116, p.contentWidth, 40, 'DOCKSIDE-TEST-128');
  p.text(m, 106 + 54, 7, 'GS1-128');
  p.gs1Fit(
    m,
    170,
    p.contentWidth,
    40,
    [
      { ai: '01', value: '09506000134352' },
      { ai: '10', value: 'TEST1' },
      { ai: '21', value: '42' },
    ],
    MODULE.narrow,
  );
  p.text(m, 220, 7, 'QR');
  p.barcode(m + 6, 240, 'qrcode', 'https://dockside.invalid/printer-test', 0, MODULE.matrix * 1.5);
  p.text(160, 220, 7, 'DATAMATRIX');
  p.barcode(160, 240, 'datamatrix', 'DOCKSIDE-TEST-DM', 0, MODULE.matrix * 2);
  // A 1-inch scale: checks the printer's resolution setting against the label.
  p.text(m, 380, 7, '1 INCH');
  p.box(m, 392, 72, 6, 3);
  return { title: 'Printer test label', size, pages: [{ elements: p.elements }] };
}
