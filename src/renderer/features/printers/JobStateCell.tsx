import type { PrintJob } from '../../../shared/contract/index';
import { DOCUMENTS } from './documents';
import { describeJob } from './job-state';

/** A print-queue row's state: headline, why in words (the technical account as its tooltip, for support), details. */
export function JobStateCell({ job: j }: { job: PrintJob }) {
  const state = describeJob(j);
  return (
    <td data-testid="job-state">
      <div className="job-state">
        <span className={`job-state__badge job-state__badge--${j.state}`}>{state.headline}</span>
        {state.reason && (
          <span className="job-state__reason" title={state.support ?? undefined}>
            {state.reason}
          </span>
        )}
        {state.detail && <span className="job-state__detail">{state.detail}</span>}
        {j.mayHavePrinted && (
          <span className="job-state__reason" data-testid="may-have-printed">
            {j.duplicateVoidedAt
              ? 'Extra copy voided'
              : `May have printed twice: a send was cut off after the printer may have had it (${j.attempts} tries). Look for a second ${DOCUMENTS[j.template].name.toLowerCase()}${j.sscc ? ` with SSCC ${j.sscc}` : ''} and void it.`}
          </span>
        )}
      </div>
    </td>
  );
}
