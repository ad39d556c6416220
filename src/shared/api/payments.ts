/** Payment records and refunds of an order as the API shows them (money in minor units). */
export interface PaymentView {
  id: string;
  orderId: string;
  provider: string;
  reference: string;
  status: 'authorized' | 'captured' | 'failed' | 'voided';
  amountMinor: number;
  currency: string;
  failureReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export const REFUND_KINDS = ['cancellation', 'return', 'adjustment'] as const;
export type RefundKind = (typeof REFUND_KINDS)[number];

export interface RefundView {
  id: string;
  orderId: string;
  amountMinor: number;
  shippingMinor: number;
  currency: string;
  kind: RefundKind;
  reason: string;
  destination: 'original_method' | 'store_credit';
  lines: { lineId: string; quantity: number; amountMinor: number }[];
  status: 'succeeded' | 'failed';
  providerReference: string | null;
  refundRequestId: string | null;
  actor: { kind: string; id: string; name?: string };
  createdAt: string;
}
