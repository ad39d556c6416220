import type { Database } from '../db/database';
import type { JobRow } from './jobs';

/** Thrown out of a job's progress when this process is shutting down: the job is handed back. */
export class Stopping extends Error {}

/** A job being run, with what it may do: record progress (which renews its lease) and finish. */
export interface RunningJob {
  db: Database;
  job: JobRow;
  progress(p: Record<string, unknown>): Promise<void>;
  finish(status: 'succeeded' | 'failed', result: Record<string, unknown> | null, error: string | null): Promise<void>;
}
