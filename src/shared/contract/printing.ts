import { z } from 'zod';
import { CarrierServiceChoice } from './carriers';
import {
  CarrierLabelData,
  LABEL_TEMPLATES,
  PAPER_SIZES,
  PackingSlipData,
  PickListData,
  ReturnLabelData,
  ShippingLabelData,
  SsccLabelData,
  TestLabelData,
  type LabelFormat,
  type LabelTemplate,
} from '../labels/label-data';
import { Actor } from '../events/station-events';
import { handler } from './handler';

const packageRef = { fulfillmentOrderId: z.string().uuid(), orderId: z.string().uuid(), packageId: z.string().uuid() };

/**
 * What a job is for. It is kept with the job in main's queue, so what follows its printing
 * survives a reload, a station restart and a kill -9. A package has at most one of each kind
 * that is not voided: asking again answers with the one it has (a package never gets a second SSCC).
 */
export const JobPurpose = z.discriminatedUnion('kind', [
  /** A package's label: when it prints, the package ships, shipped by `actor` (whoever pressed Ship). */
  z.object({ kind: z.literal('ship-package'), ...packageRef, actor: Actor }).strict(),
  /** A package's packing slip: nothing follows its printing; it ties the slip to its package. */
  z.object({ kind: z.literal('package-slip'), ...packageRef }).strict(),
]);
export type JobPurpose = z.infer<typeof JobPurpose>;

/** The templates that may carry each purpose. */
export const PURPOSE_TEMPLATES: Record<JobPurpose['kind'], readonly LabelTemplate[]> = {
  'ship-package': ['shipping-label', 'sscc-label', 'carrier-label'],
  'package-slip': ['packing-slip'],
};

/**
 * jobId: chosen by the caller so a resent request is the same job. printerId: print on this printer
 * instead of the station's route for the template. purpose: what the job is for (see JobPurpose).
 */
const printOptions = { jobId: z.string().uuid().optional(), printerId: z.string().uuid().optional(), purpose: JobPurpose.optional() };
const paper = z.enum(PAPER_SIZES).optional();

export const PrintRequest = z.discriminatedUnion('template', [
  /** carrierService: main takes the package's tracking number from that account's block and prints it as the tracking barcode. */
  z.object({
    template: z.literal('shipping-label'),
    data: ShippingLabelData,
    carrierService: CarrierServiceChoice.optional(),
    ...printOptions,
  }),
  z.object({ template: z.literal('sscc-label'), data: SsccLabelData, ...printOptions }),
  z.object({ template: z.literal('packing-slip'), data: PackingSlipData, paper, ...printOptions }),
  z.object({ template: z.literal('return-label'), data: ReturnLabelData, ...printOptions }),
  z.object({ template: z.literal('pick-list'), data: PickListData, paper, ...printOptions }),
  z.object({ template: z.literal('test-label'), data: TestLabelData, ...printOptions }),
  z.object({ template: z.literal('carrier-label'), data: CarrierLabelData, ...printOptions }),
]);
export type PrintRequest = z.infer<typeof PrintRequest>;
/** What callers may pass before defaults are applied (the service parses it). */
export type PrintRequestInput = z.input<typeof PrintRequest>;

export const PRINT_JOB_STATES = ['queued', 'sending', 'printed', 'retrying', 'voided'] as const;
export type PrintJobState = (typeof PRINT_JOB_STATES)[number];

export interface JobTracking {
  accountId: string;
  carrier: string;
  serviceCode: string;
  serviceName: string;
  trackingNumber: string;
  trackingUrl: string;
}

