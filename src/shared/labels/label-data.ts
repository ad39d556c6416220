import { z } from 'zod';
import { Address } from '../domain/address';
import { fitsAi400 } from './templates/sscc-label';

/** What each label template is printed from. One description per label, rendered to every output. */
export const LABEL_TEMPLATES = [
  'shipping-label',
  'sscc-label',
  'packing-slip',
  'return-label',
  'pick-list',
  'test-label',
  'carrier-label',
  'manifest',
  'return-receipt',
] as const;
export type LabelTemplate = (typeof LABEL_TEMPLATES)[number];

export const LABEL_FORMATS = ['zpl', 'escpos', 'pdf'] as const;
export type LabelFormat = (typeof LABEL_FORMATS)[number];

/** Paper for the documents that come in several sizes; labels are always 4x6. */
export const PAPER_SIZES = ['4x6', 'a4', 'letter'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];

/** Characters GS1 allows in AI values (the 82-character set). */
const GS1_TEXT = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]+$/;

export const ShippingLabelData = z.object({
  orderNumber: z.string().min(1).max(40),
  packageId: z.string().uuid(),
  packageIndex: z.number().int().min(1),
  /** How many boxes the shipment has; null while more may follow (a box is labelled as it is packed). */
  packageCount: z.number().int().min(1).nullable(),
  shipTo: Address,
  shipFrom: Address.optional(),
  carrier: z.string().max(64).nullable().default(null),
  service: z.string().max(64).nullable().default(null),
  trackingNumber: z.string().max(64).nullable().default(null),
  weightGrams: z.number().int().min(0).nullable().default(null),
  reference: z.string().max(100).optional(),
  /** An SSCC this carton already has (e.g. from its carton label); when absent the station allocates one. */
  sscc: z
    .string()
    .regex(/^\d{18}$/)
    .optional(),
});
export type ShippingLabelData = z.infer<typeof ShippingLabelData>;

export const TestLabelData = z.object({ message: z.string().max(200).default('Dockside printer test') });
export type TestLabelData = z.infer<typeof TestLabelData>;

/** GS1 logistic (carton) label: the SSCC, and what the carton holds, as GS1-128. */
export const SsccLabelData = z.object({
  orderNumber: z.string().min(1).max(40),
  packageId: z.string().uuid(),
  packageIndex: z.number().int().min(1).default(1),
  packageCount: z.number().int().min(1).default(1),
  shipTo: Address,
  shipFrom: Address.optional(),
  carrier: z.string().max(64).nullable().default(null),
  /** AI 400; the order number when absent (and when it fits). */
  customerPo: z
    .string()
    .max(30)
    .regex(GS1_TEXT)
    .refine(fitsAi400, 'customer PO is too long for a readable GS1-128 (AI 400) on a 4x6 label')
    .optional(),
  /** AI 02 (GTIN of the trade items inside) and AI 37 (their count), for a carton of one product. */
  contents: z.object({ gtin: z.string().regex(/^\d{14}$/), count: z.number().int().min(1).max(99_999_999) }).optional(),
  /** AI 3302, gross weight in kg with two decimals: six digits hold at most 9999.99 kg. */
  weightGrams: z.number().int().min(0).max(9_999_990, 'AI 3302 holds at most 9999.99 kg').nullable().default(null),
  /** An SSCC the carton already has; when absent the station allocates one. */
  sscc: z
    .string()
    .regex(/^\d{18}$/)
    .optional(),
});
export type SsccLabelData = z.infer<typeof SsccLabelData>;

const ItemLine = z.object({
  sku: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  quantity: z.number().int().min(1).max(1_000_000),
  /** Product barcode (GTIN/UPC/EAN), printed as text. */
  barcode: z.string().max(64).optional(),
  /** The lots or serial numbers of these units (`SN A1, A2; LOT L7 EXP 2027-05-31`), for a tracked SKU. */
  tracking: z.string().max(1000).optional(),
});

export const PackingSlipData = z.object({
  orderNumber: z.string().min(1).max(40),
  orderDate: z.string().max(40).optional(),
  shipTo: Address,
  shipFrom: Address.optional(),
  lines: z.array(ItemLine).min(1).max(1000),
  packageIndex: z.number().int().min(1).optional(),
  /** Absent while more boxes may follow. */
  packageCount: z.number().int().min(1).optional(),
  note: z.string().max(500).optional(),
  /** Where the customer starts a return; printed as a QR code. */
  returnUrl: z.string().url().max(300).optional(),
});
export type PackingSlipData = z.infer<typeof PackingSlipData>;

