import { mkdir, open, readFile, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { JobPurpose, PrintJob, PrintRequest } from '../../../shared/contract/printing';
import type { LabelContext } from '../../../shared/labels/label-context';
import { writeFileAtomic } from './atomic-file';

/** A job's record in the queue journal: small, appended again each time its state changes. */
export interface StoredJob {
  /** Insertion order: timestamps can tie within a millisecond. */
  seq: number;
  job: PrintJob;
  /** Resolution the payload was rendered at. */
  dpi: number;
}

/** What the label was rendered from, kept beside its bytes: a reprint to another printer re-renders it. */
export interface JobSource {
  request: PrintRequest;
  context: LabelContext;
}

/**
 * Finished jobs beyond this many are forgotten (oldest first) at compaction; unfinished jobs are
 * always kept. A printed job is not finished while what follows it (its purpose) is unrecorded.
 */
const KEEP_FINISHED = 1000;

/**
 * The persistent print queue. Job records go to an append-only journal (one JSON line per change,
 * fsynced before the change counts), so an update costs one small write however long the history.
 * On open the journal is replayed (a torn last line from a crash is ignored) and compacted by
 * write-then-rename; it is compacted again as it grows. Each job's bytes and source are written
 * once, to their own files, before the record that points at them.
 */
export class JobStore {
  private readonly jobs = new Map<string, StoredJob>();
  private readonly dirty = new Set<string>();
  private journal: FileHandle | null = null;
  private journalLines = 0;
  private lastSeq = 0;
  private writing: Promise<void> = Promise.resolve();
  private pendingWrite: Promise<void> | null = null;

  private constructor(
    private readonly dir: string,
    private readonly keepFinished: number,
  ) {}

  static async open(dataDir: string, options: { keepFinished?: number } = {}): Promise<JobStore> {
    const dir = join(dataDir, 'print-queue');
    await mkdir(join(dir, 'payloads'), { recursive: true });
    const store = new JobStore(dir, options.keepFinished ?? KEEP_FINISHED);
    await store.replay();
    await store.compact();
    return store;
  }

  get(id: string): StoredJob | undefined {
    return this.jobs.get(id);
  }

  all(): StoredJob[] {
    return [...this.jobs.values()];
  }

  /** Newest first. */
  list(limit: number): PrintJob[] {
    return this.all()
      .sort((a, b) => b.seq - a.seq)
      .slice(0, limit)
      .map((s) => s.job);
  }

  /**
   * The newest job for this purpose's package and kind that is not voided: the package's label (or
   * slip). A label voided because its parcel was relabelled still answers for it: Ship pressed
   * again must not make the parcel a third SSCC (its new label is the supervisor's station's).
   */
  forPurpose(purpose: JobPurpose): StoredJob | undefined {
    return this.all()
      .filter(
        (s) =>
          s.job.purpose?.kind === purpose.kind &&
          s.job.purpose.packageId === purpose.packageId &&
          (s.job.state !== 'voided' || Boolean(s.job.relabelled)),
      )
      .sort((a, b) => b.seq - a.seq)[0];
  }

  async add(entry: Omit<StoredJob, 'seq'>, source: JobSource, payload: Uint8Array): Promise<void> {
    await writeFileAtomic(this.payloadPath(entry.job.id), payload);
    await writeFileAtomic(this.sourcePath(entry.job.id), JSON.stringify(source));
    this.jobs.set(entry.job.id, { ...entry, seq: ++this.lastSeq });
    this.dirty.add(entry.job.id);
    await this.persist();
  }

  async update(job: PrintJob): Promise<void> {
    const stored = this.jobs.get(job.id);
    if (!stored) throw new Error(`no print job ${job.id}`);
    stored.job = job;
    this.dirty.add(job.id);
    await this.persist();
  }

  readPayload(id: string): Promise<Buffer> {
    return readFile(this.payloadPath(id));
  }

  async readSource(id: string): Promise<JobSource> {
    return JSON.parse(await readFile(this.sourcePath(id), 'utf8')) as JobSource;
  }

  /** Waits for every write requested so far, then closes the journal. */
  async close(): Promise<void> {
    await (this.pendingWrite ?? this.writing);
    await this.journal?.close();
    this.journal = null;
  }

  private get journalPath(): string {
    return join(this.dir, 'jobs.jsonl');
  }

  private payloadPath(id: string): string {
    return join(this.dir, 'payloads', `${checkId(id)}.bin`);
  }

  private sourcePath(id: string): string {
    return join(this.dir, 'payloads', `${checkId(id)}.json`);
  }

  private async replay(): Promise<void> {
    let text = '';
    try {
      text = await readFile(this.journalPath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      let record: StoredJob;
      try {
        record = JSON.parse(line) as StoredJob;
      } catch {
        continue; // a line torn by a crash mid-append: the change it carried never counted
      }
      // Records from before attempts were kept: a 'sending' one was cut off (when exactly is not known).
      const attemptStartedAt = record.job.attemptStartedAt ?? (record.job.state === 'sending' ? record.job.createdAt : null);
      // Records written before jobs had a purpose have none.
      record.job = {
        ...record.job,
        purpose: record.job.purpose ?? null,
        purposeRecordedAt: record.job.purposeRecordedAt ?? null,
        attemptStartedAt,
        // Records from before connecting was recorded: a send cut off may have written bytes (unsure, as it was then).
        attemptConnectedAt: record.job.attemptConnectedAt !== undefined ? record.job.attemptConnectedAt : attemptStartedAt,
        mayHavePrinted: record.job.mayHavePrinted ?? false,
        unsureCause: record.job.unsureCause !== undefined ? record.job.unsureCause : unsureCauseOf(record.job),
        duplicateVoidedAt: record.job.duplicateVoidedAt ?? null,
        // Records from before answers were kept: who answered is not known.
        answered: record.job.answered ?? null,
        ...fromBeforeTheQuestion(record.job),
      };
      this.jobs.set(record.job.id, record);
      this.lastSeq = Math.max(this.lastSeq, record.seq);
    }
  }

  /**
   * Resolves once a write that includes every change so far is on disk. Writes run one at a time;
   * changes made while one runs are coalesced into the next.
   */
  private persist(): Promise<void> {
    if (this.pendingWrite) return this.pendingWrite;
    const next = this.writing.then(async () => {
      this.pendingWrite = null;
      if (this.journalLines > Math.max(2000, 2 * this.jobs.size)) {
        await this.compact();
        return;
      }
      const lines = [...this.dirty].flatMap((id) => {
        const record = this.jobs.get(id);
        return record ? [JSON.stringify(record)] : [];
      });
      this.dirty.clear();
      if (lines.length === 0) return;
      this.journal ??= await open(this.journalPath, 'a');
      await this.journal.appendFile(`${lines.join('\n')}\n`);
      await this.journal.datasync();
      this.journalLines += lines.length;
    });
    this.pendingWrite = next;
    this.writing = next.catch(() => {});
    return next;
  }

  /** Rewrites the journal as one line per kept job, dropping the oldest finished jobs and their files. */
  private async compact(): Promise<void> {
    const removed = this.prune();
    this.dirty.clear();
    const records = this.all().sort((a, b) => a.seq - b.seq);
    await this.journal?.close();
    this.journal = null;
    await writeFileAtomic(this.journalPath, records.map((r) => `${JSON.stringify(r)}\n`).join(''));
    this.journalLines = records.length;
    await Promise.all(removed.flatMap((id) => [this.payloadPath(id), this.sourcePath(id)]).map((path) => unlink(path).catch(() => {})));
  }

  private prune(): string[] {
    const finished = this.all()
      .filter((s) => s.job.state === 'voided' || (s.job.state === 'printed' && !awaitsRecording(s.job)))
      .sort((a, b) => a.seq - b.seq);
    const excess = finished.slice(0, Math.max(0, finished.length - this.keepFinished)).map((s) => s.job.id);
    for (const id of excess) this.jobs.delete(id);
    return excess;
  }
}

/**
 * Records from before an unsure send waited for a person's answer (no printAgainAt): such a send
 * was sent again by itself. One that printed after it may have come out twice, as if a person had
 * said "Print it again"; one still waiting to be sent again now waits for the answer instead.
 */
function fromBeforeTheQuestion(job: PrintJob): Partial<PrintJob> {
  if (job.printAgainAt !== undefined) return {};
  if (!job.mayHavePrinted) return { printAgainAt: null };
  if (job.state === 'retrying' || job.state === 'queued') return { printAgainAt: null, state: 'unconfirmed', nextAttemptAt: null };
  return { printAgainAt: job.printedAt ?? job.createdAt };
}

/**
 * Records from before the cause of an unsure send was kept: the station's own words for a restart
 * mid-send (print-queue.ts cutOff) tell it; any other unsure send was the printer not confirming.
 */
function unsureCauseOf(job: PrintJob): PrintJob['unsureCause'] {
  if (!job.mayHavePrinted) return null;
  return job.lastError?.startsWith('The station stopped while sending') ? 'station-stopped' : 'printer-silent';
}

/** A printed label whose consequence the station has not recorded yet (its package has not shipped). */
export function awaitsRecording(job: PrintJob): boolean {
  return job.state === 'printed' && job.purpose?.kind === 'ship-package' && job.purposeRecordedAt === null;
}

/** Job ids become file names: only UUIDs. */
function checkId(id: string): string {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new Error(`bad job id ${id}`);
  return id;
}
