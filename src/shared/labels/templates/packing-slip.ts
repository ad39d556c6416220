import { qrModules, QR_QUIET_ZONE } from '../barcode-size';
import type { LabelContext } from '../label-context';
import type { PackingSlipData, PaperSize } from '../label-data';
import { PAGE_SIZES, type LabelDocument, type LabelPage } from '../layout';
import { wrapLines } from '../text-fit';
import { LEADING, MODULE, PageBuilder, rowHeight, type TableCell } from './layout-builder';
import { paginateByHeight } from './paginate';

/**
 * Packing slip on a 4x6 label or an A4/Letter sheet: order number (Code 128), addresses, one row
 * per line (qty, SKU, name with any lots or serials; SKUs wrap, never cut), totals and a returns QR code on the last page;
 * continues over as many pages as the lines need, every page filled down to its page number.
 */
export function packingSlip(data: PackingSlipData, ctx: LabelContext, paper: PaperSize): LabelDocument {
  const size = PAGE_SIZES[paper];
  const sheet = paper !== '4x6';
  const k = sheet ? 1.25 : 1; // type scale: sheets are read at arm's length, labels up close
  const margin = sheet ? 36 : 10;
  const w = size.width - 2 * margin;
  const headerBottom = sheet ? 250 : 150;
  const tableHeader = 12 * k;
  const bodyBottom = size.height - margin - 12 * k; // the page number sits below
  const qtyW = 30 * k;
  const skuW = w * 0.3;
  const cells = (line: PackingSlipData['lines'][number]): TableCell[] => [
    { x: margin, width: qtyW - 4, size: 8 * k, text: String(line.quantity), bold: true },
    { x: margin + qtyW, width: skuW - 4, size: 8 * k, text: line.sku },
    // A tracked SKU's lots or serials follow its name, in full: they are what the customer checks the box against.
    line.tracking
      ? { x: margin + qtyW + skuW, width: w - qtyW - skuW, size: 8 * k, text: `${line.name} - ${line.tracking}`, maxLines: 12 }
      : { x: margin + qtyW + skuW, width: w - qtyW - skuW, size: 8 * k, text: line.name, maxLines: 2 },
  ];
  const pitch = (line: PackingSlipData['lines'][number]) => rowHeight(cells(line)) + 2 * k;

  const qrModule = MODULE.matrix;
  const qrSide = data.returnUrl ? qrModules(data.returnUrl) * qrModule : 0;
  const noteHeight = data.note ? wrapLines(data.note, w, 8 * k, 3).length * 8 * k * LEADING + 4 : 0;
  const footer = 20 * k + noteHeight + (data.returnUrl ? qrSide + 2 * QR_QUIET_ZONE * qrModule : 0);
  const chunks = paginateByHeight(data.lines, pitch, {
    first: bodyBottom - headerBottom - tableHeader,
    other: bodyBottom - (margin + 20 * k) - tableHeader,
    lastPageReserve: footer,
  });

  const pages: LabelPage[] = chunks.map((lines, pageIndex) => {
    const p = new PageBuilder(size.width, size.height, margin);
    let y = margin;
    if (pageIndex === 0) {
      p.text(margin, y, 14 * k, 'PACKING SLIP', { bold: true, width: w / 2 });
      p.text(margin + w / 2, y, 9 * k, data.orderDate ? `Order date ${data.orderDate}` : ctx.printedAt.slice(0, 10), {
        width: w / 2,
        align: 'right',
      });
      y += 20 * k;
      p.code128(margin, y, sheet ? w / 2 : w, 26 * k, data.orderNumber, MODULE.narrow * k);
      y += 30 * k;
      p.text(margin, y, 10 * k, `Order ${data.orderNumber}`, { bold: true, width: w / 2 });
      if (data.packageIndex) {
        const box = data.packageCount ? `Package ${data.packageIndex} of ${data.packageCount}` : `Package ${data.packageIndex}`;
        p.text(margin + w / 2, y, 9 * k, box, { width: w / 2, align: 'right' });
      }
      y += 16 * k;
      const colWidth = w / 2 - 6;
      p.text(margin, y, 7 * k, 'SHIP TO', { width: colWidth });
      if (data.shipFrom) p.text(margin + w / 2, y, 7 * k, 'FROM', { width: colWidth });
      y += 9 * k;
      const blockHeight = headerBottom - 4 * k - y;
      p.address(margin, y, colWidth, blockHeight, data.shipTo, { size: 8 * k, minSize: 5 * k, boldName: true });
      if (data.shipFrom) p.address(margin + w / 2, y, colWidth, blockHeight, data.shipFrom, { size: 8 * k, minSize: 5 * k });
      y = headerBottom;
    } else {
      p.text(margin, y, 10 * k, `PACKING SLIP ${data.orderNumber} (continued)`, { bold: true });
      y += 20 * k;
    }
    if (lines.length > 0) {
      p.text(margin, y, 7 * k, 'QTY', { width: qtyW });
      p.text(margin + qtyW, y, 7 * k, 'SKU', { width: skuW });
      p.text(margin + qtyW + skuW, y, 7 * k, 'ITEM', { width: w - qtyW - skuW });
      y += 9 * k;
      p.rule(y, 1);
      y += 3 * k;
      for (const line of lines) y += p.row(y, cells(line)) + 2 * k;
    }
    if (pageIndex === chunks.length - 1) {
      const total = data.lines.reduce((n, l) => n + l.quantity, 0);
      p.rule(y + 2, 1);
      p.text(
        margin,
        y + 6,
        8 * k,
        `${total} item${total === 1 ? '' : 's'} in ${data.lines.length} line${data.lines.length === 1 ? '' : 's'}`,
        { bold: true },
      );
      y += 20 * k;
      if (data.note) y = p.paragraph(margin, y, 8 * k, data.note, w, 3) + 4;
      if (data.returnUrl) {
        const quiet = QR_QUIET_ZONE * qrModule;
        p.text(margin, y + quiet, 8 * k, 'Returns: scan to start a return', { width: w - qrSide - 2 * quiet });
        p.barcode(margin + w - qrSide - quiet, y + quiet, 'qrcode', data.returnUrl, 0, qrModule);
      }
    }
    p.text(margin, size.height - margin - 8 * k, 7 * k, `${data.orderNumber} - page ${pageIndex + 1} of ${chunks.length}`, {
      width: w,
      align: 'right',
    });
    return { elements: p.elements };
  });
  return { title: `Packing slip ${data.orderNumber}`, size, pages };
}
