import { useState } from 'react';
import type { PrintJob, PrinterConfig } from '../../../shared/contract/index';
import { useStation } from '../../app/station-store';
import { StationCallError, type StationClient } from '../../station-client/index';
import { DOCUMENTS } from './documents';
import { describeJob, jobLabel } from './job-state';
import { LabelPreview } from './LabelPreview';
import { useStationFormat } from '../../app/station-format';

type JobAction = 'printing.reprint' | 'printing.void' | 'printing.retry-now' | 'printing.void-duplicate';

/**
 * The print queue: every job with who printed it, its state and why it waits, and reprint / retry now /
 * void / preview. Main refuses a packer reprinting or moving someone else's label; the refusal shows as an error message.
 */
export function PrintQueue({ client, printers }: { client: StationClient; printers: readonly PrinterConfig[] }) {
  const jobs = useStation((s) => s.jobs);
  const say = useStation((s) => s.say);
  const [previewJob, setPreviewJob] = useState<string | null>(null);
  const format = useStationFormat();

  async function act(kind: JobAction, jobId: string) {
    try {
      await client.call(kind, { jobId });
    } catch (err) {
      say('error', err instanceof StationCallError ? err.message : String(err));
    }
  }

  /** A printer is dead and the packer has a box waiting: send its label to another printer. */
  async function moveTo(job: PrintJob, printerId: string) {
    try {
      const moved = await client.call('printing.reprint', { jobId: job.id, printerId });
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
            const state = describeJob(j);
            return (
              <tr key={j.id} data-state={j.state}>
                <td>{format.when(j.createdAt)}</td>
                <td>{jobLabel(j)}</td>
                <td>{j.printerName}</td>
                {/* A packer reprints or moves only their own labels (reprintRefusal): this says whose each is. */}
                <td data-testid="job-printed-by">{j.printedBy?.name ?? <span className="muted">—</span>}</td>
                <td data-testid="job-state">
                  <div className="job-state">
                    <span className={`job-state__badge job-state__badge--${j.state}`}>{state.headline}</span>
                    {state.reason && <span className="job-state__reason">{state.reason}</span>}
                    {state.detail && <span className="job-state__detail">{state.detail}</span>}
                    {j.mayHavePrinted && (
                      <span className="job-state__reason" data-testid="may-have-printed">
                        {j.duplicateVoidedAt
                          ? 'Extra copy voided'
                          : `May have printed twice: the station stopped while sending it (${j.attempts} tries). Look for a second ${DOCUMENTS[j.template].name.toLowerCase()}${j.sscc ? ` with SSCC ${j.sscc}` : ''} and void it.`}
                      </span>
                    )}
                  </div>
                </td>
                <td>
                  <button onClick={() => setPreviewJob(previewJob === j.id ? null : j.id)}>Preview</button>{' '}
                  {j.state === 'printed' && <button onClick={() => void act('printing.reprint', j.id)}>Reprint</button>}
                  {j.state === 'retrying' && <button onClick={() => void act('printing.retry-now', j.id)}>Retry now</button>}
                  {j.state !== 'voided' && <button onClick={() => void act('printing.void', j.id)}>Void</button>}
                  {j.mayHavePrinted && !j.duplicateVoidedAt && (
                    <button onClick={() => void act('printing.void-duplicate', j.id)}>Void the extra copy</button>
                  )}
                  {(j.state === 'retrying' || j.state === 'queued') && printers.length > 1 && (
                    <select
                      aria-label={`Print ${j.title} on another printer`}
                      value=""
                      onChange={(e) => e.target.value && void moveTo(j, e.target.value)}
                      data-testid="move-job"
                    >
                      <option value="">Print on…</option>
                      {printers
                        .filter((p) => p.id !== j.printerId)
                        .map((p) => (
                          <option key={p.id} value={p.id}>
                            {p.name}
                          </option>
                        ))}
                    </select>
                  )}
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
