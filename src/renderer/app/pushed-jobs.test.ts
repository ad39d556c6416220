import { describe, expect, it } from 'vitest';
import type { PrintJob } from '../../shared/contract/index';
import { pushedJobs } from './pushed-jobs';

const job = (id: string, state: string) => ({ id, state }) as unknown as PrintJob;

/** The store's own list rules: setJobs replaces, upsertJob puts the job first. */
function store() {
  let jobs: PrintJob[] = [];
  return {
    setJobs: (list: PrintJob[]) => (jobs = list),
    upsertJob: (j: PrintJob) => (jobs = [j, ...jobs.filter((x) => x.id !== j.id)]),
    shown: () => jobs.map((j) => `${j.id}:${j.state}`),
  };
}

const answerLater = () => {
  let answer!: (jobs: PrintJob[]) => void;
  return { call: () => new Promise<PrintJob[]>((r) => (answer = r)), answer: (jobs: PrintJob[]) => answer(jobs) };
};

describe('pushedJobs', () => {
  it('shows the answer of the snapshot call when nothing was pushed meanwhile', async () => {
    const s = store();
    await pushedJobs(s).fetched(async () => [job('a', 'printed')]);
    expect(s.shown()).toEqual(['a:printed']);
  });

  it('applies an update pushed while the call was in flight over its older answer', async () => {
    const s = store();
    const jobs = pushedJobs(s);
    const later = answerLater();
    const fetching = jobs.fetched(later.call);
    jobs.updated(job('a', 'printed'));
    later.answer([job('a', 'printing'), job('b', 'printed')]);
    await fetching;
    expect(s.shown()).toEqual(['a:printed', 'b:printed']);
  });

  it('keeps the list the event stream opened with over an answer that lands after it', async () => {
    const s = store();
    const jobs = pushedJobs(s);
    const later = answerLater();
    const fetching = jobs.fetched(later.call);
    // The stream (re)opened: its list includes what changed while no stream was open.
    jobs.listed([job('a', 'failed')]);
    later.answer([job('a', 'printing')]);
    await fetching;
    expect(s.shown()).toEqual(['a:failed']);
    // Updates after it still apply.
    jobs.updated(job('a', 'printed'));
    expect(s.shown()).toEqual(['a:printed']);
  });
});
