import type { PrintJob, StationSettings } from '../../../shared/contract/index';
import { HandlerError } from '../../../shared/contract/dispatch';
import type { JobStore, StoredJob } from '../queue/job-store';
import type { PrintQueue } from '../queue/print-queue';

/** What every job operation works with: the journal, the queue, the settings, and the first attempt. */
export interface JobAccess {
  store: JobStore;
  queue: PrintQueue;
  getSettings: () => StationSettings;
  /** The job, or a 404 the packer can read. */
  find(jobId: string): StoredJob;
  /** Sends the job now and answers with its state, waiting no longer than the packer should. */
  attemptAndWait(jobId: string): Promise<PrintJob>;
}

export function createJobAccess(store: JobStore, queue: PrintQueue, getSettings: () => StationSettings, waitMs: number): JobAccess {
  const find = (jobId: string): StoredJob => {
    const stored = store.get(jobId);
    if (!stored) throw new HandlerError('print_job_not_found', `no print job ${jobId}`, 404);
    return stored;
  };

  /** The first attempt, but never longer than `waitMs`: after that the queue carries on. */
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

  return { store, queue, getSettings, find, attemptAndWait };
}
