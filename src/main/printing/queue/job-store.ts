import { mkdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { PrintJob } from '../../../shared/contract/printing';
import type { PrintRequest } from '../../../shared/contract/printing';
import type { LabelContext } from '../../../shared/labels/label-context';
import { readJsonFile, writeFileAtomic } from './atomic-file';

/** A job as kept on disk: the public job, plus what a reprint to another printer needs. */
export interface StoredJob {
  /** Insertion order: timestamps can tie within a millisecond. */
  seq: number;
  job: PrintJob;
  /** The request it was rendered from (absent for reprints of the same bytes). */
  request: PrintRequest;
  context: LabelContext;
  dpi: number;
}

interface JobsFile {
  version: 1;
  jobs: StoredJob[];
}

/** Finished jobs beyond this many are forgotten (oldest first); unfinished jobs are always kept. */
const KEEP_FINISHED = 2000;

/**
 * The persistent print queue: job records in one JSON file (atomic write-then-rename), the bytes of
 * each job in its own file, written before the record that points at it.
 */
export class JobStore {
  private readonly jobs = new Map<string, StoredJob>();
  private writing: Promise<void> = Promise.resolve();
  private pendingWrite: Promise<void> | null = null;

  private constructor(private readonly dir: string) {}

  static async open(dataDir: string): Promise<JobStore> {
    const dir = join(dataDir, 'print-queue');
    await mkdir(join(dir, 'payloads'), { recursive: true });
    const store = new JobStore(dir);
    const file = await readJsonFile<JobsFile>(join(dir, 'jobs.json'));
    for (const stored of file?.jobs ?? []) store.jobs.set(stored.job.id, stored);
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

  async add(entry: Omit<StoredJob, 'seq'>, payload: Uint8Array): Promise<void> {
    await writeFileAtomic(this.payloadPath(entry.job.id), payload);
    const seq = this.all().reduce((max, s) => Math.max(max, s.seq), 0) + 1;
    this.jobs.set(entry.job.id, { ...entry, seq });
    await this.persist();
  }

  async update(job: PrintJob): Promise<void> {
    const stored = this.jobs.get(job.id);
    if (!stored) throw new Error(`no print job ${job.id}`);
    stored.job = job;
    await this.persist();
  }

  readPayload(id: string): Promise<Buffer> {
    return readFile(this.payloadPath(id));
  }

  /** Waits for every write requested so far. */
  flush(): Promise<void> {
    return this.pendingWrite ?? this.writing;
  }

  private payloadPath(id: string): string {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new Error(`bad job id ${id}`);
    return join(this.dir, 'payloads', `${id}.bin`);
  }

  /**
   * Resolves once a write that includes the current state has reached disk. Writes run one at a
   * time; changes made while one runs are coalesced into the next.
   */
  private persist(): Promise<void> {
    if (this.pendingWrite) return this.pendingWrite;
    const next = this.writing.then(async () => {
      this.pendingWrite = null;
      const removed = this.prune();
      const file: JobsFile = { version: 1, jobs: this.all() };
      await writeFileAtomic(join(this.dir, 'jobs.json'), JSON.stringify(file));
      await Promise.all(removed.map((id) => unlink(this.payloadPath(id)).catch(() => {})));
    });
    this.pendingWrite = next;
    this.writing = next.catch(() => {});
    return next;
  }

  private prune(): string[] {
    const finished = this.all()
      .filter((s) => s.job.state === 'printed' || s.job.state === 'voided')
      .sort((a, b) => a.seq - b.seq);
    const excess = finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED)).map((s) => s.job.id);
    for (const id of excess) this.jobs.delete(id);
    return excess;
  }
}
