import type { LabelContext } from '../label-context';
import type { ManifestData, PaperSize } from '../label-data';
import { PAGE_SIZES, type LabelDocument, type LabelPage } from '../layout';
import { MODULE, PageBuilder, rowHeight, type TableCell } from './layout-builder';
import { paginateByHeight } from './paginate';

const kg = (grams: number) => `${(grams / 1000).toFixed(2)} kg`;

/**
 * End-of-day manifest: the manifest number as a barcode on every page, then one row per package
 * (order, tracking number, service, weight), and on the last page the totals per service and in
 * all, with lines for the driver's signature and the time of pick-up.
 */
export function manifest(data: ManifestData, ctx: LabelContext, paper: PaperSize): LabelDocument {
  const size = PAGE_SIZES[paper];
  const sheet = paper !== '4x6';
  const k = sheet ? 1.25 : 1;
  const margin = sheet ? 36 : 10;
  const w = size.width - 2 * margin;
  const headerHeight = 96 * k;
  const cols = { order: 0, tracking: w * 0.3, service: w * 0.68, weight: w * 0.84 };
  type Row = ManifestData['packages'][number];
  // Tracking numbers are what the driver checks: they wrap, never cut.
  const cells = (r: Row): TableCell[] => [
    { x: margin + cols.order, width: cols.tracking - 4, size: 8 * k, text: r.orderNumber },
    { x: margin + cols.tracking, width: cols.service - cols.tracking - 4, size: 8 * k, text: r.trackingNumber ?? '-', bold: true },
    { x: margin + cols.service, width: cols.weight - cols.service - 4, size: 7 * k, text: r.service ?? '-', maxLines: 2 },
    { x: margin + cols.weight, width: w - cols.weight, size: 8 * k, text: r.weightGrams === null ? '-' : kg(r.weightGrams) },
  ];
  const pitch = (r: Row) => Math.max(11 * k, rowHeight(cells(r)) + 2 * k);
  const totalsHeight = (data.byService.length + 2) * 11 * k + 70 * k;
  const room = size.height - 2 * margin - headerHeight;
  const chunks = paginateByHeight(data.packages, pitch, { first: room, other: room, lastPageReserve: totalsHeight });
  const pages: LabelPage[] = chunks.map((chunk, pageIndex) => {
    const p = new PageBuilder(size.width, size.height, margin);
    p.text(margin, margin, 13 * k, `MANIFEST ${data.carrier.toUpperCase()}`, { bold: true, width: w * 0.65 });
    p.text(margin + w * 0.65, margin, 8 * k, `page ${pageIndex + 1} of ${chunks.length}`, { width: w * 0.35, align: 'right' });
    p.code128(margin, margin + 18 * k, sheet ? w / 2 : w, 26 * k, data.manifestNumber, MODULE.narrow * k);
    p.text(margin, margin + 48 * k, 9 * k, data.manifestNumber, { bold: true, width: w / 2 });
    p.text(margin + w / 2, margin + 48 * k, 8 * k, data.warehouse, { width: w / 2, align: 'right' });
    p.text(margin, margin + 60 * k, 8 * k, `Closed ${data.closedAt}${data.closedBy ? ` by ${data.closedBy}` : ''}`, { width: w });
    let y = margin + headerHeight - 14 * k;
    p.text(margin + cols.order, y, 7 * k, 'ORDER', { width: cols.tracking - 4 });
    p.text(margin + cols.tracking, y, 7 * k, 'TRACKING #', { width: cols.service - cols.tracking - 4 });
    p.text(margin + cols.service, y, 7 * k, 'SERVICE', { width: cols.weight - cols.service - 4 });
    p.text(margin + cols.weight, y, 7 * k, 'WEIGHT', { width: w - cols.weight });
    y += 9 * k;
    p.rule(y, 1);
    y += 3 * k;
    for (const r of chunk) {
      p.row(y, cells(r));
      y += pitch(r);
    }
    if (pageIndex === chunks.length - 1) totals(p, data, y + 6 * k, k, w);
    return { elements: p.elements };
  });
  return { title: `Manifest ${data.manifestNumber}`, size, pages };
}

function totals(p: PageBuilder, data: ManifestData, top: number, k: number, w: number): void {
  const m = p.margin;
  let y = top;
  p.rule(y, 1);
  y += 4 * k;
  for (const s of data.byService) {
    p.text(m, y, 8 * k, `${s.service ?? 'No service'}: ${s.packageCount} packages, ${kg(s.totalWeightGrams)}`, { width: w });
    y += 11 * k;
  }
  const unweighed = data.unweighedCount ? ` (${data.unweighedCount} not weighed)` : '';
  p.text(m, y, 10 * k, `TOTAL ${data.packageCount} packages, ${kg(data.totalWeightGrams)}${unweighed}`, { bold: true, width: w });
  y += 24 * k;
  p.text(m, y, 8 * k, 'Driver signature ______________________', { width: w * 0.6 });
  p.text(m + w * 0.6, y, 8 * k, 'Time ________', { width: w * 0.4, align: 'right' });
}
