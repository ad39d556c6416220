import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { StationPeople, StationUser } from '../../../shared/contract/index';
import { useStation } from '../../app/station-store';
import type { StationClient } from '../../station-client/index';
import { StationCallError } from '../../station-client/index';
import { signInWithBadge } from './badge-sign-in';
import { saySignedIn } from './say-signed-in';
import { useStationFormat } from '../../app/station-format';
import { signedOutReason } from './signed-out-reason';

const ROLE_NAMES: Record<StationUser['role'], string> = { packer: 'Packer', returns: 'Returns', supervisor: 'Supervisor', admin: 'Admin' };

/**
 * Who is working here: scan your badge (the scanner is live on this screen), or tap your name
 * and type your PIN. Works offline from the list the station keeps.
 */
export function SignInScreen({ client, people, stationName }: { client: StationClient; people: StationPeople; stationName: string }) {
  const [chosen, setChosen] = useState<StationUser | null>(null);
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const format = useStationFormat();
  const say = useStation((s) => s.say);
  const needsAck = useStation((s) => s.message?.needsAck ?? false);
  const pinField = useRef<HTMLInputElement>(null);
  // A wrong PIN's error takes the focus to its OK button; once acknowledged, the PIN typed again goes into the field.
  useEffect(() => {
    if (chosen && !needsAck) pinField.current?.focus();
  }, [chosen, needsAck]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!chosen) return;
    // A badge scanned into the PIN field (letters, or more digits than a PIN, then the scanner's Enter) is a badge, not a wrong PIN.
    if (!/^\d{4,8}$/.test(pin.trim())) {
      setPin('');
      return signInWithBadge(client, pin.trim());
    }
    setBusy(true);
    try {
      const user = await client.call('station.sign-in', { userId: chosen.id, pin });
      saySignedIn(user.name);
    } catch (err) {
      say('error', err instanceof StationCallError ? err.message : String(err));
      setPin('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="sign-in" data-testid="sign-in">
      <h1>Sign in at {stationName}</h1>
      {people.lastSignOut && (
        <p className="notice" role="status" data-testid="signed-out-reason">
          {signedOutReason(people.lastSignOut)}
        </p>
      )}
      <p className="hint">Scan your badge, or choose your name and enter your PIN.</p>
      {!chosen ? (
        <ul className="people" aria-label="People who work here">
          {people.users.map((u) => (
            <li key={u.id}>
              <button onClick={() => setChosen(u)} data-testid="person">
                {u.name} <span className="muted">{ROLE_NAMES[u.role]}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <form onSubmit={submit} className="pin-form">
          <p>
            <strong>{chosen.name}</strong>{' '}
            <button
              type="button"
              onClick={() => {
                setChosen(null);
                setPin('');
              }}
            >
              Not you?
            </button>
          </p>
          <label>
            PIN
            <input
              type="password"
              inputMode="numeric"
              autoComplete="off"
              value={pin}
              maxLength={128}
              onChange={(e) => setPin(e.target.value)}
              ref={pinField}
              data-testid="pin"
            />
          </label>
          <button type="submit" className="primary" disabled={busy || pin.length < 4}>
            Sign in
          </button>
        </form>
      )}
      {people.refreshedAt && <p className="muted">List of people from {format.dateTime(people.refreshedAt)}</p>}
    </main>
  );
}
