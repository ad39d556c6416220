import { useId, useState, type FormEvent } from 'react';
import type { PrinterConfig } from '../../../shared/contract/index';
import { asksForDpi, draftToPrinter, EMPTY_DRAFT, LANGUAGES, validateDraft, type DraftErrors, type PrinterDraft } from './printer-draft';
import { ConnectionFields, fieldRenderer } from './printer-fields';
import { randomUuid } from '../../../shared/random-uuid';

/**
 * Adds a printer of any kind: ZPL, ESC/POS or PDF, over raw TCP or through an OS (CUPS) queue.
 * Mistakes are shown beside their field once the supervisor tries to add; onAdd reports whether
 * the station took the printer (its errors are shown by the caller), and the form clears if so.
 */
export function AddPrinterForm({
  existingNames,
  onAdd,
}: {
  existingNames: readonly string[];
  onAdd: (printer: PrinterConfig) => Promise<boolean>;
}) {
  const [draft, setDraft] = useState<PrinterDraft>(EMPTY_DRAFT);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const errors: DraftErrors = tried ? validateDraft(draft, existingNames) : {};
  const set = <K extends keyof PrinterDraft>(key: K, value: PrinterDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    if (Object.keys(validateDraft(draft, existingNames)).length > 0) return;
    setBusy(true);
    try {
      if (await onAdd(draftToPrinter(draft, randomUuid()))) {
        setDraft(EMPTY_DRAFT);
        setTried(false);
      }
    } finally {
      setBusy(false);
    }
  }

  const field = fieldRenderer(id, errors);

  return (
    <form onSubmit={submit} className="add-printer" data-testid="add-printer" noValidate>
      <h3>Add a printer</h3>
      {field('name', 'Name', (p) => (
        <input
          {...p}
          name="printerName"
          value={draft.name}
          onChange={(e) => set('name', e.target.value)}
          placeholder="Zebra packing 1"
          maxLength={100}
        />
      ))}
      <div className="field">
        <label htmlFor={`${id}-language`}>Printer type</label>
        <select
          id={`${id}-language`}
          name="printerLanguage"
          value={draft.language}
          onChange={(e) => set('language', e.target.value as PrinterDraft['language'])}
          aria-describedby={`${id}-language-hint`}
        >
          {(Object.keys(LANGUAGES) as PrinterDraft['language'][]).map((l) => (
            <option key={l} value={l}>
              {LANGUAGES[l].label}
            </option>
          ))}
        </select>
        <span className="field__hint" id={`${id}-language-hint`}>
          {LANGUAGES[draft.language].hint}
        </span>
      </div>
      <ConnectionFields id={id} draft={draft} set={set} field={field} />
      {asksForDpi(draft.language) && (
        <div className="field">
          <label htmlFor={`${id}-dpi`}>Resolution</label>
          <select id={`${id}-dpi`} name="printerDpi" value={draft.dpi} onChange={(e) => set('dpi', e.target.value as PrinterDraft['dpi'])}>
            <option value="203">203 dpi (8 dots/mm)</option>
            <option value="300">300 dpi (12 dots/mm)</option>
          </select>
        </div>
      )}
      <div className="add-printer__submit">
        <button type="submit" disabled={busy}>
          Add printer
        </button>
      </div>
    </form>
  );
}
