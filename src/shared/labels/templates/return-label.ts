import type { LabelContext } from '../label-context';
import type { ReturnLabelData } from '../label-data';
import { PAGE_SIZES, type LabelDocument } from '../layout';
import { PageBuilder } from './layout-builder';

/**
 * 4x6 return label: the RMA number as a large Code 128 (the returns desk scans it on arrival),
 * return address, sender, the carrier's tracking number when there is one, and the items expected.
 */
export function returnLabel(data: ReturnLabelData, _ctx: LabelContext): LabelDocument {
  const size = PAGE_SIZES['4x6'];
  const p = new PageBuilder(size.width, size.height, 10);
  const m = p.margin;
  p.text(m, 8, 16, 'RETURN', { bold: true, width: 120 });
  p.text(140, 10, 9, `Order ${data.orderNumber}`, { width: 138, align: 'right' });
  p.text(140, 24, 9, data.carrier ?? '', { width: 138, align: 'right' });
  p.text(m, 32, 6, 'FROM');
  p.address(m, 40, p.contentWidth, 34, data.from, { size: 7, minSize: 5 });
  p.rule(76);
  p.text(m, 82, 7, 'RETURN TO');
  p.address(m + 6, 92, p.contentWidth - 6, 86, data.returnTo, { size: 11, minSize: 7, nameSize: 12, boldName: true });
  p.rule(180);
  p.text(m, 186, 7, 'RMA');
  p.code128(m, 198, p.contentWidth, 60, data.rmaNumber);
  p.text(m + 6, 262, 14, data.rmaNumber, { bold: true });
  p.rule(284);
  if (data.trackingNumber) {
    p.text(m, 290, 7, 'TRACKING #');
    p.code128(m, 300, p.contentWidth, 36, data.trackingNumber);
    p.text(m + 6, 340, 9, data.trackingNumber);
  }
  let y = data.trackingNumber ? 356 : 290;
  if (data.reason) {
    p.text(m, y, 8, `Reason: ${data.reason}`);
    y += 12;
  }
  const shown = data.lines.slice(0, Math.max(0, Math.floor((420 - y) / 10)));
  shown.forEach((l, i) => p.text(m, y + i * 10, 8, `${l.quantity} x ${l.sku}  ${l.name}`));
  return { title: `Return label ${data.rmaNumber}`, size, pages: [{ elements: p.elements }] };
}
