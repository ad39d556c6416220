import { useStationSettings } from '../../app/use-station-settings';
import { useState } from 'react';
import type { PrintJob } from '../../../shared/contract/index';
import type { StationRuntime } from '../../app/station-runtime';
import { useStation } from '../../app/station-store';
import { StationCallError } from '../../station-client/index';
import type { UnconfirmedAnswer } from '../../../shared/contract/printing';
import { describeJob, whyNotPrinted } from '../printers/job-state';
import { CHECKING_WHO_ANSWERS, unconfirmedPrompt } from '../printers/unconfirmed-prompt';
import { askWhetherPrinted } from '../printers/ask-whether-printed';

const WAITING: readonly PrintJob['state'][] = ['queued', 'sending', 'retrying', 'unconfirmed'];

/** The label of package `packageId` when it is waiting for its printer, or for the packer to say whether it printed (not printed, not voided). */
export function waitingLabelOf(jobs: readonly PrintJob[], packageId: string): PrintJob | undefined {
  const job = jobs.find((j) => j.purpose?.kind === 'ship-package' && j.purpose.packageId === packageId && j.state !== 'voided');
  return job && WAITING.includes(job.state) ? job : undefined;
}

/**
 * A package whose label has not printed: the packer can send the same label again (same SSCC) or
 * move it to another printer. Never a new label: it would carry a second SSCC for the same box.
 * The package ships when the label prints, wherever it prints. A label that may have printed
 * (unconfirmed) is asked about instead: It printed (the package ships), or Print it again; or,
 * to someone who may not answer for it, who can.
 */
export function LabelWaiting({ rt, packageId }: { rt: StationRuntime; packageId: string }) {
  const job = useStation((s) => waitingLabelOf(s.jobs, packageId));
  const say = useStation((s) => s.say);
  const people = useStation((s) => s.people);
  const printers = useStationSettings(rt.client).settings?.printers ?? [];
  const [busy, setBusy] = useState(false);
  if (!job) return null;

  async function send(printerId?: string) {
    setBusy(true);
    try {
      const sent = await rt.client.call('printing.reprint', printerId ? { jobId: job!.id, printerId } : { jobId: job!.id });
      if (sent.state === 'unconfirmed') askWhetherPrinted(sent);
      else if (sent.state !== 'printed')
        say('error', `${sent.printerName} has not taken the label either (${whyNotPrinted(sent)}). It keeps retrying.`);
    } catch (err) {
      say('error', err instanceof StationCallError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  /** The label may have printed: the packer says whether it did. "It printed" ships the package (label-shipments.ts). */
  async function answer(answer: UnconfirmedAnswer['answer']) {
    setBusy(true);
    try {
      const after = await rt.client.call('printing.answer-unconfirmed', { jobId: job!.id, answer });
      if (after.state === 'unconfirmed') askWhetherPrinted(after);
      else if (after.state !== 'printed')
        say('error', `${after.printerName} has not taken the label (${whyNotPrinted(after)}). It keeps retrying.`);
    } catch (err) {
      say('error', err instanceof StationCallError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  const others = printers.filter((p) => p.id !== job.printerId);
  const prompt = job.state === 'unconfirmed' ? unconfirmedPrompt(job, people) : null;
  // Someone else's label: they are told who answers; buttons would only be refused (answerRefusal).
  // Nor before main says who is signed in here: the question, and no answers yet.
  if (prompt && !prompt.mayAnswer)
    return (
      <div className="actions label-waiting" data-testid="label-unconfirmed" role="group" aria-label="Did the label print?">
        <span>{prompt.text}</span>
        {prompt.checking && <span className="muted">{CHECKING_WHO_ANSWERS}</span>}
      </div>
    );
  if (prompt)
    return (
      <div className="actions label-waiting" data-testid="label-unconfirmed" role="group" aria-label="Did the label print?">
        <span>{prompt.text}</span>
        <button onClick={() => void answer('printed')} disabled={busy} data-testid="label-printed">
          It printed
        </button>
        <button onClick={() => void answer('print-again')} disabled={busy} data-testid="label-print-again">
          Print it again
        </button>
        <OtherPrinters
          printers={others}
          label="Print the label again on another printer"
          prompt="Print it again on…"
          busy={busy}
          onPick={send}
        />
      </div>
    );
  return (
    <div className="actions label-waiting" data-testid="label-waiting" role="group" aria-label="Label waiting for its printer">
      <span>
        Label{job.sscc ? ` (SSCC ${job.sscc})` : ''} waiting for {job.printerName}: {describeJob(job).reason ?? 'not printed yet'}
      </span>
      <button onClick={() => void send()} disabled={busy} data-testid="reprint-label">
        Reprint (same SSCC)
      </button>
      <OtherPrinters
        printers={others}
        label="Move the label to another printer"
        prompt="Move to…"
        busy={busy}
        onPick={(id) => void send(id)}
      />
    </div>
  );
}

/** The station's other printers, to send the label to one of them instead; nothing when there is none. */
function OtherPrinters({
  printers,
  label,
  prompt,
  busy,
  onPick,
}: {
  printers: readonly { id: string; name: string }[];
  label: string;
  prompt: string;
  busy: boolean;
  onPick: (printerId: string) => void;
}) {
  if (!printers.length) return null;
  return (
    <select aria-label={label} value="" disabled={busy} onChange={(e) => e.target.value && onPick(e.target.value)} data-testid="move-label">
      <option value="">{prompt}</option>
      {printers.map((p) => (
        <option key={p.id} value={p.id}>
          {p.name}
        </option>
      ))}
    </select>
  );
}
