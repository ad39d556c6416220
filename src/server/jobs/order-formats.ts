import type { OrderDocument } from '../../shared/api/orders';
import { csvRow, unguard } from './csv';

/**
 * Orders as CSV: one row per order line, the order's columns repeated on each. The columns an
 * import reads are the same an export writes, so an export imports back (as new orders).
 * Orders group by `order_ref`: external_reference when set, else the order number.
 */
export const ORDER_CSV_COLUMNS = [
  'order_ref',
  'order_number',
  'order_id',
  'external_reference',
  'status',
  'payment_status',
  'order_type',
  'channel',
  'currency',
  'customer_id',
  'customer_name',
  'customer_email',
  'ship_name',
  'ship_company',
  'ship_line1',
  'ship_line2',
  'ship_city',
  'ship_region',
  'ship_postal_code',
  'ship_country',
  'ship_phone',
  'shipping_minor',
  'subtotal_minor',
  'discount_minor',
  'tax_minor',
  'total_minor',
  'paid_minor',
  'refunded_minor',
  'discount_code',
  'created_at',
  'line_sku',
  'line_barcode',
  'line_name',
  'line_quantity',
  'line_unit_price_minor',
  'line_tax_rate_bps',
  'line_discount_minor',
  'line_tax_minor',
  'line_total_minor',
] as const;

/** Columns an import needs (the rest are optional or export-only). */
export const ORDER_CSV_REQUIRED = [
  'currency',
  'customer_name',
  'ship_name',
  'ship_line1',
  'ship_city',
  'ship_country',
  'line_sku',
  'line_name',
  'line_quantity',
  'line_unit_price_minor',
] as const;

export function orderCsvHeader(): string {
  return csvRow(ORDER_CSV_COLUMNS);
}

export function orderCsvRows(o: OrderDocument): string {
  const a = o.shippingAddress;
  const head = [
    o.externalReference ?? o.number,
    o.number,
    o.id,
    o.externalReference,
    o.status,
    o.paymentStatus,
    o.orderType,
    o.channel,
    o.currency,
    o.customer.id,
    o.customer.name,
    o.customer.email,
    a.name,
    a.company,
    a.line1,
    a.line2,
    a.city,
    a.region,
    a.postalCode,
    a.country,
    a.phone,
    o.totals.shippingMinor,
    o.totals.subtotalMinor,
    o.totals.discountMinor,
    o.totals.taxMinor,
    o.totals.totalMinor,
    o.totals.paidMinor,
    o.totals.refundedMinor,
    o.discountCode,
    o.createdAt,
  ];
  return o.lines
    .map((l) =>
      csvRow([...head, l.sku, l.barcode, l.name, l.quantity, l.unitPriceMinor, l.taxRateBps, l.discountMinor, l.taxMinor, l.totalMinor]),
    )
    .join('');
}

export interface ImportItem {
  /** Where it came from: "line 12" / "rows 3-5". */
  source: string;
  ref: string | null;
  request?: Record<string, unknown>;
  error?: string;
}

const IMPORTABLE_PAYMENT = new Set(['pending', 'authorized', 'paid']);

function paymentOf(status: string | undefined | null): { status: string } | string {
  const s = (status ?? '').trim() || 'pending';
  return IMPORTABLE_PAYMENT.has(s) ? { status: s } : `payment_status "${s}" cannot be imported; use pending, authorized or paid`;
}

const opt = (s: string | undefined) => {
  const v = s === undefined ? '' : unguard(s).trim();
  return v === '' ? undefined : v;
};
const int = (s: string | undefined) => {
  const v = opt(s);
  return v === undefined ? undefined : /^-?\d+$/.test(v) ? Number(v) : Number.NaN;
};

