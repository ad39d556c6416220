import { addressLines } from '../address-lines';
import type { LabelContext } from '../label-context';
import type { ReturnLabelData } from '../label-data';
import { PAGE_SIZES, type LabelDocument } from '../layout';
import { MODULE, PageBuilder } from './layout-builder';

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
  addressLines(data.from)
    .slice(0, 4)
    .forEach((l, i) => p.text(m, 40 + i * 8, 7, l, { width: 150 }));
  p.rule(76);
  p.text(m, 82, 7, 'RETURN TO');
  addressLines(data.returnTo)
    .slice(0, 6)
    .forEach((l, i) => p.text(m + 6, 92 + i * 14, i === 0 ? 12 : 11, l, { bold: i === 0 }));
  p.rule(180);
  p.text(m, 186, 7, 'RMA');
  p.barcode(m + 6, 198, 'code128', data.rmaNumber, 60, MODULE.narrow);
  p.text(m + 6, 262, 14, data.rmaNumber, { bold: true });
  p.rule(284);
  if (data.trackingNumber) {
    p.text(m, 290, 7, 'TRACKING #');
    p.barcode(m + 6, 300, 'code128', data.trackingNumber, 36, MODULE.narrow);
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
