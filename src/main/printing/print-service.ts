import { randomUUID } from 'node:crypto';
import type { PrintJob, PrintRequest, StationSettings } from '../../shared/contract/index';
import { PrintRequest as PrintRequestSchema, PreviewRequest as PreviewRequestSchema, type LabelPreview, type PreviewRequestInput, type PrintRequestInput, type PrinterStatus } from '../../shared/contract/printing';
import { HandlerError } from '../../shared/contract/dispatch';
import { carriesSscc } from '../../shared/labels/build-label';
import type { LabelContext } from '../../shared/labels/label-context';
import type { PaperSize } from '../../shared/labels/label-data';
import { isValidGs1Number } from '../../shared/domain/gs1';
import { JobStore, type JobSource, type StoredJob } from './queue/job-store';
import { PrintQueue } from './queue/print-queue';
import type { BackoffOptions } from './queue/backoff';
import { resolvePrinter } from './printer-routing';
import { renderForPrinter } from './render/render-for-printer';
import { openSsccAllocator } from './sscc/sscc-allocator';
import { previewLabel } from './preview/preview-label';
import { checkPrinter } from './status/printer-status';
import type { TransportOptions } from './transport/send-to-printer';

export interface PrintService {
  /** Render, allocate an SSCC when the template carries one, persist the job, try the printer once (waiting up to ~5 s), return the job in its current state (printed, or retrying with lastError). */
  print(request: PrintRequest | PrintRequestInput): Promise<PrintJob>;
  listJobs(limit?: number): Promise<PrintJob[]>;
  /** The same label again (same data and SSCC). On `printerId` when given; a label still waiting moves there (the original is voided). */
  reprint(jobId: string, printerId?: string): Promise<PrintJob>;
  void(jobId: string): Promise<PrintJob>;
  retryNow(jobId: string): Promise<PrintJob>;
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
  /** Retry pacing; tests shorten it. */
  backoff?: BackoffOptions;
  transport?: TransportOptions;
  /** How long print/reprint/retryNow wait for the first attempt before answering with the job as it is. */
  firstAttemptWaitMs?: number;
}

