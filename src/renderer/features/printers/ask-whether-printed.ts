import type { PrintJob } from '../../../shared/contract/index';
import type { StationRuntime } from '../../app/station-runtime';
import { useStation } from '../../app/station-store';
import { unconfirmedPrompt } from './unconfirmed-prompt';

/**
 * Asks the packer, with the error sound, whether a label that may have printed did (its job is
 * unconfirmed: main sends it again only on their answer). Someone who may not answer for it is told,
 * the same way, who can (unconfirmedPrompt). Said once: the same words already on screen (the job's
 * update and the call's answer both bring them) are not said, nor sounded, again.
 */
export function askWhetherPrinted(job: PrintJob, also = ''): void {
  const { message, sayForAnyone, people } = useStation.getState();
  const text = `${unconfirmedPrompt(job, people).text}${also}`;
  if (message?.kind === 'error' && message.text === text) return;
  // The label is at the printer, whoever looks: asked of anyone signed in, or signing in, until answered.
  sayForAnyone('error', text);
}

/**
 * Main left a label unconfirmed (a send that may have printed, or a restart mid-send): asked at
 * once, on every screen. As the page starts, it asks about one left so (the newest) in main's list:
 * the one the page fetched (startStationRuntime's printing.list-jobs: an Electron window has no
 * stream to open with a list, so a reload would not ask again), and the one a reopened station host
 * stream starts with; once per send. Asked once main says who is signed in here, in the words for
 * them (unconfirmedPrompt). Answers the unlisten.
 */
export function askAboutUnconfirmedLabels(rt: Pick<StationRuntime, 'client'>): () => void {
  const asked = new Set<string>();
  /** A label to ask about once who is signed in here is known (the page is starting). */
  let waiting: PrintJob | null = null;
  const ask = (job: PrintJob) => {
    asked.add(`${job.id}:${job.attempts}`);
    if (useStation.getState().people) askWhetherPrinted(job);
    else waiting = job;
  };
  const askNewest = (jobs: readonly PrintJob[]) => {
    const unasked = jobs.find((j) => j.state === 'unconfirmed' && !asked.has(`${j.id}:${j.attempts}`));
    if (unasked) ask(unasked);
  };
  const unlisten = [
    rt.client.listen('printing.job-updated', (job) => job.state === 'unconfirmed' && ask(job)),
    rt.client.listen('printing.jobs-listed', askNewest),
    useStation.subscribe((s) => {
      if (!waiting || !s.people) return;
      // As it is now: answered meanwhile (on another screen, say), it is not asked about.
      const now = s.jobs.find((j) => j.id === waiting!.id) ?? waiting;
      waiting = null;
      if (now.state === 'unconfirmed') askWhetherPrinted(now);
    }),
  ];
  askNewest(useStation.getState().jobs);
  return () => unlisten.forEach((stop) => stop());
}
