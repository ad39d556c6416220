import { useState } from 'react';
import type { StationRuntime } from '../../app/station-runtime';
import { WeightField } from '../weighing/WeightField';

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
  const [grams, setGrams] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);

  async function printNow() {
    setBusy(true);
    try {
      const outcome = await print(needsWeight && grams ? grams : undefined);
      setNeedsWeight(outcome === 'needs-weight');
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {needsWeight && (
        <span className="return-label-weight" role="group" aria-label="Weight of the returning parcel">
          <WeightField
            rt={rt}
            label="Parcel weight (kg)"
            grams={grams}
            onGrams={setGrams}
            ids={{ input: 'return-label-weight', readScale: 'return-label-read-scale', note: 'return-label-scale-note' }}
          />
        </span>
      )}
      <button onClick={() => void printNow()} disabled={busy || (needsWeight && grams === null)} data-testid="print-return-label">
        {busy ? 'Asking the server…' : 'Print return label'}
      </button>
    </>
  );
}
