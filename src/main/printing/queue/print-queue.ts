import type { PrintJob } from '../../../shared/contract/printing';
import type { PrinterConfig, StationSettings } from '../../../shared/contract/settings';
import { sendToPrinter, type BeforeFirstByte, type TransportOptions } from '../transport/send-to-printer';
import { DEFAULT_BACKOFF, retryDelayMs, type BackoffOptions } from './backoff';
import type { JobStore } from './job-store';
import { printerTrouble, PrinterConnectionError } from '../transport/printer-error';

export interface PrintQueueOptions {
  store: JobStore;
  getSettings: () => StationSettings;
  backoff?: BackoffOptions;
  transport?: TransportOptions;
  /** Replaces the real transport (tests of the queue logic only); it awaits `beforeFirstByte` as the real one does. */
  send?: (printer: PrinterConfig, payload: Uint8Array, beforeFirstByte: BeforeFirstByte) => Promise<void>;
}

/**
 * Sends jobs and keeps the unsent ones coming back: one connection per printer at a time, failed
 * jobs wait with exponential backoff, and a printer that takes a job gets its waiting jobs at once.
 * A send that may have printed is never repeated by the queue: the job waits for a person (unconfirmed).
 */
export class PrintQueue {
  private readonly listeners = new Set<(job: PrintJob) => void>();
  private readonly printerChains = new Map<string, Promise<unknown>>();
  private readonly inFlight = new Map<string, Promise<PrintJob>>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly backoff: BackoffOptions;

  constructor(private readonly options: PrintQueueOptions) {
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
  }

  /**
   * After a restart every unsent job is due at once (the printer may have been fixed meanwhile);
   * a send the restart cut off is settled first (cutOff).
   */
  async recover(): Promise<void> {
    const now = new Date().toISOString();
    for (const { job } of this.options.store.all()) {
      const waiting = job.state === 'queued' || job.state === 'sending' || job.state === 'retrying';
      if (job.attemptStartedAt !== null) await this.save(cutOff(job, waiting, now));
      else if (waiting) await this.save({ ...job, state: 'retrying', nextAttemptAt: now });
    }
    this.schedule();
  }

