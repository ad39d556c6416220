import type { PrintJob, PrintRequest, StationSettings, StationUser } from '../../shared/contract/index';
import type {
  LabelPreview,
  PreviewRequestInput,
  PrintRequestInput,
  PrinterStatus,
  UnconfirmedAnswer,
} from '../../shared/contract/printing';
import { createJobAccess } from './jobs/job-access';
import { createJobActions } from './jobs/job-actions';
import type { PulledOrder } from './jobs/job-voids';
import { createNewJobPrinter, type BuyLabel, type IssueTracking } from './jobs/new-job';
import { createPrinterInspection } from './printer-inspection';
import type { BackoffOptions } from './queue/backoff';
import { JobStore } from './queue/job-store';
import { PrintQueue } from './queue/print-queue';
import type { SsccAllocator } from './sscc/sscc-allocator';
import type { TransportOptions } from './transport/send-to-printer';

export interface PrintService {
  /**
   * Render, allocate an SSCC when the template carries one, persist the job, try the printer once
   * (waiting up to ~5 s), return the job in its current state (printed, or retrying with lastError).
   * A package that already has a label (or slip) for the request's purpose gets that job back.
   */
  print(request: PrintRequest | PrintRequestInput, by?: StationUser | null): Promise<PrintJob>;
  /** A job as it is now; 404 print_job_not_found. */
  get(jobId: string): PrintJob;
  /** Newest first; `unrecorded`: only printed labels whose package the station has not shipped yet. */
  listJobs(filter?: { limit?: number; unrecorded?: boolean }): PrintJob[];
  /** The same label again (same data and SSCC). On `printerId` when given; a label still waiting moves there (the original is voided). */
  reprint(jobId: string, printerId?: string, by?: StationUser | null): Promise<PrintJob>;
  void(jobId: string): Promise<PrintJob>;
  /** Voids every waiting label and slip of a package being unpacked; 409 when its label is on the wire or printed. */
  voidPackage(packageId: string): Promise<PrintJob[]>;
  /**
   * Voids the waiting labels and slips of these orders' packages where the order was cancelled,
   * moved away (another warehouse, another station than `stationId`, the pool) or put on hold;
   * only jobs made before `pulledAt` (when the pull that says so was asked). A label whose SSCC a
   * supervisor replaced (the package's relabels) is voided whenever made, or marked relabelled
   * when it printed, so Reprint refuses it.
   */
  voidForPulledOrders(orders: readonly PulledOrder[], stationId: string | null, pulledAt?: string): Promise<PrintJob[]>;
  /** Records the possible extra copy of a label sent again after a send that may have printed (printAgainAt) as void. */
  voidDuplicate(jobId: string): Promise<PrintJob>;
  /** Sends a waiting job now; 409 print_job_unconfirmed for one that may have printed (see answerUnconfirmed). */
  retryNow(jobId: string): Promise<PrintJob>;
  /**
   * A person's answer about a job that may have printed (state unconfirmed): 'printed' settles it,
   * nothing more is sent; 'print-again' sends it once more (printAgainAt: two copies may exist).
   * The job keeps the answer, `by` whom and when (answered).
   */
  answerUnconfirmed(jobId: string, answer: UnconfirmedAnswer['answer'], by?: StationUser | null): Promise<PrintJob>;
  /** The station recorded what followed a printed job (its package shipped). */
  markRecorded(jobId: string): Promise<PrintJob>;
  onJobUpdated(listener: (job: PrintJob) => void): () => void;
  close(): Promise<void>;
  /** A PNG of a job as printed, or of a request as it would print (nothing is queued or allocated). */
  preview(request: PreviewRequestInput): Promise<LabelPreview>;
  /** Asks the printer how it is: ZPL ~HS, CUPS lpstat, else whether it accepts a connection. */
  printerStatus(printerId: string): Promise<PrinterStatus>;
}

export interface PrintServiceOptions {
  dataDir: string;
  getSettings: () => StationSettings;
  /** Numbers SSCC labels from the station's server-issued blocks (sscc/sscc-allocator.ts). */
  sscc: SsccAllocator;
  /** Retry pacing; tests shorten it. */
  backoff?: BackoffOptions;
  transport?: TransportOptions;
  /** How long print/reprint/retryNow wait for the first attempt before answering with the job as it is. */
  firstAttemptWaitMs?: number;
  /** Numbers shipping labels printed for a carrier service; without it such a label is refused. */
  issueTracking?: IssueTracking;
  /** Buys carrier-sold labels through the server (main/carriers/bought-labels.ts). */
  buyLabel?: BuyLabel;
}

/** The station's printing: a persistent queue of jobs (new ones, and what is done with them) and inspection. */
export async function createPrintService(options: PrintServiceOptions): Promise<PrintService> {
  const store = await JobStore.open(options.dataDir);
  const queue = new PrintQueue({ store, getSettings: options.getSettings, backoff: options.backoff, transport: options.transport });
  await queue.recover();
  const access = createJobAccess(store, queue, options.getSettings, options.firstAttemptWaitMs ?? 5000);
  const actions = createJobActions(access);

  return {
    print: createNewJobPrinter(access, options.sscc, options.issueTracking, options.buyLabel),
    ...actions,
    ...createPrinterInspection(store, options.getSettings, options.transport),
    onJobUpdated: (listener) => queue.onJobUpdated(listener),
    close: () => queue.close(),
  };
}
