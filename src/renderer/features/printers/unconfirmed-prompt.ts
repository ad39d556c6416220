import type { PrintJob, StationPeople } from '../../../shared/contract/index';
import { answerRefusal } from '../../../shared/contract/printing';
import { unconfirmedLabel, unconfirmedQuestion } from './job-state';

/** Who works here before main has said: nobody refused (main still refuses whoever may not answer). */
const NOT_KNOWN_YET = { users: [], signedIn: null };

/**
 * What this device shows about a label that may have printed (unconfirmed). Whoever may answer
 * (answerRefusal: who sent it, a supervisor, an admin) is asked, with the answers to press; anyone
 * else is told who can answer instead, with none: theirs would only be refused.
 */
export function unconfirmedPrompt(job: PrintJob, people: StationPeople | null): { text: string; mayAnswer: boolean } {
  const refusal = answerRefusal(job, people ?? NOT_KNOWN_YET);
  if (!refusal) return { text: unconfirmedQuestion(job), mayAnswer: true };
  return { text: whoAnswers(job, refusal.code === 'sign_in_required'), mayAnswer: false };
}

/** Whose label it is and who says whether it printed; signIn: nobody is signed in on this device. */
function whoAnswers(job: PrintJob, signIn: boolean): string {
  const owner = job.printedBy ?? null;
  const sent = `${unconfirmedLabel(job)}${owner ? `, sent by ${owner.name},` : ''} may have printed on ${job.printerName}`;
  const who = owner ? `${owner.name} or a supervisor` : 'a supervisor';
  if (signIn) return `${sent}: sign in to say whether it did (${who} can).`;
  return `${sent}: ${who} says whether it did${owner ? '' : ' (nobody is recorded as sending it)'}.`;
}
