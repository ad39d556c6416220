import { z } from 'zod';
import { CONDITION_GRADES, DISPOSITIONS, RETURN_REASONS, RETURN_STATUSES } from '../domain/return-status';
import { ReturnLabelData } from '../labels/label-data';
import { UnitGrade } from '../events/station-events';

/**
 * Returns (RMA): the HTTP payloads and the return document. The document is self-contained
 * (number, order, lines with their frozen identity, received and inspected units) and carries a
 * version and timestamps, so stations at a returns desk can replicate it like fulfillment orders.
 */
const Reason = z.string().trim().min(1).max(1000);
const Uuid = z.string().uuid();

export const RETURN_METHODS = ['ship', 'dropoff', 'pickup'] as const;
export const RETURN_RESOLUTIONS = ['refund', 'store_credit', 'exchange'] as const;
export type ReturnResolution = (typeof RETURN_RESOLUTIONS)[number];

export const ExchangeItem = z.strictObject({
  sku: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(300),
  barcode: z.string().trim().min(1).max(64).optional(),
});

export const CreateReturnRequest = z.strictObject({
  lines: z
    .array(
      z.strictObject({
        /** The order line being returned. */
        lineId: Uuid,
        quantity: z.number().int().min(1).max(100_000),
        reasonCode: z.enum(RETURN_REASONS),
        reasonNote: z.string().trim().max(1000).optional(),
        /** Exchange this line for another item (same price); omit with resolution "exchange" to send the same item again. */
        exchange: ExchangeItem.optional(),
      }),
    )
    .min(1)
    .max(500)
    .refine((ls) => new Set(ls.map((l) => l.lineId)).size === ls.length, 'list each order line once'),
  method: z.enum(RETURN_METHODS).default('ship'),
  /** How units that are not exchanged are paid back; "exchange" exchanges every line. */
  resolution: z.enum(RETURN_RESOLUTIONS).default('refund'),
  /** The warehouse that will receive the units; defaults to the caller's warehouse or the one that shipped them. */
  warehouseId: Uuid.optional(),
  /** Authorize at once (e.g. created by customer service within policy). */
  authorize: z.boolean().default(false),
  customerNote: z.string().trim().max(2000).optional(),
});
export type CreateReturnRequest = z.input<typeof CreateReturnRequest>;

export const AuthorizeReturnRequest = z.strictObject({ warehouseId: Uuid.optional(), note: z.string().trim().max(1000).optional() });

export const ReceiveReturnRequest = z
  .strictObject({
    lines: z
      .array(z.strictObject({ returnLineId: Uuid, quantity: z.number().int().min(1).max(100_000) }))
      .max(500)
      .default([]),
    /** Nothing more is coming: close receiving with what has arrived. */
    final: z.boolean().default(false),
    note: z.string().trim().max(1000).optional(),
  })
  .refine((r) => r.lines.length > 0 || r.final, { message: 'receive at least one unit, or set final', path: ['lines'] });

export const InspectedUnit = z.strictObject({
  condition: z.enum(CONDITION_GRADES),
  disposition: z.enum(DISPOSITIONS),
  notes: z.string().trim().max(1000).optional(),
  serial: z.string().trim().max(100).optional(),
});

export const InspectReturnRequest = z.strictObject({
  lines: z
    .array(z.strictObject({ returnLineId: Uuid, units: z.array(InspectedUnit).min(1).max(100_000) }))
    .min(1)
    .max(500),
  note: z.string().trim().max(1000).optional(),
});

/** Change a graded unit's grade before the return is completed (the desk's return-unit-regraded). */
export const RegradeReturnUnitRequest = z.strictObject({
  returnLineId: Uuid,
  /** The unit's place among the line's graded units, from 1, in the order they were graded. */
  unit: z.number().int().min(1).max(100_000),
  /** The grade you expect it has: when given, a unit graded otherwise meanwhile is refused (return_grade_changed). */
  previous: UnitGrade.optional(),
  grade: UnitGrade,
  note: z.string().trim().max(1000).optional(),
});

export const CompleteReturnRequest = z.strictObject({
  /** Refund the order's shipping too (e.g. the return is the merchant's fault). */
  refundShipping: z.boolean().default(false),
  note: z.string().trim().max(1000).optional(),
});

export const RejectReturnRequest = z.strictObject({ reason: Reason });
export const CancelReturnRequest = z.strictObject({ reason: Reason });
export const ExchangeReturnRequest = z.strictObject({ note: z.string().trim().max(1000).optional() });

export const ListReturnsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
  status: z.enum(RETURN_STATUSES).optional(),
  orderId: Uuid.optional(),
  warehouseId: Uuid.optional(),
});

export const InspectedUnitRecord = z.object({
  condition: z.enum(CONDITION_GRADES),
  disposition: z.enum(DISPOSITIONS),
  notes: z.string().nullable(),
  serial: z.string().nullable(),
  inspectedAt: z.string(),
  inspectedBy: z.string(),
  /** When and by whom the grade was last changed before completion (return-unit-regraded); absent if never. */
  regradedAt: z.string().nullish(),
  regradedBy: z.string().nullish(),
});
export type InspectedUnitRecord = z.infer<typeof InspectedUnitRecord>;

