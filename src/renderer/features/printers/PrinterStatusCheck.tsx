import { useState } from 'react';
import type { PrinterConfig, PrinterStatus } from '../../../shared/contract/index';
import { useStation } from '../../app/station-store';
import { StationCallError, type StationClient } from '../../station-client/index';
import { summariseStatus } from './printer-status-text';
import { useStationFormat } from '../../app/station-format';

/** A "Check" button that asks the printer how it is (printing.printer-status) and shows the answer beside it. */
export function PrinterStatusCheck({ client, printer }: { client: StationClient; printer: PrinterConfig }) {
  const say = useStation((s) => s.say);
  const [checking, setChecking] = useState(false);
  const [status, setStatus] = useState<PrinterStatus | null>(null);
  const format = useStationFormat();

  async function check() {
    setChecking(true);
    setStatus(null);
    try {
      setStatus(await client.call('printing.printer-status', { printerId: printer.id }));
    } catch (err) {
      say('error', `Could not check ${printer.name}: ${err instanceof StationCallError ? err.message : String(err)}`);
    } finally {
      setChecking(false);
    }
  }

  const summary = status && summariseStatus(status);
  return (
    <div className="printer-check">
      <button type="button" onClick={() => void check()} disabled={checking} aria-label={`Check ${printer.name}`}>
        {checking ? 'Checking…' : 'Check'}
      </button>
      <output
        className={`printer-status${summary ? ` printer-status--${summary.tone}` : ''}`}
        data-testid="printer-status"
        data-tone={summary?.tone}
        aria-live="polite"
      >
        {summary && (
          <>
            <strong>{summary.headline}</strong>
            {summary.detail && (
              <span className="printer-status__detail" title={summary.support}>
                {summary.detail}
              </span>
            )}
            <time className="printer-status__time" dateTime={status.checkedAt}>
              checked {format.time(status.checkedAt)}
            </time>
          </>
        )}
      </output>
    </div>
  );
}
