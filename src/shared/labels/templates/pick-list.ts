import type { LabelContext } from '../label-context';
import type { PaperSize, PickListData } from '../label-data';
import { PAGE_SIZES, type LabelDocument, type LabelPage } from '../layout';
import { MODULE, PageBuilder, rowHeight, type TableCell } from './layout-builder';
import { paginateByHeight } from './paginate';

/** Pick list in walking order (walk order, else by location): the list's barcode on every page, then location, qty, SKU, item. */
export function pickList(data: PickListData, ctx: LabelContext, paper: PaperSize): LabelDocument {
  const size = PAGE_SIZES[paper];
  const sheet = paper !== '4x6';
  const k = sheet ? 1.25 : 1;
  const margin = sheet ? 36 : 10;
  const w = size.width - 2 * margin;
  const headerHeight = 80 * k;
  const cols = { location: 0, qty: w * 0.22, sku: w * 0.32, name: w * 0.6 };
  type Line = PickListData['lines'][number];
  // Location and SKU are what the picker acts on: they wrap, never cut. Names get two lines.
  const cells = (line: Line): TableCell[] => [
    { x: margin + cols.location, width: cols.qty - 4, size: 9 * k, text: line.location, bold: true },
    { x: margin + cols.qty, width: cols.sku - cols.qty - 4, size: 9 * k, text: String(line.quantity), bold: true },
    { x: margin + cols.sku, width: cols.name - cols.sku - 4, size: 8 * k, text: line.sku },
    {
      x: margin + cols.name,
      width: w - cols.name,
      size: 8 * k,
      text: line.orderNumber ? `${line.name} (${line.orderNumber})` : line.name,
      maxLines: 2,
    },
  ];
  const pitch = (line: Line) => Math.max(12 * k, rowHeight(cells(line)) + 2 * k);
  const room = size.height - 2 * margin - headerHeight;
  // The walk order where the station knows it (its bins), else the location codes in natural order.
  const walk = (l: Line) => l.walkOrder ?? Number.MAX_SAFE_INTEGER;
  const lines = [...data.lines].sort((a, b) => walk(a) - walk(b) || a.location.localeCompare(b.location, 'en', { numeric: true }));
  const chunks = paginateByHeight(lines, pitch, { first: room, other: room, lastPageReserve: 0 });
  const pages: LabelPage[] = chunks.map((chunk, pageIndex) => {
    const p = new PageBuilder(size.width, size.height, margin);
    p.text(margin, margin, 14 * k, 'PICK LIST', { bold: true, width: w / 2 });
    p.text(margin + w / 2, margin, 8 * k, `page ${pageIndex + 1} of ${chunks.length}`, { width: w / 2, align: 'right' });
    p.code128(margin, margin + 20 * k, sheet ? w / 2 : w, 28 * k, data.pickListId, MODULE.narrow * k);
    p.text(margin, margin + 52 * k, 9 * k, data.pickListId, { bold: true, width: w / 2 });
    p.text(
      margin + w / 2,
      margin + 52 * k,
      8 * k,
      [data.picker, data.createdAt ?? ctx.printedAt.slice(0, 16).replace('T', ' ')].filter(Boolean).join(' - '),
      { width: w / 2, align: 'right' },
    );
    let y = margin + headerHeight - 12 * k;
    p.text(margin + cols.location, y, 7 * k, 'LOCATION', { width: cols.qty - 4 });
    p.text(margin + cols.qty, y, 7 * k, 'QTY', { width: cols.sku - cols.qty - 4 });
    p.text(margin + cols.sku, y, 7 * k, 'SKU', { width: cols.name - cols.sku - 4 });
    p.text(margin + cols.name, y, 7 * k, 'ITEM', { width: w - cols.name });
    y += 9 * k;
    p.rule(y, 1);
    y += 3 * k;
    for (const line of chunk) {
      p.row(y, cells(line));
      y += pitch(line);
    }
    return { elements: p.elements };
  });
  return { title: `Pick list ${data.pickListId}`, size, pages };
}
