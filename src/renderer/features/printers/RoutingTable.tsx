import { useId } from 'react';
import type { StationSettings } from '../../../shared/contract/index';
import type { LabelTemplate } from '../../../shared/labels/label-data';
import { DOCUMENTS, ROUTED_DOCUMENTS, routeWarning, unroutedText } from './documents';

/** "Which printer prints what": one row per document the station prints, one printer (or none) each. */
export function RoutingTable({
  settings,
  saving,
  onRoute,
}: {
  settings: StationSettings;
  /** The document whose route is being saved, if any. */
  saving: LabelTemplate | null;
  onRoute: (template: LabelTemplate, printerId: string | null) => void;
}) {
  const headingId = useId();
  return (
    <section className="routing" aria-labelledby={headingId}>
      <h3 id={headingId}>Which printer prints what</h3>
      {settings.printers.length === 0 && <p className="muted">Add a printer to choose what it prints.</p>}
      <table data-testid="routes">
        <thead>
          <tr>
            <th>Document</th>
            <th>Printer</th>
          </tr>
        </thead>
        <tbody>
          {ROUTED_DOCUMENTS.map((template) => {
            const doc = DOCUMENTS[template];
            const routed = settings.routes[template] ?? '';
            const known = routed === '' || settings.printers.some((p) => p.id === routed);
            const warning = routeWarning(settings, template);
            return (
              <tr key={template} data-template={template} className={warning ? 'routing__row--warn' : undefined}>
                <th scope="row">
                  {doc.name}
                  <span className="routing__hint">{doc.hint}</span>
                </th>
                <td>
                  <select
                    aria-label={`Printer for ${doc.name}`}
                    value={routed}
                    disabled={saving !== null}
                    onChange={(e) => onRoute(template, e.target.value || null)}
                  >
                    <option value="">{unroutedText(template)}</option>
                    {!known && <option value={routed}>Removed printer</option>}
                    {settings.printers.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name}
                      </option>
                    ))}
                  </select>
                  {saving === template && <span className="muted"> saving…</span>}
                  {warning && (
                    <p className="routing__warning" role="note">
                      {warning}
                    </p>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
