import type { LabelContext } from '../label-context';
import type { ReturnReceiptData } from '../label-data';
import { PAGE_SIZES, type LabelDocument } from '../layout';
import { PageBuilder, rowHeight, type TableCell } from './layout-builder';

/**
 * 4x6 return receipt for a box at the returns desk: the RMA as a Code 128 (whoever puts the stock
 * away scans it), the order, when and by whom it arrived, and each line's received against expected.
 * Lines that do not fit end with a count of those left out, so a short receipt is never mistaken for a whole one.
 */
export function returnReceipt(data: ReturnReceiptData, ctx: LabelContext): LabelDocument {
  const size = PAGE_SIZES['4x6'];
  const p = new PageBuilder(size.width, size.height, 10);
  const m = p.margin;
  const w = p.contentWidth;
  p.text(m, 8, 16, 'RETURN RECEIVED', { bold: true, width: w });
  p.code128(m, 30, w, 50, data.rmaNumber);
  p.text(m, 84, 12, data.rmaNumber, { bold: true, width: w / 2 });
  p.text(m + w / 2, 86, 9, `Order ${data.orderNumber}`, { width: w / 2, align: 'right' });
  const who = [data.receivedAt || ctx.printedAt.slice(0, 16).replace('T', ' '), data.receivedBy].filter(Boolean).join(' - ');
  p.text(m, 102, 8, who, { width: w });
  if (data.customer) p.text(m, 114, 8, `From ${data.customer}`, { width: w });
  p.rule(128, 1);
  const cols = { qty: 0, sku: w * 0.2, name: w * 0.48 };
  p.text(m, 132, 7, 'RECEIVED', { width: cols.sku - 4 });
  p.text(m + cols.sku, 132, 7, 'SKU', { width: cols.name - cols.sku - 4 });
  p.text(m + cols.name, 132, 7, 'ITEM', { width: w - cols.name });
  const cells = (l: ReturnReceiptData['lines'][number]): TableCell[] => [
    { x: m + cols.qty, width: cols.sku - 4, size: 9, text: `${l.received} of ${l.expected}`, bold: l.received !== l.expected },
    { x: m + cols.sku, width: cols.name - cols.sku - 4, size: 8, text: l.sku },
    { x: m + cols.name, width: w - cols.name, size: 8, text: l.name, maxLines: 2 },
  ];
  const bottom = size.height - (data.note ? 40 : 22);
  let y = 144;
  let shown = 0;
  for (const l of data.lines) {
    const h = rowHeight(cells(l)) + 3;
    if (y + h > bottom - 12) break;
    p.row(y, cells(l));
    y += h;
    shown++;
  }
  if (shown < data.lines.length) p.text(m, y, 8, `+ ${data.lines.length - shown} more lines: see the RMA`, { bold: true, width: w });
  if (data.note) p.paragraph(m, size.height - 38, 8, data.note, w, 2);
  return { title: `Return receipt ${data.rmaNumber}`, size, pages: [{ elements: p.elements }] };
}
