import { useCallback, useEffect, useState } from 'react';
import type { SignInLockout } from '../../../shared/contract/index';
import { useStation } from '../../app/station-store';
import { StationCallError, type StationClient } from '../../station-client/index';
import { useStationFormat } from '../../app/station-format';

/** People locked out by wrong PINs, and badge readers locked by unknown badges, at this station: kept here, so it works offline. */
export function SignInLockouts({ client }: { client: StationClient }) {
  const [locks, setLocks] = useState<SignInLockout[] | null>(null);
  const say = useStation((s) => s.say);
  const format = useStationFormat();
  const complain = useCallback((err: unknown) => say('error', err instanceof StationCallError ? err.message : String(err)), [say]);
  const load = useCallback(() => client.call('station.sign-in-lockouts').then(setLocks, complain), [client, complain]);
  useEffect(() => void load(), [load]);

  async function clear(lock: SignInLockout) {
    try {
      setLocks(await client.call('station.clear-sign-in-lockout', { key: lock.key }));
      say('success', `${lock.label} can sign in again`, 'success');
    } catch (err) {
      complain(err);
    }
  }

  const locked = (locks ?? []).filter((l) => l.lockedUntil);
  return (
    <section data-testid="sign-in-lockouts">
      <h3>
        Sign-in lockouts <span className="count">{locked.length}</span> <button onClick={() => void load()}>Refresh lockouts</button>
      </h3>
      {locked.length === 0 ? (
        <p className="muted">Nobody is locked out at this station.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Who</th>
              <th>Why</th>
              <th>Locked until</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {locked.map((l) => (
              <tr key={l.key} data-testid="sign-in-lockout">
                <td>{l.label}</td>
                <td>{l.kind === 'pin' ? 'Wrong PINs' : 'Unknown badges'}</td>
                <td>{format.time(l.lockedUntil!)}</td>
                <td>
                  <button onClick={() => void clear(l)}>Clear</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
