import { randomUUID } from 'node:crypto';
import { labelShippedItsBox, type PrintJob, type StationUser } from '../../../shared/contract/index';
import { HandlerError } from '../../../shared/contract/dispatch';
import { relabelledLabelWords } from '../../../shared/words/relabelled-label';
import { awaitsRecording } from '../queue/job-store';
import { resolvePrinter } from '../printer-routing';
import { renderForPrinter } from '../render/render-for-printer';
import type { JobAccess } from './job-access';
import { defaultPaper } from './print-request';
import { createJobVoids } from './job-voids';
import { createUnconfirmedAnswers, unanswered } from './job-answers';

/** What the packer and the station do with jobs once they exist: reprint or move, void, retry, record. */
export function createJobActions(access: JobAccess) {
  const { store, queue, find } = access;

  async function retryNow(jobId: string): Promise<PrintJob> {
    const { job } = find(jobId);
    if (job.state === 'voided') throw new HandlerError('print_job_voided', `${job.title} was voided`, 409);
    if (job.state === 'printed')
      throw new HandlerError('print_job_already_printed', `${job.title} has already printed; reprint it instead`, 409);
    if (job.state === 'unconfirmed') throw unanswered(job);
    return access.attemptAndWait(jobId);
  }

  async function reprint(jobId: string, printerId?: string, by: StationUser | null = null): Promise<PrintJob> {
    const original = find(jobId);
    // Its SSCC is now another parcel's too: printing it again is what a relabel undid.
    if (original.job.relabelled) throw new HandlerError('print_job_relabelled', relabelledLabelWords(null, original.job.relabelled), 409);
    if (original.job.state === 'voided')
      throw new HandlerError('print_job_voided', `${original.job.title} was voided and cannot be reprinted`, 409);
    const settings = access.getSettings();
    const chosen = printerId ? settings.printers.find((p) => p.id === printerId) : undefined;
    if (printerId && !chosen) throw new HandlerError('unknown_printer', `no printer ${printerId} on this station`, 404);
    // The chosen printer, else the same one if it is still there, else wherever the template prints now.
    const printer =
      chosen ?? settings.printers.find((p) => p.id === original.job.printerId) ?? resolvePrinter(settings, original.job.template);
    // A copy of a label still waiting for the same printer would come out twice once it is back.
    if (original.job.state !== 'printed' && printer.id === original.job.printerId) return retryNow(jobId);

    // The same label: same SSCC and data; only re-rendered if the printer speaks another language.
    const source = await store.readSource(jobId);
    const sameBytes = printer.language === original.job.format && printer.dpi === original.dpi;
    if (!sameBytes && source.request.template === 'carrier-label') {
      throw new HandlerError(
        'printer_format_mismatch',
        `${original.job.title} is a ${original.job.format.toUpperCase()} label from the carrier; ${printer.name} cannot print it`,
        409,
      );
    }
    const payload = sameBytes
      ? await store.readPayload(jobId)
      : (
          await renderForPrinter(
            source.request,
            { ...source.context, printer: { name: printer.name, dpi: printer.dpi, language: printer.language } },
            printer,
            defaultPaper(settings),
          )
        ).payload;
    // The copy carries the original's purpose: a moved label still ships its package when it prints.
    const job: PrintJob = {
      ...original.job,
      id: randomUUID(),
      printerId: printer.id,
      printerName: printer.name,
      format: printer.language,
      state: 'queued',
      attempts: 0,
      attemptStartedAt: null,
      attemptConnectedAt: null,
      ...copiesKnown(original.job),
      // A new job: nobody has been asked about it yet (a moved label's copy knows two may exist).
      answered: null,
      lastError: null,
      lastErrorDetail: null,
      reprintOf: jobId,
      printedBy: by,
      createdAt: new Date().toISOString(),
      printedAt: null,
      nextAttemptAt: null,
      voidedAt: null,
      title: original.job.title.startsWith('Reprint: ') ? original.job.title : `Reprint: ${original.job.title}`,
    };
    await store.add({ job, dpi: printer.dpi }, source, payload);
    // A label that has not printed yet moves: once its copy is safely queued, the original must
    // not come out later as a duplicate.
    if (original.job.state !== 'printed') {
      await queue.save({
        ...find(jobId).job,
        state: 'voided',
        voidedAt: new Date().toISOString(),
        nextAttemptAt: null,
        lastError: `moved to ${printer.name}`,
      });
    }
    return access.attemptAndWait(job.id);
  }

  async function voidJob(jobId: string): Promise<PrintJob> {
    const { job } = find(jobId);
    if (job.state === 'voided') return job;
    // A box's printed label shipped it: marking the label void would only hide that it did.
    if (labelShippedItsBox(job))
      throw new HandlerError(
        'print_job_label_shipped',
        `${job.title} printed, so its box shipped: a printed shipping label is not voided here. If the box must not go, set it aside and tell a supervisor`,
        409,
      );
    // A waiting job stops here; any other printed document is marked void (it must not be used).
    return queue.save({ ...job, state: 'voided', voidedAt: new Date().toISOString(), nextAttemptAt: null });
  }

  /**
   * The packer found (or set aside) the extra copy of a label sent again after a send that may have
   * printed: it is void. Only the record changes: the job's label stays the package's, and its SSCC
   * is never allocated again.
   */
  async function voidDuplicate(jobId: string): Promise<PrintJob> {
    const { job } = find(jobId);
    if (!job.mayHavePrinted || !job.printAgainAt)
      throw new HandlerError(
        'print_job_no_duplicate',
        `${job.title} was not printed again after an unsure send: no duplicate to void`,
        409,
      );
    if (job.duplicateVoidedAt) return job;
    return queue.save({ ...job, duplicateVoidedAt: new Date().toISOString() });
  }

  /** The station recorded what followed the printing (the package shipped). Saying so twice is harmless. */
  async function markRecorded(jobId: string): Promise<PrintJob> {
    const { job } = find(jobId);
    if (job.purposeRecordedAt) return job;
    if (!awaitsRecording(job)) {
      const why = job.purpose?.kind !== 'ship-package' ? 'has nothing to record' : `has not printed (${job.state})`;
      throw new HandlerError('print_job_not_awaiting_record', `${job.title} ${why}`, 409);
    }
    return queue.save({ ...job, purposeRecordedAt: new Date().toISOString() });
  }

  function listJobs(filter: { limit?: number; unrecorded?: boolean } = {}): PrintJob[] {
    const limit = filter.limit ?? 50;
    if (!filter.unrecorded) return store.list(limit);
    return store.list(Number.MAX_SAFE_INTEGER).filter(awaitsRecording).slice(0, limit);
  }

  /** A job as it is now (for a check before acting on it). */
  const get = (jobId: string): PrintJob => find(jobId).job;

  const answers = createUnconfirmedAnswers(access);
  return { get, retryNow, ...answers, reprint, void: voidJob, ...createJobVoids(access), voidDuplicate, markRecorded, listJobs };
}

/**
 * What a reprint knows of copies that may have printed. A printed label's reprint is a new copy
 * (its own tracking); a moved label is the same label and carries the original's, and moving one
 * that may have printed (unconfirmed) is "print it again", on the other printer.
 */
function copiesKnown(original: PrintJob): Pick<PrintJob, 'mayHavePrinted' | 'printAgainAt' | 'duplicateVoidedAt'> {
  if (original.state === 'printed') return { mayHavePrinted: false, printAgainAt: null, duplicateVoidedAt: null };
  if (original.state === 'unconfirmed') return { mayHavePrinted: true, printAgainAt: new Date().toISOString(), duplicateVoidedAt: null };
  const { mayHavePrinted, printAgainAt, duplicateVoidedAt } = original;
  return { mayHavePrinted, printAgainAt, duplicateVoidedAt };
}
