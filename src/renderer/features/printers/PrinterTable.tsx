import { useState } from 'react';
import type { PrinterConfig, StationSettings } from '../../../shared/contract/index';
import type { StationClient } from '../../station-client/index';
import { documentsOf, listNames } from './documents';
import { describeConnection, LANGUAGES, asksForDpi } from './printer-draft';
import { PrinterStatusCheck } from './PrinterStatusCheck';

/** The station's printers: what each is, what it prints, and check / test print / remove (remove: for whoever may change settings). */
export function PrinterTable({
  client,
  settings,
  onTestPrint,
  onRemove,
}: {
  client: StationClient;
  settings: StationSettings;
  onTestPrint: (printer: PrinterConfig) => void;
  /** Absent: the person here may not remove printers. */
  onRemove?: (printer: PrinterConfig) => void;
}) {
  /** The printer Remove was pressed on: removing one unroutes its documents, so it asks once more. */
  const [confirming, setConfirming] = useState<string | null>(null);
  return (
    <table data-testid="printers" className="printer-table">
      <thead>
        <tr>
          <th>Name</th>
          <th>Type</th>
          <th>Connection</th>
          <th>Prints</th>
          <th>Status</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {settings.printers.length === 0 && (
          <tr>
            <td colSpan={6} className="muted">
              {onRemove ? 'No printers yet: add one below.' : 'No printers yet: a supervisor adds them.'}
            </td>
          </tr>
        )}
        {settings.printers.map((p) => {
          const prints = documentsOf(settings.routes, p.id);
          return (
            <tr key={p.id} data-printer-name={p.name}>
              <td>{p.name}</td>
              <td>
                {LANGUAGES[p.language].short}
                {asksForDpi(p.language) ? `, ${p.dpi} dpi` : ''}
              </td>
              <td>{describeConnection(p.connection)}</td>
              <td data-testid="printer-documents">{prints.length ? listNames(prints) : <span className="muted">nothing yet</span>}</td>
              <td>
                <PrinterStatusCheck client={client} printer={p} />
              </td>
              <td className="printer-table__actions">
                <button type="button" onClick={() => onTestPrint(p)} aria-label={`Test print on ${p.name}`}>
                  Test print
                </button>{' '}
                {onRemove && confirming !== p.id && (
                  <button type="button" onClick={() => setConfirming(p.id)} aria-label={`Remove ${p.name}`}>
                    Remove
                  </button>
                )}
                {onRemove && confirming === p.id && (
                  <span role="group" aria-label={`Remove ${p.name}?`} data-testid="confirm-remove">
                    {prints.length ? `It prints ${listNames(prints)}: remove it?` : 'Remove it?'}{' '}
                    <button
                      type="button"
                      className="danger"
                      onClick={() => {
                        setConfirming(null);
                        onRemove(p);
                      }}
                    >
                      Remove {p.name}
                    </button>{' '}
                    <button type="button" onClick={() => setConfirming(null)}>
                      Keep
                    </button>
                  </span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
