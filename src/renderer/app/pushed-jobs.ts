import type { PrintJob } from '../../shared/contract/index';

interface JobStore {
  setJobs(jobs: PrintJob[]): void;
  upsertJob(job: PrintJob): void;
}

/**
 * The print queue shown: a whole list (the snapshot call at start, or the list the station
 * host's event stream opens with, which covers updates pushed while no stream was open) and each
 * job's pushed updates. The call's answer can land after newer news: an update pushed while it
 * was in flight is applied again over it, and a whole list pushed meanwhile wins over it.
 */
export function pushedJobs(store: JobStore) {
  const inFlight = new Set<{ updates: Map<string, PrintJob>; listed: boolean }>();
  return {
    listed(jobs: PrintJob[]): void {
      for (const call of inFlight) call.listed = true;
      store.setJobs(jobs);
    },
    updated(job: PrintJob): void {
      for (const call of inFlight) call.updates.set(job.id, job);
      store.upsertJob(job);
    },
    async fetched(call: () => Promise<PrintJob[]>): Promise<void> {
      const seen = { updates: new Map<string, PrintJob>(), listed: false };
      inFlight.add(seen);
      try {
        const jobs = await call();
        if (seen.listed) return;
        store.setJobs(jobs);
        for (const job of seen.updates.values()) store.upsertJob(job);
      } finally {
        inFlight.delete(seen);
      }
    },
  };
}
