import type { PrintJob, PrintJobState } from '../../../shared/contract/index';
import { currentStationFormat } from '../../app/station-format';
import { DOCUMENTS } from './documents';

export const JOB_STATE_NAMES: Record<PrintJobState, string> = {
  queued: 'Queued',
  sending: 'Sending…',
  printed: 'Printed',
  retrying: 'Waiting to retry',
  voided: 'Voided',
};

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
    case 'printed':
      return {
        headline: JOB_STATE_NAMES.printed,
        reason: null,
        support: null,
        detail: [job.printedAt && `at ${time(job.printedAt)}`, tries].filter(Boolean).join(', ') || null,
      };
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
