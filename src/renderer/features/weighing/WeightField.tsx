import { useEffect, useState } from 'react';
import type { StationRuntime } from '../../app/station-runtime';
import { kilogramsText, parseKilograms, scaleProblem } from './weight-text';

/** The test ids of one weight field: its input, its Read scale button and the scale's note. */
export interface WeightFieldIds {
  input: string;
  readScale: string;
  note: string;
}

/**
 * A parcel's weight in kilograms as the scale shows it, typed or read from the bench scale
 * (Read scale); `onGrams` hears grams, or null while the text is not a weight. Enter leaves the
 * field. When the owner clears the weight (`grams` back to null), the field clears with it.
 */
export function WeightField(props: {
  rt: StationRuntime;
  label: string;
  grams: number | null;
  onGrams: (grams: number | null) => void;
  ids: WeightFieldIds;
}) {
  const { rt, grams, onGrams, ids } = props;
  const [text, setText] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  useEffect(() => {
    if (grams === null && parseKilograms(text) !== null) setText('');
  }, [grams, text]);
  const invalid = text.trim() !== '' && parseKilograms(text) === null;
  // The scale's weight goes into the field; typing stays the fallback.
  const readScale = async () => {
    setReading(true);
    setNote(null);
    try {
      const r = await rt.client.call('scale.read');
      const problem = scaleProblem(r);
      if (problem || r.grams === null) return setNote(problem);
      setText(kilogramsText(r.grams));
      onGrams(r.grams);
      setNote(`Scale: ${r.display}`);
    } catch (err) {
      setNote(err instanceof Error ? err.message : String(err));
    } finally {
      setReading(false);
    }
  };
  return (
    <>
      <label className="weight">
        {props.label}
        <input
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            onGrams(parseKilograms(e.target.value));
            setNote(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') e.currentTarget.blur();
          }}
          inputMode="decimal"
          size={6}
          data-testid={ids.input}
          aria-invalid={invalid}
        />
        {invalid && <span className="error-text">kilograms, e.g. 1.25</span>}
      </label>
      <button type="button" onClick={() => void readScale()} disabled={reading} data-testid={ids.readScale}>
        {reading ? 'Reading scale…' : 'Read scale'}
      </button>
      {note && (
        <span className="hint-small" role="status" data-testid={ids.note}>
          {note}
        </span>
      )}
    </>
  );
}
