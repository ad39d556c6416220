import type { Database } from '../db/database';
import { startQueueWorker, type ErrorLog, type QueueWorker } from '../background/queue-worker';
import { JOB_CHANNEL, jobLeases, type JobRow } from './jobs';
import { runExport } from './export-job';
import { runImport } from './import-job';
import { runBulkStatus } from './bulk-status-job';
import { runReconcile } from './reconcile-job';
import { Stopping, type RunningJob } from './running-job';

export interface JobRunnerOptions {
  orderNumberPrefix: string;
  pollMs?: number;
  leaseMs?: number;
  /** A job whose runner vanished this many times is failed instead of run again. */
  maxAttempts?: number;
  log: ErrorLog;
}

/**
 * Runs queued jobs on the background queue engine. Every server process runs one; a job is taken
 * with SKIP LOCKED under a lease that progress keeps renewing, so a job whose process died is taken again by another.
 * Imports record their progress after every order, and a resumed import continues after the
 * last recorded one.
 */
export function startJobRunner(db: Database, options: JobRunnerOptions) {
  const pollMs = options.pollMs ?? 2000;
  const leaseMs = options.leaseMs ?? 60_000;
  const maxAttempts = options.maxAttempts ?? 3;
  let isStopping = () => false;

  const claim = () => jobLeases.claim(db, leaseMs);

  const runningJob = (job: JobRow): RunningJob => ({
    db,
    job,
    progress: async (p) => {
      if (isStopping()) throw new Stopping();
      await jobLeases.progress(db, job.id, p, leaseMs);
    },
    finish: (status, result, error) => jobLeases.finish(db, job.id, status, result, error),
  });

  async function run(job: JobRow) {
    const running = runningJob(job);
    if (job.attempts > maxAttempts) {
      return running.finish('failed', null, `gave up after ${maxAttempts} attempts: the server running this job stopped each time`);
    }
    try {
      if (job.kind === 'export') await runExport(running);
      else if (job.kind === 'import') await runImport(running, options.orderNumberPrefix);
      else if (job.kind === 'bulk-status') await runBulkStatus(running);
      else await runReconcile(running);
    } catch (err) {
      if (err instanceof Stopping) {
        // This process is shutting down: hand the job back for another process (or the next start).
        await jobLeases.handBack(db, job.id).catch(() => {});
        return;
      }
      options.log.error({ err, jobId: job.id }, 'job failed');
      await running.finish('failed', null, `the job failed: ${(err as Error).message}`);
    }
  }

  return startQueueWorker<JobRow>(db, {
    log: options.log,
    name: 'job runner',
    channel: JOB_CHANNEL,
    pollMs,
    claim: async () => {
      const job = await claim();
      return job ? [job] : [];
    },
    handle: async (_db, [job], stopping) => {
      isStopping = stopping;
      await run(job!);
    },
  });
}
export type JobRunner = QueueWorker;
