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
 * once, on every screen. The list a reopened station host stream starts with asks about one left
 * so while no page listened (the newest), once per send. Answers the unlisten.
 */
export function askAboutUnconfirmedLabels(rt: Pick<StationRuntime, 'client'>): () => void {
  const asked = new Set<string>();
  const ask = (job: PrintJob) => {
    asked.add(`${job.id}:${job.attempts}`);
    askWhetherPrinted(job);
  };
  const unlisten = [
    rt.client.listen('printing.job-updated', (job) => job.state === 'unconfirmed' && ask(job)),
    rt.client.listen('printing.jobs-listed', (jobs) => {
      const unasked = jobs.find((j) => j.state === 'unconfirmed' && !asked.has(`${j.id}:${j.attempts}`));
      if (unasked) ask(unasked);
    }),
  ];
  return () => unlisten.forEach((stop) => stop());
}
