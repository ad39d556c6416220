import { randomUUID } from 'node:crypto';
import type { PrintJob, PrintRequest, StationUser } from '../../../shared/contract/index';
import type { CarrierServiceChoice } from '../../../shared/contract/carriers';
import type { JobTracking } from '../../../shared/contract/printing';
import { PrintRequest as PrintRequestSchema, type PrintRequestInput } from '../../../shared/contract/printing';
import { HandlerError } from '../../../shared/contract/dispatch';
import { carriesSscc } from '../../../shared/labels/build-label';
import type { LabelContext } from '../../../shared/labels/label-context';
import { isValidGs1Number } from '../../../shared/domain/gs1';
import { resolvePrinter } from '../printer-routing';
import { renderForPrinter } from '../render/render-for-printer';
import type { SsccAllocator } from '../sscc/sscc-allocator';
import type { JobAccess } from './job-access';
import { checkPurpose, defaultPaper, referenceOf, ssccGiven, withoutCarrierBytes } from './print-request';

/**
 * A new job: render, allocate an SSCC when the template carries one, persist, try the printer
 * once. A request the station already made (same job id, or a label for a package that has one)
 * answers with the job it made then: nothing is rendered or allocated again.
 */
/** Takes a package's tracking number from a carrier account's block (main/carriers/station-carriers.ts). */
export type IssueTracking = (choice: CarrierServiceChoice) => Promise<JobTracking>;
/** Buys the carrier's label through the server for an account that sells them; null: the account numbers from blocks. */
export type BuyLabel = (request: Extract<PrintRequest, { template: 'shipping-label' }>) => Promise<{
  tracking: JobTracking;
  label: { format: 'zpl' | 'pdf'; contentBase64: string };
} | null>;

export function createNewJobPrinter(access: JobAccess, sscc: SsccAllocator, issueTracking?: IssueTracking, buyLabel?: BuyLabel) {
  const { store } = access;
  // Jobs are made one at a time, so two quick presses of Ship cannot both find no label and make two.
  let making: Promise<unknown> = Promise.resolve();

  return async function print(raw: PrintRequest | PrintRequestInput, by: StationUser | null = null): Promise<PrintJob> {
    const parsed = PrintRequestSchema.safeParse(raw);
    if (!parsed.success)
      throw new HandlerError(
        'invalid_input',
        `print request: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        400,
      );
    const request = parsed.data;
    checkPurpose(request);
    const made = making.then(() => existingOrNew(request, by));
    making = made.catch(() => {});
    const { job, isNew } = await made;
    return isNew ? access.attemptAndWait(job.id) : job;
  };

  async function existingOrNew(request: PrintRequest, by: StationUser | null): Promise<{ job: PrintJob; isNew: boolean }> {
    // The renderer may resend a request it saw no answer for: the job id makes that harmless.
    const resent = request.jobId ? store.get(request.jobId) : undefined;
    // Ship pressed again while the label waits: the package keeps its label (and its SSCC).
    const existing = resent ?? (request.purpose ? store.forPurpose(request.purpose) : undefined);
    if (existing) return { job: existing.job, isNew: false };
    return { job: await makeJob(request, by), isNew: true };
  }

  /**
   * A shipping label for a carrier service gets its tracking number here, with the job, so a resent
   * request or Ship pressed again never takes a second one; the stored request carries the number,
   * so a reprint prints the same one.
   */
  async function numbered(request: PrintRequest): Promise<{ request: PrintRequest; tracking: JobTracking | null }> {
    if (request.template !== 'shipping-label' || !request.carrierService) return { request, tracking: null };
    // A label the carrier sells is the carrier's file, printed as it came (byte for byte).
    const bought = buyLabel ? await buyLabel(request) : null;
    if (bought) {
      const { jobId, printerId, purpose } = request;
      const data = {
        format: bought.label.format,
        contentBase64: bought.label.contentBase64,
        orderNumber: request.data.orderNumber,
        packageId: request.data.packageId,
        carrier: bought.tracking.carrier,
        trackingNumber: bought.tracking.trackingNumber,
      };
      return { request: { template: 'carrier-label', data, jobId, printerId, purpose }, tracking: bought.tracking };
    }
    if (!issueTracking) throw new HandlerError('carriers_unavailable', 'this station does not number carrier labels', 409);
    const tracking = await issueTracking(request.carrierService);
    const { carrierService: _numbered, ...rest } = request;
    const data = {
      ...rest.data,
      carrier: tracking.carrier.toUpperCase(),
      service: tracking.serviceName,
      trackingNumber: tracking.trackingNumber,
    };
    return { request: { ...rest, data }, tracking };
  }

  async function makeJob(asked: PrintRequest, by: StationUser | null): Promise<PrintJob> {
    const settings = access.getSettings();
    const printer = resolvePrinter(settings, asked.template, asked.printerId);
    const { request, tracking } = await numbered(asked);
    const ctx: LabelContext = {
      printedAt: new Date().toISOString(),
      printer: { name: printer.name, dpi: printer.dpi, language: printer.language },
    };
    if (carriesSscc(request.template)) {
      const given = ssccGiven(request);
      if (given !== undefined && !isValidGs1Number(given))
        throw new HandlerError('invalid_sscc', `SSCC ${given} has a wrong check digit`, 400);
      const value =
        given ??
        (await sscc.allocate(settings.sscc).catch((error: Error) => {
          // The allocator's own refusal (no serial left, offline) is already what the packer should read.
          if (error instanceof HandlerError) throw error;
          throw new HandlerError('sscc_unavailable', `no SSCC could be allocated: ${error.message}`, 409);
        }));
      ctx.sscc = { value, companyPrefixLength: settings.sscc.companyPrefix.length };
    }
    let rendered;
    try {
      rendered = await renderForPrinter(request, ctx, printer, defaultPaper(settings));
    } catch (error) {
      throw new HandlerError(
        'label_render_failed',
        `could not render ${request.template} for ${printer.name}: ${(error as Error).message}`,
        422,
      );
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
      attemptStartedAt: null,
      attemptConnectedAt: null,
      mayHavePrinted: false,
      unsureCause: null,
      printAgainAt: null,
      duplicateVoidedAt: null,
      answered: null,
      lastError: null,
      sscc: ctx.sscc?.value ?? null,
      tracking,
      reference: referenceOf(request),
      reprintOf: null,
      createdAt: now,
      printedAt: null,
      nextAttemptAt: null,
      title: rendered.title,
      voidedAt: null,
      purpose: request.purpose ?? null,
      purposeRecordedAt: null,
      printedBy: by,
    };
    await store.add({ job, dpi: printer.dpi }, { request: withoutCarrierBytes(request), context: ctx }, rendered.payload);
    return job;
  }
}