  onJobUpdated(listener: (job: PrintJob) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends the job now (after any job already on the wire to that printer); resolves with its new state. */
  attempt(jobId: string): Promise<PrintJob> {
    const existing = this.inFlight.get(jobId);
    if (existing) return existing;
    const stored = this.options.store.get(jobId);
    if (!stored) return Promise.reject(new Error(`no print job ${jobId}`));
    const printerId = stored.job.printerId;
    const previous = this.printerChains.get(printerId) ?? Promise.resolve();
    const run = previous.then(() => this.send(jobId));
    const settled = run.catch(() => {});
    this.printerChains.set(printerId, settled);
    this.inFlight.set(jobId, run);
    void settled.then(() => {
      if (this.inFlight.get(jobId) === run) this.inFlight.delete(jobId);
      if (this.printerChains.get(printerId) === settled) this.printerChains.delete(printerId);
      // Only now is the job out of flight, so only now can the timer take it (if it failed).
      this.schedule();
    });
    return run;
  }

  async save(job: PrintJob): Promise<PrintJob> {
    await this.options.store.update(job);
    for (const listener of this.listeners) {
      try {
        listener(job);
      } catch {
        /* a listener's failure must not stop the queue */
      }
    }
    return job;
  }

  /** Re-arms the retry timer for the earliest waiting job. */
  schedule(): void {
    clearTimeout(this.timer);
    if (this.closed) return;
    const waiting = this.options.store
      .all()
      .filter((s) => s.job.state === 'retrying' && s.job.nextAttemptAt && !this.inFlight.has(s.job.id));
    if (waiting.length === 0) return;
    const next = Math.min(...waiting.map((s) => Date.parse(s.job.nextAttemptAt!)));
    this.timer = setTimeout(() => this.runDue(), Math.max(0, next - Date.now()));
    this.timer.unref?.();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await Promise.allSettled([...this.inFlight.values()]);
    await this.options.store.close();
  }

  private runDue(): void {
    const now = Date.now();
    const due = this.options.store
      .all()
      .filter((s) => s.job.state === 'retrying' && s.job.nextAttemptAt && Date.parse(s.job.nextAttemptAt) <= now)
      .sort((a, b) => a.seq - b.seq);
    for (const s of due) void this.attempt(s.job.id).catch(() => {});
    this.schedule();
  }

  private async send(jobId: string): Promise<PrintJob> {
    const stored = this.options.store.get(jobId);
    if (!stored) throw new Error(`no print job ${jobId}`);
    // An unconfirmed job goes out again only once a person said so (answer-unconfirmed makes it queued).
    const settled = stored.job.state === 'printed' || stored.job.state === 'voided' || stored.job.state === 'unconfirmed';
    if (this.closed || settled) return stored.job;
    const printer = this.options.getSettings().printers.find((p) => p.id === stored.job.printerId);
    const attempts = stored.job.attempts + 1;
    if (!printer)
      return this.failed(
        { ...stored.job, attempts },
        {
          message: `Printer ${stored.job.printerName} was removed from this station: print this label on another printer, or void it`,
          detail: `printer ${stored.job.printerId} is not in the station's settings`,
        },
      );
    // On disk before the first byte goes out: a crash mid-send leaves the evidence for recover().
    const started = { attemptStartedAt: new Date().toISOString(), attemptConnectedAt: null };
    await this.save({ ...stored.job, state: 'sending', attempts, ...started, nextAttemptAt: null });
    // And that it reached the printer: until then a crash cannot have printed anything.
    const connected = async () => {
      await this.save({ ...this.current(jobId), attemptConnectedAt: new Date().toISOString() });
    };
    try {
      const payload = await this.options.store.readPayload(jobId);
      const send =
        this.options.send ??
        ((p, b, beforeFirstByte) => sendToPrinter(p, b, { ...this.options.transport, title: stored.job.title, beforeFirstByte }));
      await send(printer, payload, connected);
    } catch (error) {
      const job = { ...this.current(jobId), attemptStartedAt: null, attemptConnectedAt: null };
      // The whole label went out and was never confirmed: it may have printed. A printer that
      // resets every connection would print it again at every retry, so it waits for a person.
      if (error instanceof PrinterConnectionError && error.handedOver) return this.unconfirmed(job, printerTrouble(error));
      return this.failed(job, printerTrouble(error));
    }
    const job = this.current(jobId);
    // Voided while on the wire: it did print, but stays void.
    const printed = await this.save({
      ...job,
      state: job.state === 'voided' ? 'voided' : 'printed',
      attemptStartedAt: null,
      attemptConnectedAt: null,
      lastError: null,
      lastErrorDetail: null,
      printedAt: new Date().toISOString(),
      nextAttemptAt: null,
    });
    this.releaseWaiting(printed.printerId);
    return printed;
  }

  private current(jobId: string): PrintJob {
    const stored = this.options.store.get(jobId);
    if (!stored) throw new Error(`no print job ${jobId}`);
    return stored.job;
  }

  private async failed(job: PrintJob, trouble: { message: string; detail: string | null }): Promise<PrintJob> {
    const said = { lastError: trouble.message, lastErrorDetail: trouble.detail };
    if (job.state === 'voided') return this.save({ ...job, ...said });
    const nextAttemptAt = new Date(Date.now() + retryDelayMs(job.attempts, this.backoff)).toISOString();
    const saved = await this.save({ ...job, state: 'retrying', ...said, nextAttemptAt });
    await this.holdBack(job.printerId, job.id, nextAttemptAt);
    return saved;
  }

  /**
   * A send ended unsure: the job waits, with no next attempt, until a person answers (it printed,
   * or print it again). The printer's other jobs are not held back: it took this one.
   */
  private unconfirmed(job: PrintJob, trouble: { message: string; detail: string | null }): Promise<PrintJob> {
    const said = {
      mayHavePrinted: true,
      unsureCause: 'printer-silent' as const,
      lastError: trouble.message,
      lastErrorDetail: trouble.detail,
    };
    if (job.state === 'voided') return this.save({ ...job, ...said });
    return this.save({ ...job, ...said, state: 'unconfirmed', nextAttemptAt: null });
  }

  /**
   * The printer just failed a job: its other waiting jobs wait at least as long, so a dead printer
   * gets one attempt per backoff period instead of one per job (each may cost a connect timeout).
   */
  private async holdBack(printerId: string, failedJobId: string, until: string): Promise<void> {
    for (const s of this.options.store.all()) {
      const j = s.job;
      if (j.id === failedJobId || j.printerId !== printerId || j.state !== 'retrying' || this.inFlight.has(j.id)) continue;
      if (j.nextAttemptAt && j.nextAttemptAt < until) await this.save({ ...j, nextAttemptAt: until });
    }
  }

  /** The printer just took a job: the ones waiting for it need not sit out their backoff. */
  private releaseWaiting(printerId: string): void {
    const waiting = this.options.store
      .all()
      .filter((s) => s.job.printerId === printerId && s.job.state === 'retrying' && !this.inFlight.has(s.job.id))
      .sort((a, b) => a.seq - b.seq);
    for (const s of waiting) void this.attempt(s.job.id).catch(() => {});
  }
}

/**
 * A send that a restart cut off. One that had reached the printer may have printed: it is not sent
 * again, it waits (unconfirmed) for a person to say whether it printed, as after any unsure send.
 * One still connecting wrote nothing, so nothing can have printed: a definite failure, due at once
 * like every unsent job. Voided while on the wire: it stays void.
 */
function cutOff(job: PrintJob, waiting: boolean, now: string): PrintJob {
  const ended = { attemptStartedAt: null, attemptConnectedAt: null };
  if (job.attemptConnectedAt === null) {
    const said = {
      lastError: 'The station stopped before this label reached the printer, so it did not print: it is sent again',
      lastErrorDetail: `send started ${job.attemptStartedAt} was cut off by a station restart while connecting, before any byte was written`,
    };
    return waiting ? { ...job, ...ended, ...said, state: 'retrying', nextAttemptAt: now } : { ...job, ...ended };
  }
  const unsure = {
    ...ended,
    mayHavePrinted: true,
    unsureCause: 'station-stopped' as const,
    lastError: 'The station stopped while sending this label, so it may have printed',
    lastErrorDetail: `send started ${job.attemptStartedAt} was cut off by a station restart`,
  };
  return waiting ? { ...job, ...unsure, state: 'unconfirmed', nextAttemptAt: null } : { ...job, ...unsure };
}
