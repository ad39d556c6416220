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

/**
 * Why a printer did not take a job, in a supervisor's words. The queue's messages come from the
 * transports (tcp-raw, cups-lp) and the queue; the original stays available as detail.
 */
const REASONS: [RegExp, string][] = [
  [/refused the connection|ECONNREFUSED/i, 'Printer is off, or nothing listens on that port'],
  [/host not found|ENOTFOUND|EAI_AGAIN/i, 'Printer address not found (check the host name)'],
  [/unreachable|EHOSTUNREACH|ENETUNREACH|did not accept the connection in time|ETIMEDOUT/i, 'Printer cannot be reached on the network'],
  [/stopped taking data/i, 'Printer stopped taking data (paper out, head open or paused?)'],
  [/did not confirm the end of the job/i, 'Printer did not confirm it received the whole job'],
  [
    /dropped the connection|closed the connection|ECONNRESET|EPIPE|closed during|connection closed while sending/i,
    'Printer dropped the connection mid-job',
  ],
  [/interrupted by a restart/i, 'Interrupted when the station restarted'],
  [/no longer configured/i, 'Printer was removed from this station: void the job or reprint it elsewhere'],
  [/not found: is CUPS installed/i, 'CUPS is not installed on this station'],
  [/lp(stat)? failed|lp did not report/i, 'The OS print queue refused the job'],
  [/did not finish within/i, 'The OS print queue did not answer in time'],
];

export function readableReason(lastError: string): string {
  return REASONS.find(([pattern]) => pattern.test(lastError))?.[1] ?? lastError;
}

/** What a job prints, as the queue lists it. A reprint's title already starts "Reprint: " (job-actions.ts): said once. */
export function jobLabel(job: PrintJob): string {
  return `${job.title || DOCUMENTS[job.template].name}${job.sscc ? ` · ${job.sscc}` : ''}`;
}

/** In the station's locale and time zone (the print queue re-renders when they change). */
const time = (iso: string) => currentStationFormat().time(iso);

/** A job's state as one headline and the details under it. */
export function describeJob(job: PrintJob): { headline: string; reason: string | null; detail: string | null } {
  const tries = job.attempts > 1 ? `${job.attempts} tries` : null;
  const raw = job.lastError;
  const reason = raw ? readableReason(raw) : null;
  const detail = raw && reason !== raw ? raw : null;
  switch (job.state) {
    case 'printed':
      return {
        headline: JOB_STATE_NAMES.printed,
        reason: null,
        detail: [job.printedAt && `at ${time(job.printedAt)}`, tries].filter(Boolean).join(', ') || null,
      };
    case 'retrying': {
      const next = job.nextAttemptAt ? `next try ${time(job.nextAttemptAt)}` : null;
      // A job held back behind another job that failed on the same printer has no error of its own.
      return {
        headline: JOB_STATE_NAMES.retrying,
        reason: reason ?? 'Waiting for the printer (an earlier job failed on it)',
        detail: [detail, next, tries].filter(Boolean).join(' · ') || null,
      };
    }
    case 'voided':
      return {
        headline: JOB_STATE_NAMES.voided,
        reason: job.printedAt ? 'It had already printed' : (job.voidReason ?? null),
        detail: job.voidedAt ? `at ${time(job.voidedAt)}` : null,
      };
    default:
      return { headline: JOB_STATE_NAMES[job.state], reason, detail: [detail, tries].filter(Boolean).join(' · ') || null };
  }
}
