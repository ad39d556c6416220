import type { Address } from '../domain/address';

/** Invoices and credit notes of an order (seed 003 §8). Money in integer minor units, tax shown per line. */
export const BILLING_DOCUMENT_KINDS = ['invoice', 'credit_note'] as const;
export type BillingDocumentKind = (typeof BILLING_DOCUMENT_KINDS)[number];

/** One billed line: an order line at its frozen price, shipping, or an adjustment (negative on a supplementary invoice). */
export interface BillingLine {
  kind: 'item' | 'shipping' | 'adjustment';
  lineId: string | null;
  sku: string | null;
  description: string;
  /** Units billed (on a correction: units added, negative for units taken off). */
  quantity: number;
  unitPriceMinor: number;
  /** Before discount and tax: unitPriceMinor * quantity, or a correction's difference. */
  subtotalMinor: number;
  discountMinor: number;
  taxRateBps: number;
  taxMinor: number;
  /** subtotalMinor - discountMinor + taxMinor. */
  totalMinor: number;
}

export interface BillingDocumentView {
  id: string;
  orderId: string;
  orderNumber: string;
  kind: BillingDocumentKind;
  /** INV-YYYY-NNNNNN or CN-YYYY-NNNNNN: consecutive per kind and calendar year, without gaps. */
  number: string;
  currency: string;
  lines: BillingLine[];
  subtotalMinor: number;
  discountMinor: number;
  taxMinor: number;
  shippingMinor: number;
  totalMinor: number;
  billTo: { name: string; email: string | null; address: Address };
  reason: string;
  /** The invoice a credit note or a supplementary invoice corrects. */
  correctsId: string | null;
  refundId: string | null;
  quoteId: string | null;
  issuedAt: string;
  /** Where the PDF is. */
  pdfUrl: string;
}
