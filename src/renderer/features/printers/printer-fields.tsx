import type { ReactNode } from 'react';
import { CONNECTIONS, type DraftErrors, type PrinterDraft } from './printer-draft';

type SetDraft = <K extends keyof PrinterDraft>(key: K, value: PrinterDraft[K]) => void;

/** A labelled form field that shows its hint and, once tried, its error beside the input. */
export function fieldRenderer(formId: string, errors: DraftErrors) {
  return (
    name: keyof DraftErrors,
    label: string,
    input: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode,
    hint?: string,
  ) => {
    const inputId = `${formId}-${name}`;
    const error = errors[name];
    const describedBy = [error && `${inputId}-error`, hint && `${inputId}-hint`].filter(Boolean).join(' ') || undefined;
    return (
      <div className={`field${error ? ' field--invalid' : ''}`}>
        <label htmlFor={inputId}>{label}</label>
        {input({ id: inputId, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy })}
        {hint && (
          <span className="field__hint" id={`${inputId}-hint`}>
            {hint}
          </span>
        )}
        {error && (
          <span className="field__error" id={`${inputId}-error`} data-testid={`error-${name}`}>
            {error}
          </span>
        )}
      </div>
    );
  };
}
export type FieldRenderer = ReturnType<typeof fieldRenderer>;

/** How the station reaches the printer: raw TCP (host and port) or an OS print queue. */
export function ConnectionFields({ id, draft, set, field }: { id: string; draft: PrinterDraft; set: SetDraft; field: FieldRenderer }) {
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-connection`}>Connection</label>
        <select
          id={`${id}-connection`}
          name="printerConnection"
          value={draft.connection}
          onChange={(e) => set('connection', e.target.value as PrinterDraft['connection'])}
        >
          {(Object.keys(CONNECTIONS) as PrinterDraft['connection'][]).map((c) => (
            <option key={c} value={c}>
              {CONNECTIONS[c]}
            </option>
          ))}
        </select>
      </div>
      {draft.connection === 'tcp' ? (
        <>
          {field('host', 'Host', (p) => (
            <input
              {...p}
              name="printerHost"
              value={draft.host}
              onChange={(e) => set('host', e.target.value)}
              placeholder="192.168.1.50"
              autoComplete="off"
              spellCheck={false}
            />
          ))}
          {field('port', 'Port', (p) => (
            <input
              {...p}
              name="printerPort"
              className="field__port"
              value={draft.port}
              onChange={(e) => set('port', e.target.value)}
              inputMode="numeric"
            />
          ))}
        </>
      ) : (
        field(
          'queue',
          'Queue name',
          (p) => (
            <input
              {...p}
              name="printerQueue"
              value={draft.queue}
              onChange={(e) => set('queue', e.target.value)}
              placeholder="Zebra_ZD421"
              autoComplete="off"
              spellCheck={false}
            />
          ),
          'As `lpstat -p` lists it on this station.',
        )
      )}
    </>
  );
}