export const ReturnLabelData = z.object({
  rmaNumber: z
    .string()
    .min(1)
    .max(40)
    .regex(/^[\x20-\x7e]+$/, 'printable ASCII (it is a Code 128 barcode)'),
  orderNumber: z.string().min(1).max(40),
  from: Address,
  returnTo: Address,
  reason: z.string().max(200).optional(),
  carrier: z.string().max(64).nullable().default(null),
  trackingNumber: z.string().max(64).nullable().default(null),
  lines: z.array(ItemLine).max(200).default([]),
});
export type ReturnLabelData = z.infer<typeof ReturnLabelData>;

export const PickListData = z.object({
  pickListId: z
    .string()
    .min(1)
    .max(40)
    .regex(/^[\x20-\x7e]+$/, 'printable ASCII (it is a Code 128 barcode)'),
  createdAt: z.string().max(40).optional(),
  picker: z.string().max(100).optional(),
  lines: z
    .array(
      ItemLine.extend({
        location: z.string().min(1).max(40),
        orderNumber: z.string().max(40).optional(),
        /** The line's place on the warehouse's walk; lists without it are sorted by location. */
        walkOrder: z.number().int().min(0).max(1_000_000_000).optional(),
      }),
    )
    .min(1)
    .max(2000),
});
export type PickListData = z.infer<typeof PickListData>;

/** A label the carrier returned ready-made: printed byte for byte. */
export const CarrierLabelData = z.object({
  format: z.enum(['zpl', 'pdf']),
  contentBase64: z
    .string()
    .min(4)
    .max(14_000_000)
    .regex(/^[A-Za-z0-9+/=\s]+$/),
  orderNumber: z.string().min(1).max(40),
  packageId: z.string().uuid().optional(),
  carrier: z.string().max(64).nullable().default(null),
  trackingNumber: z.string().max(64).nullable().default(null),
});
export type CarrierLabelData = z.infer<typeof CarrierLabelData>;

const Code128Text = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[\x20-\x7e]+$/, 'printable ASCII (it is a Code 128 barcode)');

/** An end-of-day manifest (close-out) for the carrier's driver: every package, counts and weights, a signature line. */
export const ManifestData = z.object({
  manifestNumber: Code128Text,
  carrier: z.string().min(1).max(64),
  warehouse: z.string().min(1).max(100),
  closedAt: z.string().max(40),
  closedBy: z.string().max(200).optional(),
  packageCount: z.number().int().min(0).max(100_000),
  totalWeightGrams: z.number().int().min(0).max(1_000_000_000),
  unweighedCount: z.number().int().min(0).max(100_000),
  byService: z
    .array(
      z.object({
        service: z.string().max(80).nullable(),
        packageCount: z.number().int().min(0),
        totalWeightGrams: z.number().int().min(0),
      }),
    )
    .max(50)
    .default([]),
  packages: z
    .array(
      z.object({
        orderNumber: z.string().min(1).max(40),
        trackingNumber: z.string().max(64).nullable(),
        service: z.string().max(80).nullable(),
        weightGrams: z.number().int().min(0).nullable(),
      }),
    )
    .max(10_000),
});
export type ManifestData = z.infer<typeof ManifestData>;

/** The receipt that goes on (or in) a returned box at the returns desk: the RMA, what arrived, who took it in. */
export const ReturnReceiptData = z.object({
  rmaNumber: Code128Text,
  orderNumber: z.string().min(1).max(40),
  receivedAt: z.string().max(40),
  receivedBy: z.string().max(200).optional(),
  customer: z.string().max(200).optional(),
  lines: z
    .array(
      z.object({
        sku: z.string().min(1).max(64),
        name: z.string().min(1).max(200),
        expected: z.number().int().min(0).max(1_000_000),
        received: z.number().int().min(0).max(1_000_000),
      }),
    )
    .min(1)
    .max(200),
  note: z.string().max(300).optional(),
});
export type ReturnReceiptData = z.infer<typeof ReturnReceiptData>;

/** A template with its data: what every output renders from. */
export const LabelRequest = z.discriminatedUnion('template', [
  z.object({ template: z.literal('shipping-label'), data: ShippingLabelData }),
  z.object({ template: z.literal('sscc-label'), data: SsccLabelData }),
  z.object({ template: z.literal('packing-slip'), data: PackingSlipData, paper: z.enum(PAPER_SIZES).optional() }),
  z.object({ template: z.literal('return-label'), data: ReturnLabelData }),
  z.object({ template: z.literal('pick-list'), data: PickListData, paper: z.enum(PAPER_SIZES).optional() }),
  z.object({ template: z.literal('test-label'), data: TestLabelData }),
  z.object({ template: z.literal('carrier-label'), data: CarrierLabelData }),
  z.object({ template: z.literal('manifest'), data: ManifestData, paper: z.enum(PAPER_SIZES).optional() }),
  z.object({ template: z.literal('return-receipt'), data: ReturnReceiptData }),
]);
export type LabelRequest = z.infer<typeof LabelRequest>;
