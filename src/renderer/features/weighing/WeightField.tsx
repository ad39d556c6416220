import { useStationSettings } from '../../app/use-station-settings';
import { useEffect, useState } from 'react';
import type { StationRuntime } from '../../app/station-runtime';
import { kilogramsText, parseKilograms, scaleProblem } from './weight-text';
import { MAX_PACKAGE_GRAMS } from '../../../shared/domain/package-weight';

/** The test ids of one weight field: its input, its Read scale button and the scale's note. */
export interface WeightFieldIds {
  input: string;
  readScale: string;
  note: string;
}

/**
 * A parcel's weight in kilograms as the scale shows it, typed or read from the bench scale
 * (Read scale); `onGrams` hears grams, or null with the text while it is not a weight. Enter
 * leaves the field. When the owner clears the weight (`grams` back to null), the field clears with
 * it; an owner that keeps the unreadable text (`unreadable`) clears that too by setting it to null.
 * A weight (or unreadable text) the owner sets while the field shows otherwise is shown instead.
 */
export function WeightField(props: {
  rt: StationRuntime;
  label: string;
  grams: number | null;
  onGrams: (grams: number | null, unreadable: string | null) => void;
  unreadable?: string | null;
  ids: WeightFieldIds;
}) {
  const { rt, grams, onGrams, ids, unreadable } = props;
  const [text, setText] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  // Read scale only where a scale is set up (the station's settings); elsewhere the weight is typed.
  const hasScale = !!useStationSettings(rt.client).settings?.scale;
  const invalid = text.trim() !== '' && parseKilograms(text) === null;
  useEffect(() => {
    if (grams === null && (parseKilograms(text) !== null || (invalid && unreadable === null))) setText('');
    // A weight the owner sets itself (kept across a reload: remembered-weight.ts) is shown as typed.
    else if (grams !== null && parseKilograms(text) !== grams) setText(kilogramsText(grams));
    else if (grams === null && unreadable && text.trim() === '') setText(unreadable);
  }, [grams, text, invalid, unreadable]);
  // The scale's weight goes into the field; typing stays the fallback.
  const readScale = async () => {
    setReading(true);
    setNote(null);
    try {
      const r = await rt.client.call('scale.read');
      const problem = scaleProblem(r);
      if (problem || r.grams === null) return setNote(problem);
      setText(kilogramsText(r.grams));
      onGrams(r.grams, null);
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
            const grams = parseKilograms(e.target.value);
            setText(e.target.value);
            onGrams(grams, grams === null && e.target.value.trim() !== '' ? e.target.value.trim() : null);
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
        {invalid && <span className="error-text">kilograms up to {MAX_PACKAGE_GRAMS / 1000}, e.g. 1.25</span>}
      </label>
      {hasScale && (
        <button type="button" onClick={() => void readScale()} disabled={reading} data-testid={ids.readScale}>
          {reading ? 'Reading scale…' : 'Read scale'}
        </button>
      )}
      {note && (
        <span className="hint-small" role="status" data-testid={ids.note}>
          {note}
        </span>
      )}
    </>
  );
}
