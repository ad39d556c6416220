import { z } from 'zod';
import { LABEL_TEMPLATES, ShippingLabelData, TestLabelData, type LabelFormat, type LabelTemplate } from '../labels/label-data';
import { handler } from './handler';

export const PrintRequest = z.discriminatedUnion('template', [
  z.object({ template: z.literal('shipping-label'), data: ShippingLabelData, jobId: z.string().uuid().optional() }),
  z.object({ template: z.literal('test-label'), data: TestLabelData, printerId: z.string().uuid().optional(), jobId: z.string().uuid().optional() }),
]);
export type PrintRequest = z.infer<typeof PrintRequest>;

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

export const printingHandlers = {
  /** Renders and queues a label, waits for the first attempt, and returns the job in its state. */
  'printing.print': handler(PrintRequest).returns<PrintJob>(),
  'printing.list-jobs': handler(z.object({ limit: z.number().int().min(1).max(500).default(50) }).optional()).returns<PrintJob[]>(),
  'printing.reprint': handler(z.object({ jobId: z.string().uuid() })).returns<PrintJob>(),
  'printing.void': handler(z.object({ jobId: z.string().uuid() })).returns<PrintJob>(),
  'printing.retry-now': handler(z.object({ jobId: z.string().uuid() })).returns<PrintJob>(),
};

export { LABEL_TEMPLATES };
