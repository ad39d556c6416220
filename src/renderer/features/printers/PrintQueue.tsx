import { useState } from 'react';
import { labelShippedItsBox, type PrintJob, type PrinterConfig } from '../../../shared/contract/index';
import { useStation } from '../../app/station-store';
import { StationCallError, type StationClient } from '../../station-client/index';
import { DOCUMENTS } from './documents';
import type { UnconfirmedAnswer } from '../../../shared/contract/printing';
import { duplicateCheck, jobLabel, whyNotPrinted } from './job-state';
import { unconfirmedPrompt } from './unconfirmed-prompt';
import { UnconfirmedAnswers } from './UnconfirmedAnswers';
import { askWhetherPrinted } from './ask-whether-printed';
import { JobStateCell } from './JobStateCell';
import { LabelPreview } from './LabelPreview';
import { useStationFormat } from '../../app/station-format';
import { useSingleFlight } from '../../app/use-single-flight';

type JobAction = 'printing.reprint' | 'printing.void' | 'printing.retry-now' | 'printing.void-duplicate';

/**
 * The print queue: every job with who printed it, its state and why it waits, and reprint / retry now /
 * void / preview; for a label that may have printed (unconfirmed), It printed / Print it again, or
 * who answers to whoever may not (UnconfirmedAnswers). Main refuses a packer reprinting or moving someone else's label; the refusal shows as an error message.
 */
