import { useState, type FormEvent } from 'react';
import type { StationIdentity } from '../../../shared/contract/index';
import type { StationClient } from '../../station-client/index';
import { StationCallError } from '../../station-client/index';

/** First start: trade the one-time code an admin gave you for this station's credential. */
export function EnrollScreen({
  client,
  identity,
  onEnrolled,
}: {
  client: StationClient;
  identity: StationIdentity;
  onEnrolled: (i: StationIdentity) => void;
}) {
  const [serverUrl, setServerUrl] = useState(identity.serverUrl ?? '');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onEnrolled(await client.call('station.enroll', { serverUrl, code }));
    } catch (err) {
      setError(err instanceof StationCallError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <main className="enroll">
      <h1>Set up this station</h1>
      <p>Ask an admin for an enrollment code for this station, then enter it with the server address.</p>
      <form onSubmit={submit}>
        <label>
          Server address
          <input
            name="serverUrl"
            value={serverUrl}
            onChange={(e) => setServerUrl(e.target.value)}
            placeholder="https://orders.example.com"
            required
          />
        </label>
        <label>
          Enrollment code
          <input name="code" value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" required />
        </label>
        <button type="submit" disabled={busy}>
          {busy ? 'Enrolling…' : 'Enroll station'}
        </button>
        {error && (
          <p role="alert" className="error-text">
            {error}
          </p>
        )}
      </form>
    </main>
  );
}
