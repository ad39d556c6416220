import { randomUUID } from 'node:crypto';
import type { PrintJob, StationUser } from '../../../shared/contract/index';
import { HandlerError } from '../../../shared/contract/dispatch';
import { awaitsRecording } from '../queue/job-store';
import { resolvePrinter } from '../printer-routing';
import { renderForPrinter } from '../render/render-for-printer';
import type { JobAccess } from './job-access';
import { defaultPaper } from './print-request';

/** Orders whose boxes must not ship now, and what the packer is told to do with the box. */
const STOPPED: Record<string, ((holds: readonly string[]) => string) | undefined> = {
  cancelled: () => 'was cancelled: do not ship this box; unpack it',
  incomplete: () => 'was moved to another warehouse: do not ship this box; unpack it',
  on_hold: (holds) =>
    `is on hold${holds.length ? ` (${holds.join(', ').replaceAll('_', ' ')})` : ''}: put the box aside; Ship prints it a new label once the order is released`,
};

/** What the packer and the station do with jobs once they exist: reprint or move, void, retry, record. */
export function createJobActions(access: JobAccess) {
  const { store, queue, find } = access;

  async function retryNow(jobId: string): Promise<PrintJob> {
    const { job } = find(jobId);
    if (job.state === 'voided') throw new HandlerError('print_job_voided', `${job.title} was voided`, 409);
    if (job.state === 'printed')
      throw new HandlerError('print_job_already_printed', `${job.title} has already printed; reprint it instead`, 409);
    return access.attemptAndWait(jobId);
  }

  async function reprint(jobId: string, printerId?: string, by: StationUser | null = null): Promise<PrintJob> {
    const original = find(jobId);
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
      mayHavePrinted: false,
      duplicateVoidedAt: null,
      lastError: null,
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
    // A waiting job stops here; a printed label is marked void (it must not be used).
    return queue.save({ ...job, state: 'voided', voidedAt: new Date().toISOString(), nextAttemptAt: null });
  }

  /**
   * A package of an order that was cancelled, moved to another warehouse or put on hold must not
   * ship now: its label and packing slip still waiting for a printer are voided, with why and what
   * to do. A held order's box gets a new label (Ship) once it is released, with whatever the hold
   * changed (a corrected address). A label on the wire cannot be called back; one that printed is
   * the station's to record (a conflict on the server).
   */
  async function voidForStoppedOrders(
    orders: readonly { id: string; status: string; orderNumber: string; holds?: readonly string[] }[],
  ): Promise<PrintJob[]> {
    const stopped = new Map(orders.filter((o) => STOPPED[o.status]).map((o) => [o.id, o]));
    if (!stopped.size) return [];
    const voided: PrintJob[] = [];
    for (const { job } of store.all()) {
      const order = job.purpose && stopped.get(job.purpose.fulfillmentOrderId);
      if (!order || (job.state !== 'queued' && job.state !== 'retrying')) continue;
      voided.push(
        await queue.save({
          ...job,
          state: 'voided',
          voidedAt: new Date().toISOString(),
          nextAttemptAt: null,
          voidReason: `${order.orderNumber} ${STOPPED[order.status]!(order.holds ?? [])}`,
        }),
      );
    }
    return voided;
  }

  /**
   * The packer found (or set aside) the extra copy of a label whose send was cut off: it is void.
   * Only the record changes: the job's label stays the package's, and its SSCC is never allocated again.
   */
  async function voidDuplicate(jobId: string): Promise<PrintJob> {
    const { job } = find(jobId);
    if (!job.mayHavePrinted)
      throw new HandlerError('print_job_no_duplicate', `${job.title} was never cut off mid-send: there is no duplicate to void`, 409);
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

  return { get, retryNow, reprint, void: voidJob, voidDuplicate, voidForStoppedOrders, markRecorded, listJobs };
}