/** Groups CSV rows (after the header) into order create requests; the schema check happens at creation. */
export function ordersFromCsv(rows: string[][]): { items: ImportItem[]; missingColumns: string[] } {
  const [header, ...body] = rows;
  const names = (header ?? []).map((h) => h.trim().toLowerCase());
  const missingColumns = ORDER_CSV_REQUIRED.filter((c) => !names.includes(c));
  if (missingColumns.length) return { items: [], missingColumns };
  const col = (row: string[], name: string) => {
    const i = names.indexOf(name);
    return i < 0 ? undefined : row[i];
  };
  const groups = new Map<string, { first: number; last: number; rows: string[][] }>();
  body.forEach((row, i) => {
    const lineNo = i + 2;
    const ref = opt(col(row, 'order_ref')) ?? opt(col(row, 'external_reference')) ?? opt(col(row, 'order_number')) ?? `line-${lineNo}`;
    const g = groups.get(ref) ?? { first: lineNo, last: lineNo, rows: [] };
    g.last = lineNo;
    g.rows.push(row);
    groups.set(ref, g);
  });
  const items: ImportItem[] = [];
  for (const [ref, g] of groups) {
    const source = g.first === g.last ? `line ${g.first}` : `lines ${g.first}-${g.last}`;
    const r = g.rows[0]!;
    const payment = paymentOf(opt(col(r, 'payment_status')));
    if (typeof payment === 'string') {
      items.push({ source, ref, error: payment });
      continue;
    }
    const externalReference =
      opt(col(r, 'external_reference')) ?? opt(col(r, 'order_number')) ?? (ref.startsWith('line-') ? undefined : ref);
    items.push({
      source,
      ref: externalReference ?? null,
      request: {
        externalReference,
        channel: opt(col(r, 'channel')),
        currency: opt(col(r, 'currency')),
        orderType: opt(col(r, 'order_type')),
        customer: { id: opt(col(r, 'customer_id')), name: opt(col(r, 'customer_name')), email: opt(col(r, 'customer_email')) },
        shippingAddress: {
          name: opt(col(r, 'ship_name')),
          company: opt(col(r, 'ship_company')),
          line1: opt(col(r, 'ship_line1')),
          line2: opt(col(r, 'ship_line2')),
          city: opt(col(r, 'ship_city')),
          region: opt(col(r, 'ship_region')),
          postalCode: opt(col(r, 'ship_postal_code')),
          country: opt(col(r, 'ship_country')),
          phone: opt(col(r, 'ship_phone')),
        },
        shippingMinor: int(col(r, 'shipping_minor')),
        discountCode: opt(col(r, 'discount_code')),
        payment,
        lines: g.rows.map((l) => ({
          sku: opt(col(l, 'line_sku')),
          barcode: opt(col(l, 'line_barcode')),
          name: opt(col(l, 'line_name')),
          quantity: int(col(l, 'line_quantity')),
          unitPriceMinor: int(col(l, 'line_unit_price_minor')),
          taxRateBps: int(col(l, 'line_tax_rate_bps')),
          discountMinor: int(col(l, 'line_discount_minor')),
        })),
      },
    });
  }
  return { items, missingColumns: [] };
}

const strip = <T extends Record<string, unknown>>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));

/**
 * One NDJSON line: either a create-order request, or an order document as exported (mapped back
 * to a request; its number becomes the external reference unless it had one).
 */
export function orderFromJsonLine(value: unknown, source: string): ImportItem {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { source, ref: null, error: 'each line must be a JSON object' };
  const v = value as Record<string, unknown>;
  if (typeof v.number === 'string' && v.totals && typeof v.totals === 'object') {
    const o = v as unknown as OrderDocument;
    const payment = paymentOf(o.paymentStatus);
    const ref = o.externalReference ?? o.number;
    if (typeof payment === 'string') return { source, ref, error: payment };
    return {
      source,
      ref,
      request: strip({
        externalReference: ref,
        channel: o.channel,
        currency: o.currency,
        orderType: o.orderType,
        customer: strip({ ...o.customer }),
        shippingAddress: o.shippingAddress,
        billingAddress: o.billingAddress,
        shippingMinor: o.totals.shippingMinor,
        discountCode: o.discountCode,
        payment,
        metadata: o.metadata,
        lines: (o.lines ?? []).map((l) =>
          strip({
            sku: l.sku,
            barcode: l.barcode,
            name: l.name,
            quantity: l.quantity,
            unitPriceMinor: l.unitPriceMinor,
            taxRateBps: l.taxRateBps,
            discountMinor: l.discountMinor,
            metadata: l.metadata,
          }),
        ),
      }),
    };
  }
  const ref = typeof v.externalReference === 'string' ? v.externalReference : null;
  return { source, ref, request: v };
}