export interface PrintJob {
  id: string;
  template: LabelTemplate;
  printerId: string;
  printerName: string;
  format: LabelFormat;
  state: PrintJobState;
  /** Sends started (each counted on disk before its first byte goes out). */
  attempts: number;
  /** When the send now on the wire started; null: none is. Still set after a restart means it was cut off. */
  attemptStartedAt: string | null;
  /**
   * A send was cut off by a crash or restart: the printer may have printed the label then, and
   * again when it was sent again. The packer checks for a duplicate and voids it.
   */
  mayHavePrinted: boolean;
  /** When the packer recorded the possible duplicate label as void (its SSCC is never reused). */
  duplicateVoidedAt: string | null;
  lastError: string | null;
  /** SSCC allocated to this label, when the template carries one. */
  sscc: string | null;
  /** The carrier, service and tracking number on this label, when main numbered it from a block (absent on older jobs). */
  tracking?: JobTracking | null;
  reference: string | null;
  reprintOf: string | null;
  createdAt: string;
  printedAt: string | null;
  nextAttemptAt: string | null;
  /** What the label is, for the job list ("Shipping label ORD-... 1/2"). */
  title: string;
  voidedAt: string | null;
  /** What the job is for; a reprint or a moved label carries its original's. Null: printed by hand. */
  purpose: JobPurpose | null;
  /** When the station recorded what followed the printing (the package shipped); null until then. */
  purposeRecordedAt: string | null;
}

/** A printer's answer to a status check. */
export interface PrinterStatus {
  printerId: string;
  printerName: string;
  /** It accepted a connection (or, for a CUPS queue, lpstat answered). */
  reachable: boolean;
  /** It reported its state (ZPL ~HS, CUPS); when false, `ready` is unknown (null) unless unreachable. */
  reported: boolean;
  ready: boolean | null;
  /** e.g. 'paper out', 'head open', 'ribbon out', 'paused', 'queue disabled', 'unreachable'. */
  problems: string[];
  detail: string | null;
  checkedAt: string;
}

/** Preview either an existing job (exactly what was sent) or a request (rendered, nothing queued). */
export const PreviewRequest = z.union([
  z.object({ jobId: z.string().uuid(), page: z.number().int().min(1).default(1) }).strict(),
  z.intersection(PrintRequest, z.object({ page: z.number().int().min(1).default(1) })),
]);
export type PreviewRequest = z.infer<typeof PreviewRequest>;
export type PreviewRequestInput = z.input<typeof PreviewRequest>;

export interface LabelPreview {
  /** PNG, base64. */
  png: string;
  width: number;
  height: number;
  page: number;
  pageCount: number;
  format: LabelFormat;
  dpi: number;
  /** Previews of SSCC-carrying requests show a placeholder SSCC: serials are allocated only when printing. */
  placeholderSscc: boolean;
}

export const printingHandlers = {
  /** Renders and queues a label, waits for the first attempt, and returns the job in its state. */
  'printing.print': handler(PrintRequest).returns<PrintJob>(),
  /** Newest first. `unrecorded`: only printed jobs whose purpose the station has not recorded yet. */
  'printing.list-jobs': handler(
    z.object({ limit: z.number().int().min(1).max(500).default(50), unrecorded: z.boolean().optional() }).optional(),
  ).returns<PrintJob[]>(),
  /**
   * Prints the same label again; with `printerId`, on that printer (a waiting original is then
   * voided: the label moved). A label still waiting for its own printer is sent again now, not copied.
   */
  'printing.reprint': handler(z.object({ jobId: z.string().uuid(), printerId: z.string().uuid().optional() })).returns<PrintJob>(),
  'printing.void': handler(z.object({ jobId: z.string().uuid() })).returns<PrintJob>(),
  /** The extra copy of a label whose send was cut off (mayHavePrinted) is void. */
  'printing.void-duplicate': handler(z.object({ jobId: z.string().uuid() })).returns<PrintJob>(),
  'printing.retry-now': handler(z.object({ jobId: z.string().uuid() })).returns<PrintJob>(),
  /** The station recorded what followed a printed job (its package shipped): it is not reconciled again. */
  'printing.mark-recorded': handler(z.object({ jobId: z.string().uuid() })).returns<PrintJob>(),
  /** A PNG of an existing job (exactly what was sent) or of a request (rendered, nothing queued). */
  'printing.preview': handler(PreviewRequest).returns<LabelPreview>(),
  'printing.printer-status': handler(z.object({ printerId: z.string().uuid() })).returns<PrinterStatus>(),
};

export { LABEL_TEMPLATES };