export async function createPrintService(options: PrintServiceOptions): Promise<PrintService> {
  const store = await JobStore.open(options.dataDir);
  const sscc = await openSsccAllocator(options.dataDir);
  const queue = new PrintQueue({ store, getSettings: options.getSettings, backoff: options.backoff, transport: options.transport });
  await queue.recover();
  const waitMs = options.firstAttemptWaitMs ?? 5000;

  const find = (jobId: string): StoredJob => {
    const stored = store.get(jobId);
    if (!stored) throw new HandlerError('print_job_not_found', `no print job ${jobId}`, 404);
    return stored;
  };

  /** The first attempt, but never longer than the packer should wait: after that the queue carries on. */
  const attemptAndWait = async (jobId: string): Promise<PrintJob> => {
    let timer: NodeJS.Timeout | undefined;
    const attempt = queue.attempt(jobId).catch(() => find(jobId).job);
    const timeout = new Promise<PrintJob>((resolve) => {
      timer = setTimeout(() => resolve(find(jobId).job), waitMs);
    });
    try {
      return await Promise.race([attempt, timeout]);
    } finally {
      clearTimeout(timer);
    }
  };

  const enqueue = async (entry: Omit<StoredJob, 'seq'>, source: JobSource, payload: Uint8Array): Promise<PrintJob> => {
    await store.add(entry, source, payload);
    return attemptAndWait(entry.job.id);
  };

  return {
    async print(raw) {
      const parsed = PrintRequestSchema.safeParse(raw);
      if (!parsed.success) throw new HandlerError('invalid_input', `print request: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, 400);
      const request = parsed.data;
      // The renderer may resend a request it saw no answer for: the job id makes that harmless.
      if (request.jobId && store.get(request.jobId)) return store.get(request.jobId)!.job;
      const settings = options.getSettings();
      const printer = resolvePrinter(settings, request.template, request.printerId);
      const ctx: LabelContext = { printedAt: new Date().toISOString(), printer: { name: printer.name, dpi: printer.dpi, language: printer.language } };
      if (carriesSscc(request.template)) {
        const given = ssccGiven(request);
        if (given !== undefined && !isValidGs1Number(given)) throw new HandlerError('invalid_sscc', `SSCC ${given} has a wrong check digit`, 400);
        const value = given ?? (await sscc.allocate(settings.sscc).catch((error: Error) => {
          throw new HandlerError('sscc_unavailable', `no SSCC could be allocated: ${error.message}`, 409);
        }));
        ctx.sscc = { value, companyPrefixLength: settings.sscc.companyPrefix.length };
      }
      let rendered;
      try {
        rendered = await renderForPrinter(request, ctx, printer, defaultPaper(settings));
      } catch (error) {
        throw new HandlerError('label_render_failed', `could not render ${request.template} for ${printer.name}: ${(error as Error).message}`, 422);
      }
      const now = new Date().toISOString();
      const job: PrintJob = {
        id: request.jobId ?? randomUUID(),
        template: request.template,
        printerId: printer.id,
        printerName: printer.name,
        format: printer.language,
        state: 'queued',
        attempts: 0,
        lastError: null,
        sscc: ctx.sscc?.value ?? null,
        reference: referenceOf(request),
        reprintOf: null,
        createdAt: now,
        printedAt: null,
        nextAttemptAt: null,
        title: rendered.title,
        voidedAt: null,
      };
      return enqueue({ job, dpi: printer.dpi }, { request: withoutCarrierBytes(request), context: ctx }, rendered.payload);
    },

    async listJobs(limit = 50) {
      return store.list(limit);
    },

    async reprint(jobId, printerId) {
      const original = find(jobId);
      if (original.job.state === 'voided') throw new HandlerError('print_job_voided', `${original.job.title} was voided and cannot be reprinted`, 409);
      const settings = options.getSettings();
      const chosen = printerId ? settings.printers.find((p) => p.id === printerId) : undefined;
      if (printerId && !chosen) throw new HandlerError('unknown_printer', `no printer ${printerId} on this station`, 404);
      // The chosen printer, else the same one if it is still there, else wherever the template prints now.
      const printer = chosen ?? settings.printers.find((p) => p.id === original.job.printerId) ?? resolvePrinter(settings, original.job.template);

      // The same label: same SSCC and data; only re-rendered if the printer speaks another language.
      const source = await store.readSource(jobId);
      const sameBytes = printer.language === original.job.format && printer.dpi === original.dpi;
      if (!sameBytes && source.request.template === 'carrier-label') {
        throw new HandlerError('printer_format_mismatch', `${original.job.title} is a ${original.job.format.toUpperCase()} label from the carrier; ${printer.name} cannot print it`, 409);
      }
      const payload = sameBytes
        ? await store.readPayload(jobId)
        : (await renderForPrinter(source.request, { ...source.context, printer: { name: printer.name, dpi: printer.dpi, language: printer.language } }, printer, defaultPaper(settings))).payload;
      const job: PrintJob = {
        ...original.job,
        id: randomUUID(),
        printerId: printer.id,
        printerName: printer.name,
        format: printer.language,
        state: 'queued',
        attempts: 0,
        lastError: null,
        reprintOf: jobId,
        createdAt: new Date().toISOString(),
        printedAt: null,
        nextAttemptAt: null,
        voidedAt: null,
        title: original.job.title.startsWith('Reprint: ') ? original.job.title : `Reprint: ${original.job.title}`,
      };
      await store.add({ job, dpi: printer.dpi }, source, payload);
      // A label that has not printed yet moves: once its copy is safely queued, the original must
      // not come out later as a duplicate.
      if (original.job.state !== 'printed' && printer.id !== original.job.printerId) {
        await queue.save({ ...find(jobId).job, state: 'voided', voidedAt: new Date().toISOString(), nextAttemptAt: null, lastError: `moved to ${printer.name}` });
      }
      return attemptAndWait(job.id);
    },

    async void(jobId) {
      const { job } = find(jobId);
      if (job.state === 'voided') return job;
      // A waiting job stops here; a printed label is marked void (it must not be used).
      return queue.save({ ...job, state: 'voided', voidedAt: new Date().toISOString(), nextAttemptAt: null });
    },

    async retryNow(jobId) {
      const { job } = find(jobId);
      if (job.state === 'voided') throw new HandlerError('print_job_voided', `${job.title} was voided`, 409);
      if (job.state === 'printed') throw new HandlerError('print_job_already_printed', `${job.title} has already printed; reprint it instead`, 409);
      return attemptAndWait(jobId);
    },

    onJobUpdated: (listener) => queue.onJobUpdated(listener),

    async close() {
      await queue.close();
    },

    async preview(raw) {
      const parsed = PreviewRequestSchema.safeParse(raw);
      if (!parsed.success) throw new HandlerError('invalid_input', `preview request: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, 400);
      const settings = options.getSettings();
      try {
        return await previewLabel(parsed.data, { store, settings, sheetPaper: defaultPaper(settings) });
      } catch (error) {
        if (error instanceof HandlerError) throw error;
        throw new HandlerError('preview_failed', `could not preview the label: ${(error as Error).message}`, 422);
      }
    },

    async printerStatus(printerId) {
      const printer = options.getSettings().printers.find((p) => p.id === printerId);
      if (!printer) throw new HandlerError('printer_not_found', `printer ${printerId} is not configured on this station`, 404);
      return checkPrinter(printer, { cups: options.transport?.cups });
    },
  };
}

/** The carrier's bytes are kept once, as the payload; the source need not carry them again. */
function withoutCarrierBytes(request: PrintRequest): PrintRequest {
  return request.template === 'carrier-label' ? { ...request, data: { ...request.data, contentBase64: '' } } : request;
}

function ssccGiven(request: PrintRequest): string | undefined {
  return request.template === 'shipping-label' || request.template === 'sscc-label' ? request.data.sscc : undefined;
}

function referenceOf(request: PrintRequest): string | null {
  switch (request.template) {
    case 'shipping-label':
      return request.data.reference ?? request.data.orderNumber;
    case 'sscc-label':
    case 'packing-slip':
    case 'carrier-label':
      return request.data.orderNumber;
    case 'return-label':
      return request.data.rmaNumber;
    case 'pick-list':
      return request.data.pickListId;
    case 'test-label':
      return null;
  }
}

/** Sheets: Letter where the warehouse is in North America, A4 elsewhere. */
function defaultPaper(settings: StationSettings): PaperSize {
  return ['US', 'CA', 'MX'].includes(settings.shipFrom?.country ?? '') ? 'letter' : 'a4';
}
