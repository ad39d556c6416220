import { useState, type FormEvent } from 'react';
import { useStation } from '../../app/station-store';
import { useShallow } from 'zustand/react/shallow';
import { StationCallError, type StationClient } from '../../station-client/index';

/**
 * Shown while the server refuses this station as revoked: it says so, says that its unsent
 * events are kept here (nothing is cleared), and takes the new enrollment code an admin gives
 * to re-enrol it under the same station.
 */
export function RevokedPanel({ client }: { client: StationClient }) {
  const { sync, identity, setIdentity } = useStation(
    useShallow((s) => ({ sync: s.sync, identity: s.identity, setIdentity: s.setIdentity })),
  );
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const revoked = sync.connection.revoked;
  if (!revoked || !identity?.serverUrl) return null;
  const serverUrl = identity.serverUrl;

  async function reenrol(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setIdentity(await client.call('station.enroll', { serverUrl, code }));
      setCode('');
    } catch (err) {
      setError(err instanceof StationCallError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="revoked" role="alert" data-testid="station-revoked">
      <h2>This station was revoked: it no longer syncs</h2>
      <p>{revoked.detail}</p>
      <p data-testid="revoked-kept-events">
        {sync.pendingEvents} unsent {sync.pendingEvents === 1 ? 'event is' : 'events are'} kept on this station for an admin to recover.
        Nothing here is deleted.
      </p>
      <form onSubmit={reenrol}>
        <label>
          New enrollment code from an admin
          <input name="reenrolCode" value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" required />
        </label>
        <button type="submit" disabled={busy}>
          {busy ? 'Re-enrolling…' : 'Re-enrol this station'}
        </button>
        {error && <p className="error-text">{error}</p>}
      </form>
    </section>
  );
}