export function PrintQueue({ client, printers }: { client: StationClient; printers: readonly PrinterConfig[] }) {
  const jobs = useStation((s) => s.jobs);
  const say = useStation((s) => s.say);
  const people = useStation((s) => s.people);
  const [previewJob, setPreviewJob] = useState<string | null>(null);
  const format = useStationFormat();

  /** The job Void was pressed on: it asks once more before a label stops or is marked unusable. */
  const [confirmingVoid, setConfirmingVoid] = useState<string | null>(null);

  // One action at a time per job: a double-clicked Reprint printed two labels with one SSCC.
  const { run, busy } = useSingleFlight();

  function act(kind: JobAction, job: PrintJob) {
    setConfirmingVoid(null);
    return run(job.id, async () => {
      try {
        const after = await client.call(kind, { jobId: job.id });
        if (after.state === 'unconfirmed') return askWhetherPrinted(after);
        const [kindOfSay, text] = actionDone(kind, job, after);
        say(kindOfSay, text, kindOfSay === 'success' ? 'success' : undefined);
      } catch (err) {
        say('error', err instanceof StationCallError ? err.message : String(err));
      }
    });
  }

  function answer(job: PrintJob, answer: UnconfirmedAnswer['answer']) {
    setConfirmingVoid(null);
    return run(job.id, () => sendAnswer(client, job, answer));
  }

  /** A printer is dead and the packer has a box waiting: send its label to another printer. */
  const moveTo = (job: PrintJob, printerId: string) => run(job.id, () => move(job, printerId));
  async function move(job: PrintJob, printerId: string) {
    try {
      const moved = await client.call('printing.reprint', { jobId: job.id, printerId });
      if (moved.state === 'unconfirmed') return askWhetherPrinted(moved);
      say(
        moved.state === 'printed' ? 'success' : 'info',
        `${job.title || DOCUMENTS[job.template].name} sent to ${moved.printerName}`,
        moved.state === 'printed' ? 'success' : undefined,
      );
    } catch (err) {
      say('error', err instanceof StationCallError ? err.message : String(err));
    }
  }

  return (
    <>
      <h2>Print queue</h2>
      <table data-testid="print-jobs">
        <thead>
          <tr>
            <th>When</th>
            <th>Label</th>
            <th>Printer</th>
            <th>Printed by</th>
            <th>State</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {jobs.map((j: PrintJob) => {
            const prompt = j.state === 'unconfirmed' ? unconfirmedPrompt(j, people) : null;
            return (
              <tr key={j.id} data-state={j.state}>
                <td>{format.when(j.createdAt)}</td>
                <td>{jobLabel(j)}</td>
                <td>{j.printerName}</td>
                {/* A packer reprints or moves only their own labels (reprintRefusal): this says whose each is. */}
                <td data-testid="job-printed-by">{j.printedBy?.name ?? <span className="muted">—</span>}</td>
                <JobStateCell job={j} />
                <td>
                  <fieldset className="row-actions" disabled={busy(j.id)} aria-busy={busy(j.id)}>
                    <button onClick={() => setPreviewJob(previewJob === j.id ? null : j.id)}>Preview</button>{' '}
                    {j.state === 'printed' && !j.relabelled && <button onClick={() => void act('printing.reprint', j)}>Reprint</button>}
                    {j.state === 'retrying' && <button onClick={() => void act('printing.retry-now', j)}>Retry now</button>}
                    {prompt && <UnconfirmedAnswers prompt={prompt} onAnswer={(a) => void answer(j, a)} />}
                    {/* A printed shipping label shipped its box: main refuses to void it, so it is not offered. */}
                    {j.state !== 'voided' && !labelShippedItsBox(j) && confirmingVoid !== j.id && (
                      <button onClick={() => setConfirmingVoid(j.id)}>Void</button>
                    )}
                    {confirmingVoid === j.id && (
                      <span role="group" aria-label={`Void ${jobLabel(j)}?`} data-testid="confirm-void">
                        {voidQuestion(j)}{' '}
                        <button className="danger" onClick={() => void act('printing.void', j)}>
                          Void it
                        </button>{' '}
                        <button onClick={() => setConfirmingVoid(null)}>Keep</button>
                      </span>
                    )}
                    {duplicateCheck(j)?.voidCopy && (
                      <button onClick={() => void act('printing.void-duplicate', j)}>Void the extra copy</button>
                    )}
                    {/* Moving a label that may have printed is printing it again there (main keeps track of the two copies): for whoever may answer for it. */}
                    {(j.state === 'retrying' || j.state === 'queued' || prompt?.mayAnswer) && printers.length > 1 && (
                      <select
                        aria-label={`Print ${j.title} on another printer`}
                        value=""
                        onChange={(e) => e.target.value && void moveTo(j, e.target.value)}
                        data-testid="move-job"
                      >
                        <option value="">{j.state === 'unconfirmed' ? 'Print it again on…' : 'Print on…'}</option>
                        {printers
                          .filter((p) => p.id !== j.printerId)
                          .map((p) => (
                            <option key={p.id} value={p.id}>
                              {p.name}
                            </option>
                          ))}
                      </select>
                    )}
                  </fieldset>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {previewJob && <LabelPreview client={client} request={{ jobId: previewJob }} caption="As sent to the printer" />}
    </>
  );
}

/**
 * The packer says whether a label that may have printed did: settled, or sent once more; they are
 * told what it did. A refusal (someone else's label: answerRefusal) replaces the question, with the error sound.
 */
export async function sendAnswer(client: StationClient, job: PrintJob, answer: UnconfirmedAnswer['answer']): Promise<void> {
  const { say } = useStation.getState();
  try {
    const after = await client.call('printing.answer-unconfirmed', { jobId: job.id, answer });
    if (after.state === 'unconfirmed') return askWhetherPrinted(after);
    const [kindOfSay, text] = answered(answer, job, after);
    say(kindOfSay, text, kindOfSay === 'success' ? 'success' : undefined);
  } catch (err) {
    say('error', err instanceof StationCallError ? err.message : String(err));
  }
}

/** What Void asks before a label stops or is marked unusable. */
function voidQuestion(job: PrintJob): string {
  if (job.state === 'printed') return 'It has printed: mark it unusable?';
  return job.state === 'unconfirmed' ? 'It may have printed: mark it unusable?' : 'It will not print.';
}

/** What the packer is told once an action on a job went through. */
export function actionDone(kind: JobAction, before: PrintJob, after: PrintJob): ['success' | 'info', string] {
  const label = jobLabel(before);
  const printed = after.state === 'printed';
  switch (kind) {
    case 'printing.reprint':
    case 'printing.retry-now':
      return printed
        ? ['success', `${label}: printed on ${after.printerName}`]
        : ['info', `${label}: waiting for ${after.printerName} (${whyNotPrinted(after)})`];
    case 'printing.void':
      return ['info', `Voided: ${label}`];
    case 'printing.void-duplicate':
      return ['info', `${label}: its extra copy is recorded as void`];
  }
}

/** What the packer is told once their answer about a label that may have printed went through. */
export function answered(answer: UnconfirmedAnswer['answer'], before: PrintJob, after: PrintJob): ['success' | 'info', string] {
  const label = jobLabel(before);
  if (answer === 'printed') return ['info', `${label}: recorded as printed; it is not sent again`];
  return after.state === 'printed'
    ? ['success', `${label}: printed again on ${after.printerName}`]
    : ['info', `${label}: waiting for ${after.printerName} (${whyNotPrinted(after)})`];
}
