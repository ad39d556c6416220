import type { PrintJob, PrintJobState } from '../../../shared/contract/index';
import type { GivenAnswer, UnsureCause } from '../../../shared/contract/printing';
import { relabelledLabelWords } from '../../../shared/words/relabelled-label';
import { currentStationFormat } from '../../app/station-format';
import { DOCUMENTS } from './documents';

export const JOB_STATE_NAMES: Record<PrintJobState, string> = {
  queued: 'Queued',
  sending: 'Sending…',
  printed: 'Printed',
  retrying: 'Waiting to retry',
  unconfirmed: 'Did it print?',
  voided: 'Voided',
};

/** Why a job has not printed, by its state, where main gave no reason of its own (a job held behind another that failed has none). */
const NOT_PRINTED_BECAUSE: Record<PrintJobState, string> = {
  queued: 'it is queued to print',
  sending: 'it is being sent now',
  retrying: 'it waits behind an earlier label that failed on that printer',
  unconfirmed: 'the printer did not confirm it, so it may have printed',
  printed: 'it has printed',
  voided: 'it was voided',
};

/** Why a job has not printed yet, in words for a message ("… (…)"): main's reason, else what its state means, never the state's name. */
export function whyNotPrinted(job: Pick<PrintJob, 'lastError' | 'state'>): string {
  return job.lastError ?? NOT_PRINTED_BECAUSE[job.state];
}

/** What a job prints, as the queue lists it. A reprint's title already starts "Reprint: " (job-actions.ts): said once. */
export function jobLabel(job: PrintJob): string {
  return `${job.title || DOCUMENTS[job.template].name}${job.sscc ? ` · ${job.sscc}` : ''}`;
}

/** In the station's locale and time zone (the print queue re-renders when they change). */
const time = (iso: string) => currentStationFormat().time(iso);

/**
 * A job's state as one headline, why (main says it in the packer's words: what happened and what
 * to do), the details under it, and the technical account kept for support (a tooltip, not shown).
 */
export function describeJob(job: PrintJob): { headline: string; reason: string | null; detail: string | null; support: string | null } {
  const tries = job.attempts > 1 ? `${job.attempts} tries` : null;
  const reason = job.lastError;
  const support = job.lastErrorDetail ?? null;
  switch (job.state) {
    case 'printed': {
      // Printed on a person's word: whose, and when they said it ("confirmed by Sam at 06:12").
      const when = job.answered?.answer === 'printed' ? answeredBy(job.answered) : job.printedAt && `at ${time(job.printedAt)}`;
      const again = job.answered?.answer === 'print-again' ? answeredBy(job.answered) : null;
      return {
        headline: JOB_STATE_NAMES.printed,
        // Its parcel has a new SSCC: this label must not come out again (main refuses a reprint).
        reason: job.relabelled ? `Replaced: ${relabelledLabelWords(null, job.relabelled)}` : null,
        support: null,
        detail: [when, again, tries].filter(Boolean).join(', ') || null,
      };
    }
    case 'retrying': {
      const next = job.nextAttemptAt ? `next try ${time(job.nextAttemptAt)}` : null;
      // A job held back behind another job that failed on the same printer has no error of its own.
      return {
        headline: JOB_STATE_NAMES.retrying,
        reason: reason ?? 'Waiting for the printer (an earlier job failed on it)',
        detail: [next, tries].filter(Boolean).join(' · ') || null,
        support,
      };
    }
    case 'unconfirmed':
      // Not retried: the question (unconfirmedQuestion) is the packer's to answer.
      return {
        headline: JOB_STATE_NAMES.unconfirmed,
        reason: reason ?? 'The printer did not confirm this label, so it may have printed',
        detail: [job.answered && answeredBy(job.answered), tries].filter(Boolean).join(', ') || null,
        support,
      };
    case 'voided':
      return {
        headline: JOB_STATE_NAMES.voided,
        reason: job.printedAt ? 'It had already printed' : (job.voidReason ?? null),
        detail: job.voidedAt ? `at ${time(job.voidedAt)}` : null,
        support: null,
      };
    default:
      return { headline: JOB_STATE_NAMES[job.state], reason, detail: tries, support };
  }
}

/** Who answered "Did it print?" about a job, and when, in the station's time zone. */
function answeredBy(given: GivenAnswer): string {
  const by = given.by ? ` by ${given.by.name}` : '';
  return given.answer === 'printed' ? `confirmed${by} at ${time(given.at)}` : `"Print it again"${by} at ${time(given.at)}`;
}

/**
 * What the packer is asked about a label that may have printed (unconfirmed): it is not sent again
 * until they answer, It printed or Print it again (printing.answer-unconfirmed).
 */
export function unconfirmedQuestion(job: PrintJob): string {
  const earlier = job.printAgainAt ? ' It was already printed again once: if two copies are there, keep one and tear up the other.' : '';
  return `Did ${unconfirmedLabel(job)} come out of ${job.printerName}? ${UNSURE_BECAUSE[job.unsureCause ?? 'printer-silent']}, so it is not sent again by itself. Look at the printer: press It printed if it is there, or Print it again if it is not.${earlier}`;
}

/** A label that may have printed, as the question names it. */
export const unconfirmedLabel = (job: PrintJob): string =>
  `${job.title || DOCUMENTS[job.template].name}${job.sscc ? ` (SSCC ${job.sscc})` : ''}`;

/** Why the send was unsure, as the question says it. */
const UNSURE_BECAUSE: Record<UnsureCause, string> = {
  'printer-silent': 'The printer took all of it but did not confirm it',
  'station-stopped': 'The station stopped while sending it',
};

/**
 * What the packer does about a label that may have come out more than once (it was sent again,
 * on a person's "Print it again", after a send that may have printed), or null once nothing is
 * left to do: the job is voided, or its extra copy is recorded as void. The copy is voided only
 * once the label has printed: before that, another send may yet make one. An unconfirmed label
 * is asked about instead (unconfirmedQuestion).
 */
export function duplicateCheck(job: PrintJob): { note: string; voidCopy: boolean } | null {
  if (!job.mayHavePrinted || !job.printAgainAt || job.duplicateVoidedAt) return null;
  if (job.state === 'voided' || job.state === 'unconfirmed') return null;
  const label = `${DOCUMENTS[job.template].name.toLowerCase()}${job.sscc ? ` with SSCC ${job.sscc}` : ''}`;
  if (job.state === 'printed')
    return {
      note: `May have printed twice (a send was not confirmed, and it was printed again): keep one ${label} on the box, tear up any other, then press Void the extra copy.`,
      voidCopy: true,
    };
  return {
    note: `Printed again as asked after a send that may have printed: if both copies come out, keep one ${label} on the box and tear up the other.`,
    voidCopy: false,
  };
}