export const ReturnLineDoc = z.object({
  id: z.string(),
  orderLineId: z.string(),
  sku: z.string(),
  barcode: z.string().nullable(),
  name: z.string(),
  /** Units authorized to come back. */
  quantity: z.number().int(),
  receivedQuantity: z.number().int(),
  reasonCode: z.enum(RETURN_REASONS),
  reasonNote: z.string().nullable(),
  exchange: z.object({ sku: z.string(), name: z.string(), barcode: z.string().nullable() }).nullable(),
  units: z.array(InspectedUnitRecord),
  /** The serial numbers of this order line that shipped, and in which package (serial-tracked SKUs only; absent otherwise). */
  shippedSerials: z.array(z.object({ serial: z.string(), packageId: z.string() })).nullish(),
  /**
   * The order line's frozen prices and the units of it paid back or promised back so far (this
   * return's own once it completes), so a returns desk works out the refund with the server's rule
   * (refundOnCompletion). Absent from servers before it.
   */
  price: z
    .object({
      orderedQuantity: z.number().int(),
      unitPriceMinor: z.number().int(),
      discountMinor: z.number().int(),
      taxMinor: z.number().int(),
      refundedBefore: z.number().int(),
    })
    .nullish(),
});
export type ReturnLineDoc = z.infer<typeof ReturnLineDoc>;

export const RefundRequestView = z.object({
  id: z.string(),
  orderId: z.string(),
  source: z.enum(['return', 'backorder_cancelled']),
  returnId: z.string().nullable(),
  backorderId: z.string().nullable(),
  status: z.enum(['requested', 'processing', 'refunded', 'failed', 'cancelled']),
  method: z.enum(['original_payment', 'store_credit']),
  currency: z.string(),
  amountMinor: z.number().int(),
  itemsMinor: z.number().int(),
  discountMinor: z.number().int(),
  taxMinor: z.number().int(),
  shippingMinor: z.number().int(),
  lines: z.array(
    z.object({
      orderLineId: z.string(),
      sku: z.string(),
      quantity: z.number().int(),
      firstUnit: z.number().int(),
      itemsMinor: z.number().int(),
      discountMinor: z.number().int(),
      taxMinor: z.number().int(),
      amountMinor: z.number().int(),
    }),
  ),
  reason: z.string(),
  createdAt: z.string(),
});
export type RefundRequestView = z.infer<typeof RefundRequestView>;

/** A return as the server sends it (the API, and replication to returns desks). */
export const ReturnDocument = z.object({
  id: z.string(),
  number: z.string(),
  orderId: z.string(),
  orderNumber: z.string(),
  customerName: z.string(),
  currency: z.string(),
  warehouseId: z.string().nullable(),
  status: z.enum(RETURN_STATUSES),
  method: z.enum(RETURN_METHODS),
  resolution: z.enum(RETURN_RESOLUTIONS),
  customerNote: z.string().nullable(),
  rejectionReason: z.string().nullable(),
  lines: z.array(ReturnLineDoc),
  replacementOrderId: z.string().nullable(),
  refundRequest: RefundRequestView.nullable(),
  /** When each status was reached, UTC ISO. */
  milestones: z.partialRecord(z.enum(RETURN_STATUSES), z.string()),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ReturnDocument = z.infer<typeof ReturnDocument>;

/**
 * Ask for an RMA's return label on a carrier account's service: numbered from the account's counter,
 * or bought from the carrier's API for an account that buys its labels. weightGrams: the parcel's
 * weight for a bought label (a carrier rates by weight); without it, what the order's shipped
 * parcels weighed per unit, for the units coming back.
 */
export const CreateReturnLabelRequest = z.strictObject({
  accountId: Uuid,
  serviceCode: z.string().regex(/^[0-9A-Z]{2,3}$/, 'a carrier service code such as 03 or 001'),
  weightGrams: z.number().int().min(1).max(150_000).optional(),
});

/** Void an RMA's bought return label, for the carrier's refund. */
export const VoidReturnLabelRequest = z.strictObject({ reason: z.string().trim().min(1).max(500) });

/** An RMA's return label: its carrier, tracking number and the label's content, ready to print. */
export const ReturnLabelView = z.object({
  returnId: z.string(),
  rmaNumber: z.string(),
  accountId: z.string(),
  carrier: z.string(),
  serviceCode: z.string(),
  serviceName: z.string(),
  trackingNumber: z.string(),
  trackingUrl: z.string(),
  /** block: numbered from the account's own tracking numbers; adapter: bought through a carrier API. */
  source: z.enum(['block', 'adapter']),
  createdAt: z.string(),
  /** What Dockside prints for a numbered label. */
  label: ReturnLabelData,
  /** A bought label: the carrier's own file, printed as it came instead of `label`, and what it cost. */
  carrierLabel: z
    .object({
      format: z.enum(['zpl', 'pdf']),
      contentBase64: z.string(),
      amountMinor: z.number().int().min(0),
      currency: z.string(),
    })
    .nullable(),
  /** A bought label voided for a refund (the return not shipped with it): never printed again. */
  voided: z
    .object({ at: z.string(), reason: z.string(), refundStatus: z.enum(['submitted', 'refunded', 'rejected', 'not_applicable']) })
    .nullable(),
});
export type ReturnLabelView = z.infer<typeof ReturnLabelView>;
