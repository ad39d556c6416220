import type { PrintJob, StationPeople } from '../../../shared/contract/index';
import { answerRefusal } from '../../../shared/contract/printing';
import { unconfirmedLabel, unconfirmedQuestion } from './job-state';

/** Said in place of the answers while main has not said who is signed in here (the page is starting). */
export const CHECKING_WHO_ANSWERS = 'Checking who may answer…';

/** What a device shows about a label that may have printed: the words, and whether the answers are offered. */
export interface UnconfirmedPrompt {
  text: string;
  mayAnswer: boolean;
  /** Who is signed in here is not known yet: the question is shown, its answers not until it is. */
  checking?: true;
}

/**
 * What this device shows about a label that may have printed (unconfirmed). Whoever may answer
 * (answerRefusal: who sent it, a supervisor, an admin) is asked, with the answers to press; anyone
 * else is told who can answer instead, with none: theirs would only be refused. Before main says
 * who works here (people null: the print jobs can arrive first), nobody is offered them yet: the
 * answers of someone who may not give them would only be refused.
 */
export function unconfirmedPrompt(job: PrintJob, people: StationPeople | null): UnconfirmedPrompt {
  if (!people) return { text: unconfirmedQuestion(job), mayAnswer: false, checking: true };
  const refusal = answerRefusal(job, people);
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
