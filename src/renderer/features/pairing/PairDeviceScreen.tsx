import { useState, type FormEvent } from 'react';
import { playSound } from '../../feedback/sounds';
import { ScreenName } from '../../../shared/contract/index';
import { StationCallError, type StationClient } from '../../station-client/index';

/**
 * A handheld or a browser on the warehouse network opening the station for the first time: it
 * becomes a device of the station with the one-time code shown there (Supervisor screen, or the
 * station host's console).
 */
export function PairDeviceScreen({ client, reason, onPaired }: { client: StationClient; reason: string; onPaired: () => void }) {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      await client.pair(code, name);
      onPaired();
    } catch (err) {
      setError(err instanceof StationCallError ? err.message : String(err));
      playSound('error');
      setCode('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="sign-in" data-testid="pair-device">
      <h1>Pair this device with the station</h1>
      <p className="hint">{reason}</p>
      <p className="hint">
        A supervisor finds the code on the station's Supervisor screen (Pair a handheld). A name tells this screen apart on the supervisor's
        list; without one it is named by its browser and system.
      </p>
      <form onSubmit={submit} className="pin-form">
        <label>
          Pairing code
          <input
            value={code}
            onChange={(e) => setCode(e.target.value.toUpperCase().slice(0, 12))}
            autoComplete="off"
            autoFocus
            data-testid="pairing-code-input"
          />
        </label>
        <label>
          Name this screen <span className="hint">(optional)</span>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={ScreenName.maxLength ?? undefined}
            placeholder="Handheld 3, Returns bench…"
            autoComplete="off"
            data-testid="screen-name-input"
          />
        </label>
        <button type="submit" className="primary" disabled={busy || code.replace(/[^A-Z0-9]/g, '').length < 8}>
          Pair
        </button>
      </form>
      {error && (
        <p className="error" role="alert" data-testid="pairing-error">
          {error}
        </p>
      )}
    </main>
  );
}
