import { useEffect, useState } from 'react';
import { StationCallError, type StationClient } from '../../station-client/index';

const message = (err: unknown) => (err instanceof StationCallError || err instanceof Error ? err.message : String(err));
const kg = (grams: number) => `${(grams / 1000).toFixed(2)} kg`;

/** End of day: close out a carrier (a manifest of what shipped with it since the last one) and print it for the driver. */
export function EndOfDay({ client }: { client: StationClient }) {
  const [carriers, setCarriers] = useState<string[]>([]);
  const [carrier, setCarrier] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    client.call('carriers.state').then(
      (s) => {
        const names = [...new Set((s.config?.accounts ?? []).map((a) => a.carrier))];
        setCarriers(names);
        setCarrier((c) => c || names[0] || '');
      },
      () => undefined /* no carriers: the panel says so */,
    );
  }, [client]);
  const closeOut = async () => {
    setBusy(true);
    try {
      const pending = await client.call('manifests.pending', { carrier });
      if (pending.packageCount === 0) return setNote(`Nothing has shipped with ${carrier.toUpperCase()} since the last manifest.`);
      const { manifest, printProblem } = await client.call('manifests.close', { carrier });
      setNote(
        `Manifest ${manifest.number}: ${manifest.packageCount} packages, ${kg(manifest.totalWeightGrams)}. ` +
          (printProblem ? `Not printed: ${printProblem}` : 'Printing for the driver.'),
      );
    } catch (err) {
      setNote(message(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-label="End of day" data-testid="end-of-day">
      <h3>End of day</h3>
      {carriers.length === 0 ? (
        <p className="muted">No carrier accounts are set up for this warehouse.</p>
      ) : (
        <div className="actions">
          <label>
            Carrier
            <select value={carrier} onChange={(e) => setCarrier(e.target.value)} data-testid="manifest-carrier">
              {carriers.map((c) => (
                <option key={c} value={c}>
                  {c.toUpperCase()}
                </option>
              ))}
            </select>
          </label>
          <button onClick={() => void closeOut()} disabled={busy || !carrier} data-testid="close-manifest">
            {busy ? 'Closing out…' : 'Close out and print manifest'}
          </button>
        </div>
      )}
      {note && (
        <p role="status" data-testid="manifest-note">
          {note}
        </p>
      )}
    </section>
  );
}
