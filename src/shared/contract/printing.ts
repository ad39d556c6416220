import { z } from 'zod';
import {
  CarrierLabelData, LABEL_TEMPLATES, PAPER_SIZES, PackingSlipData, PickListData, ReturnLabelData, ShippingLabelData, SsccLabelData, TestLabelData,
  type LabelFormat, type LabelTemplate,
} from '../labels/label-data';
import { handler } from './handler';

/**
 * jobId: chosen by the caller so a resent request is the same job. printerId: print on this printer
 * instead of the station's route for the template.
 */
const printOptions = { jobId: z.string().uuid().optional(), printerId: z.string().uuid().optional() };
const paper = z.enum(PAPER_SIZES).optional();

export const PrintRequest = z.discriminatedUnion('template', [
  z.object({ template: z.literal('shipping-label'), data: ShippingLabelData, ...printOptions }),
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

export interface PrintJob {
  id: string;
  template: LabelTemplate;
  printerId: string;
  printerName: string;
  format: LabelFormat;
  state: PrintJobState;
  attempts: number;
  lastError: string | null;
  /** SSCC allocated to this label, when the template carries one. */
  sscc: string | null;
  reference: string | null;
  reprintOf: string | null;
  createdAt: string;
  printedAt: string | null;
  nextAttemptAt: string | null;
  /** What the label is, for the job list ("Shipping label ORD-... 1/2"). */
  title: string;
  voidedAt: string | null;
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
  'printing.list-jobs': handler(z.object({ limit: z.number().int().min(1).max(500).default(50) }).optional()).returns<PrintJob[]>(),
  /** Prints the same label again; with `printerId`, on that printer (a waiting original is then voided: the label moved). */
  'printing.reprint': handler(z.object({ jobId: z.string().uuid(), printerId: z.string().uuid().optional() })).returns<PrintJob>(),
  'printing.void': handler(z.object({ jobId: z.string().uuid() })).returns<PrintJob>(),
  'printing.retry-now': handler(z.object({ jobId: z.string().uuid() })).returns<PrintJob>(),
  /** A PNG of an existing job (exactly what was sent) or of a request (rendered, nothing queued). */
  'printing.preview': handler(PreviewRequest).returns<LabelPreview>(),
  'printing.printer-status': handler(z.object({ printerId: z.string().uuid() })).returns<PrinterStatus>(),
};

export { LABEL_TEMPLATES };
