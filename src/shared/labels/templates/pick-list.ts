import type { LabelContext } from '../label-context';
import type { PaperSize, PickListData } from '../label-data';
import { PAGE_SIZES, type LabelDocument, type LabelPage } from '../layout';
import { MODULE, PageBuilder } from './layout-builder';
import { paginate } from './paginate';

/** Pick list in walking order (by location): the list's barcode on every page, then location, qty, SKU, item. */
export function pickList(data: PickListData, ctx: LabelContext, paper: PaperSize): LabelDocument {
  const size = PAGE_SIZES[paper];
  const sheet = paper !== '4x6';
  const k = sheet ? 1.25 : 1;
  const margin = sheet ? 36 : 10;
  const rowHeight = 12 * k;
  const headerHeight = 80 * k;
  const rows = Math.max(1, Math.floor((size.height - 2 * margin - headerHeight - 16 * k) / rowHeight));
  const lines = [...data.lines].sort((a, b) => a.location.localeCompare(b.location, 'en', { numeric: true }));
  const chunks = paginate(lines, rows, rows);
  const pages: LabelPage[] = chunks.map((chunk, pageIndex) => {
    const p = new PageBuilder(size.width, size.height, margin);
    const w = p.contentWidth;
    p.text(margin, margin, 14 * k, 'PICK LIST', { bold: true, width: w / 2 });
    p.text(margin + w / 2, margin, 8 * k, `page ${pageIndex + 1} of ${chunks.length}`, { width: w / 2, align: 'right' });
    p.barcode(margin, margin + 20 * k, 'code128', data.pickListId, 28 * k, MODULE.narrow * k);
    p.text(margin, margin + 52 * k, 9 * k, data.pickListId, { bold: true, width: w / 2 });
    p.text(
      margin + w / 2,
      margin + 52 * k,
      8 * k,
      [data.picker, data.createdAt ?? ctx.printedAt.slice(0, 16).replace('T', ' ')].filter(Boolean).join(' - '),
      { width: w / 2, align: 'right' },
    );
    let y = margin + headerHeight - 12 * k;
    const cols = { location: 0, qty: w * 0.22, sku: w * 0.32, name: w * 0.6 };
    p.text(margin + cols.location, y, 7 * k, 'LOCATION', { width: cols.qty - 4 });
    p.text(margin + cols.qty, y, 7 * k, 'QTY', { width: cols.sku - cols.qty - 4 });
    p.text(margin + cols.sku, y, 7 * k, 'SKU', { width: cols.name - cols.sku - 4 });
    p.text(margin + cols.name, y, 7 * k, 'ITEM', { width: w - cols.name });
    y += 9 * k;
    p.rule(y, 1);
    y += 3 * k;
    for (const line of chunk) {
      p.text(margin + cols.location, y, 9 * k, line.location, { bold: true, width: cols.qty - 4 });
      p.text(margin + cols.qty, y, 9 * k, String(line.quantity), { bold: true, width: cols.sku - cols.qty - 4 });
      p.text(margin + cols.sku, y, 8 * k, line.sku, { width: cols.name - cols.sku - 4 });
      p.text(margin + cols.name, y, 8 * k, line.orderNumber ? `${line.name} (${line.orderNumber})` : line.name, { width: w - cols.name });
      y += rowHeight;
    }
    return { elements: p.elements };
  });
  return { title: `Pick list ${data.pickListId}`, size, pages };
}
