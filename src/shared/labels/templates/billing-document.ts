import type { BillingDocumentView, BillingLine } from '../../api/billing-documents';
import { PAGE_SIZES, type LabelDocument, type LabelPage } from '../layout';
import { PageBuilder, rowHeight, type TableCell } from './layout-builder';
import { paginateByHeight } from './paginate';

/** ISO 4217 exponents other than 2: currencies without minor units, and those with three. */
const EXPONENT: Record<string, number> = { JPY: 0, KRW: 0, ISK: 0, CLP: 0, VND: 0, BHD: 3, KWD: 3, OMR: 3, JOD: 3, TND: 3 };

/** An amount in minor units as its major-unit figure: 4995 USD → "49.95", -120 → "-1.20". */
export function formatMinor(amountMinor: number, currency: string): string {
  const exponent = EXPONENT[currency] ?? 2;
  const sign = amountMinor < 0 ? '-' : '';
  const digits = String(Math.abs(amountMinor)).padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return exponent ? `${sign}${whole}.${digits.slice(-exponent)}` : `${sign}${whole}`;
}

const rate = (bps: number) => `${(bps / 100).toFixed(bps % 100 ? 2 : 0)}%`;

/**
 * An invoice or credit note on an A4 sheet: number, dates, bill-to, one row per line (quantity,
 * description with SKU, unit price, tax rate, tax, line total), and the totals with tax on the
 * last page. Drawn by the same PDF renderer as the station's slips and labels.
 */
export function billingDocument(doc: BillingDocumentView, seller: { name: string }): LabelDocument {
  const size = PAGE_SIZES.a4;
  const margin = 42;
  const w = size.width - 2 * margin;
  const money = (n: number) => formatMinor(n, doc.currency);
  const title = doc.kind === 'invoice' ? (doc.correctsId ? 'SUPPLEMENTARY INVOICE' : 'INVOICE') : 'CREDIT NOTE';
  const col = { qty: 36, desc: w - 36 - 4 * 72, unit: 72, rate: 72, tax: 72, total: 72 };
  const x = {
    qty: margin,
    desc: margin + col.qty,
    unit: margin + col.qty + col.desc,
    rate: margin + col.qty + col.desc + col.unit,
    tax: margin + col.qty + col.desc + col.unit + col.rate,
    total: margin + w - col.total,
  };
  // Quantity and description wrap as table cells (never cut short); the amounts sit right-aligned on the row's first line.
  const cells = (l: BillingLine): TableCell[] => [
    { x: x.qty, width: col.qty - 4, size: 9, text: l.kind === 'item' ? String(l.quantity) : '' },
    { x: x.desc, width: col.desc - 6, size: 9, text: l.sku ? `${l.description} (${l.sku})` : l.description, maxLines: 8 },
  ];
  const amounts = (l: BillingLine): [number, number, string][] => [
    [x.unit, col.unit, l.kind === 'item' ? money(l.unitPriceMinor) : ''],
    [x.rate, col.rate, l.kind === 'item' ? rate(l.taxRateBps) : ''],
    [x.tax, col.tax, money(l.taxMinor)],
    [x.total, col.total, money(l.totalMinor)],
  ];
  const headerBottom = 250;
  const footer = 110;
  const bodyBottom = size.height - margin - 16;
  // Shipping is a line of the document but shows among the totals.
  const tableLines = doc.lines.filter((l) => l.kind !== 'shipping');
  const chunks = paginateByHeight(tableLines, (l) => rowHeight(cells(l)) + 4, {
    first: bodyBottom - headerBottom - 20,
    other: bodyBottom - margin - 40,
    lastPageReserve: footer,
  });
  const pages: LabelPage[] = chunks.map((lines, pageIndex) => {
    const p = new PageBuilder(size.width, size.height, margin);
    let y = margin;
    if (pageIndex === 0) {
      p.text(margin, y, 18, title, { bold: true, width: w / 2 });
      p.text(margin + w / 2, y, 11, seller.name, { bold: true, width: w / 2, align: 'right' });
      y += 30;
      p.text(margin, y, 10, `Number ${doc.number}`, { bold: true, width: w / 2 });
      p.text(margin + w / 2, y, 10, `Issued ${doc.issuedAt.slice(0, 10)}`, { width: w / 2, align: 'right' });
      y += 14;
      p.text(margin, y, 10, `Order ${doc.orderNumber}`, { width: w / 2 });
      p.text(margin + w / 2, y, 10, `Currency ${doc.currency}`, { width: w / 2, align: 'right' });
      y += 14;
      if (doc.reason) y = p.paragraph(margin, y, 9, `Reason: ${doc.reason}`, w, 2);
      y += 10;
      p.text(margin, y, 8, 'BILL TO', { width: w / 2 });
      y += 11;
      p.address(margin, y, w / 2, headerBottom - y - 8, doc.billTo.address, { size: 9, minSize: 6, boldName: true });
      y = headerBottom;
    } else {
      p.text(margin, y, 11, `${title} ${doc.number} (continued)`, { bold: true });
      y += 30;
    }
    const head = (at: number, text: string, width: number, align: 'left' | 'right' = 'right') => p.text(at, y, 8, text, { width, align });
    head(x.qty, 'QTY', col.qty, 'left');
    head(x.desc, 'DESCRIPTION', col.desc, 'left');
    head(x.unit, 'UNIT PRICE', col.unit - 6);
    head(x.rate, 'TAX RATE', col.rate - 6);
    head(x.tax, 'TAX', col.tax - 6);
    head(x.total, 'TOTAL', col.total - 6);
    y += 11;
    p.rule(y, 1);
    y += 4;
    for (const line of lines) {
      for (const [at, width, text] of amounts(line)) if (text) p.text(at, y, 9, text, { width: width - 6, align: 'right' });
      y += p.row(y, cells(line)) + 4;
    }
    if (pageIndex === chunks.length - 1) {
      p.rule(y + 2, 1);
      y += 10;
      const sum = (label: string, amount: number, bold = false) => {
        p.text(x.rate, y, 10, label, { width: col.rate + col.tax, bold });
        p.text(x.total, y, 10, money(amount), { width: col.total - 6, bold, align: 'right' });
        y += 15;
      };
      sum('Subtotal', doc.subtotalMinor);
      if (doc.discountMinor) sum('Discount', -doc.discountMinor);
      sum('Tax', doc.taxMinor);
      if (doc.shippingMinor) sum('Shipping', doc.shippingMinor);
      sum(doc.kind === 'invoice' ? 'Total due' : 'Total credited', doc.totalMinor, true);
    }
    p.text(margin, size.height - margin - 10, 8, `${doc.number} - page ${pageIndex + 1} of ${chunks.length}`, { width: w, align: 'right' });
    return { elements: p.elements };
  });
  return { title: `${title} ${doc.number}`, size, pages };
}
