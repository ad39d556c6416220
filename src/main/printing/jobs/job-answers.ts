import type { PrintJob, StationUser } from '../../../shared/contract/index';
import type { UnconfirmedAnswer } from '../../../shared/contract/printing';
import { HandlerError } from '../../../shared/contract/dispatch';
import type { JobAccess } from './job-access';

/** What a person at the station says about a job that may have printed (unconfirmed): nothing else sends it again. */
export function createUnconfirmedAnswers(access: JobAccess) {
  const { queue, find } = access;

  /**
   * A person says whether a label that may have printed did. "It printed": settled as printed, and
   * nothing more is sent. "Print it again": sent once more; two copies with its SSCC may now exist,
   * which the job keeps until the packer records the extra one void (voidDuplicate). The job keeps
   * who answered (`by`, whoever is signed in on the device; who may is checked by the caller) and when.
   */
  async function answerUnconfirmed(jobId: string, answer: UnconfirmedAnswer['answer'], by: StationUser | null = null): Promise<PrintJob> {
    const { job } = find(jobId);
    if (job.state !== 'unconfirmed') {
      // Said twice (a second screen, a second press): the same settlement, nothing sent.
      if (answer === 'printed' && job.state === 'printed') return job;
      const now = job.state === 'voided' ? 'was voided' : job.state === 'printed' ? 'has printed' : 'is being sent again';
      throw new HandlerError('print_job_not_unconfirmed', `${job.title} is not waiting for an answer: it ${now}`, 409);
    }
    const now = new Date().toISOString();
    const answered = { answer, by, at: now };
    if (answer === 'printed') {
      // Printed as the person says: a package's label now ships its package (label-shipments.ts).
      return queue.save({
        ...job,
        state: 'printed',
        answered,
        printedAt: now,
        nextAttemptAt: null,
        lastError: null,
        lastErrorDetail: null,
      });
    }
    await queue.save({ ...job, state: 'queued', answered, printAgainAt: now, duplicateVoidedAt: null, nextAttemptAt: null });
    return access.attemptAndWait(jobId);
  }

  return { answerUnconfirmed };
}

/** A job that may have printed is sent again only on a person's answer. */
export function unanswered(job: PrintJob): HandlerError {
  return new HandlerError(
    'print_job_unconfirmed',
    `${job.title} may have printed on ${job.printerName}: say whether it did (It printed, or Print it again) before it is sent again`,
    409,
  );
}
