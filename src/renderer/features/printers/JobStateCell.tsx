import type { PrintJob } from '../../../shared/contract/index';
import { describeJob, duplicateCheck } from './job-state';

/**
 * A print-queue row's state: headline, why in words (the technical account as its tooltip, for
 * support), details, and what to do about a possible extra copy while there is something to do.
 */
export function JobStateCell({ job: j }: { job: PrintJob }) {
  const state = describeJob(j);
  const duplicate = duplicateCheck(j);
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
        {duplicate && (
          <span className="job-state__reason" data-testid="may-have-printed">
            {duplicate.note}
          </span>
        )}
      </div>
    </td>
  );
}
