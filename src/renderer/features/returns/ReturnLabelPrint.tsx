import { useState } from 'react';
import type { StationRuntime } from '../../app/station-runtime';
import { kilogramsText, parseKilograms, scaleProblem } from '../pack/package-weight';

/**
 * Print return label. When the carrier sells the label by weight and the order's parcels were
 * never weighed, the desk asks for the returning parcel's weight (typed, or read from the scale)
 * and prints with it.
 */
export function ReturnLabelPrint({
  rt,
  print,
}: {
  rt: StationRuntime;
  print: (weightGrams?: number) => Promise<'asked' | 'needs-weight'>;
}) {
  const [needsWeight, setNeedsWeight] = useState(false);
  const [text, setText] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const grams = parseKilograms(text);
  const invalid = text.trim() !== '' && grams === null;

  async function printNow() {
    setBusy(true);
    try {
      const outcome = await print(needsWeight && grams ? grams : undefined);
      setNeedsWeight(outcome === 'needs-weight');
    } finally {
      setBusy(false);
    }
  }
  async function readScale() {
    setNote(null);
    try {
      const r = await rt.client.call('scale.read');
      const problem = scaleProblem(r);
      if (problem || r.grams === null) return setNote(problem);
      setText(kilogramsText(r.grams));
      setNote(`Scale: ${r.display}`);
    } catch (err) {
      setNote(err instanceof Error ? err.message : String(err));
    }
  }

  return (
    <>
      {needsWeight && (
        <span className="return-label-weight" role="group" aria-label="Weight of the returning parcel">
          <label className="weight">
            Parcel weight (kg)
            <input
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                setNote(null);
              }}
              inputMode="decimal"
              size={6}
              data-testid="return-label-weight"
              aria-invalid={invalid}
            />
            {invalid && <span className="error-text">kilograms, e.g. 1.25</span>}
          </label>
          <button type="button" onClick={() => void readScale()} data-testid="return-label-read-scale">
            Read scale
          </button>
          {note && (
            <span className="hint-small" role="status">
              {note}
            </span>
          )}
        </span>
      )}
      <button onClick={() => void printNow()} disabled={busy || (needsWeight && grams === null)} data-testid="print-return-label">
        {busy ? 'Asking the server…' : 'Print return label'}
      </button>
    </>
  );
}
