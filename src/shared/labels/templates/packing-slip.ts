import { addressLines } from '../address-lines';
import type { LabelContext } from '../label-context';
import type { PackingSlipData, PaperSize } from '../label-data';
import { PAGE_SIZES, type LabelDocument, type LabelPage } from '../layout';
import { MODULE, PageBuilder } from './layout-builder';
import { paginate } from './paginate';

/**
 * Packing slip on a 4x6 label or an A4/Letter sheet: order number (Code 128), addresses, one row
 * per line (qty, SKU, name), a returns QR code; continues over as many pages as the lines need.
 */
export function packingSlip(data: PackingSlipData, ctx: LabelContext, paper: PaperSize): LabelDocument {
  const size = PAGE_SIZES[paper];
  const sheet = paper !== '4x6';
  const k = sheet ? 1.25 : 1; // type scale: sheets are read at arm's length, labels up close
  const margin = sheet ? 36 : 10;
  const rowHeight = 11 * k;
  const headerBottom = sheet ? 250 : 150;
  const footer = 20 * k + (data.returnUrl ? 70 * k : 0) + (data.note ? 30 * k : 0);
  const firstRows = Math.max(1, Math.floor((size.height - headerBottom - footer - 2 * margin) / rowHeight));
  const otherRows = Math.max(1, Math.floor((size.height - 60 * k - 2 * margin) / rowHeight));
  const chunks = paginate(data.lines, firstRows, otherRows);

  const pages: LabelPage[] = chunks.map((lines, pageIndex) => {
    const p = new PageBuilder(size.width, size.height, margin);
    const w = p.contentWidth;
    let y = margin;
    if (pageIndex === 0) {
      p.text(margin, y, 14 * k, 'PACKING SLIP', { bold: true, width: w / 2 });
      p.text(margin + w / 2, y, 9 * k, data.orderDate ? `Order date ${data.orderDate}` : ctx.printedAt.slice(0, 10), {
        width: w / 2,
        align: 'right',
      });
      y += 20 * k;
      p.barcode(margin, y, 'code128', data.orderNumber, 26 * k, MODULE.narrow * k);
      y += 30 * k;
      p.text(margin, y, 10 * k, `Order ${data.orderNumber}`, { bold: true, width: w / 2 });
      if (data.packageIndex && data.packageCount)
        p.text(margin + w / 2, y, 9 * k, `Package ${data.packageIndex} of ${data.packageCount}`, { width: w / 2, align: 'right' });
      y += 16 * k;
      const colWidth = w / 2 - 6;
      p.text(margin, y, 7 * k, 'SHIP TO', { width: colWidth });
      if (data.shipFrom) p.text(margin + w / 2, y, 7 * k, 'FROM', { width: colWidth });
      y += 9 * k;
      addressLines(data.shipTo)
        .slice(0, 5)
        .forEach((l, i) => p.text(margin, y + i * 9 * k, 8 * k, l, { width: colWidth, bold: i === 0 }));
      (data.shipFrom ? addressLines(data.shipFrom).slice(0, 5) : []).forEach((l, i) =>
        p.text(margin + w / 2, y + i * 9 * k, 8 * k, l, { width: colWidth }),
      );
      y = headerBottom - 16 * k;
    } else {
      p.text(margin, y, 10 * k, `PACKING SLIP ${data.orderNumber} (continued)`, { bold: true });
      y += 20 * k;
    }
    const qtyW = 30 * k;
    const skuW = w * 0.3;
    p.text(margin, y, 7 * k, 'QTY', { width: qtyW });
    p.text(margin + qtyW, y, 7 * k, 'SKU', { width: skuW });
    p.text(margin + qtyW + skuW, y, 7 * k, 'ITEM', { width: w - qtyW - skuW });
    y += 9 * k;
    p.rule(y, 1);
    y += 3 * k;
    for (const line of lines) {
      p.text(margin, y, 8 * k, String(line.quantity), { width: qtyW - 4, bold: true });
      p.text(margin + qtyW, y, 8 * k, line.sku, { width: skuW - 4 });
      p.text(margin + qtyW + skuW, y, 8 * k, line.name, { width: w - qtyW - skuW });
      y += rowHeight;
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
      if (data.note) y = p.paragraph(margin, y, 8 * k, data.note, w, 3);
      if (data.returnUrl) {
        p.text(margin, y + 4, 8 * k, 'Returns: scan to start a return', { width: w - 80 * k });
        p.barcode(margin + w - 60 * k, y, 'qrcode', data.returnUrl, 0, MODULE.matrix);
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
