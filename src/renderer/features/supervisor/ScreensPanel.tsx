import { useCallback, useEffect, useState } from 'react';
import type { ScreenWithOrder } from '../../../shared/contract/index';
import { useStation } from '../../app/station-store';
import { StationCallError, type StationClient } from '../../station-client/index';
import { useStationFormat } from '../../app/station-format';
import { screenName, screenSignOutQuestion } from './screen-words';

/**
 * This station's screens with an order open: one switched off or lost (a flat handheld, a closed
 * browser) holds its order until its session idles out; a supervisor signs it out to free it.
 * Kept in main, so it works offline.
 */
export function ScreensPanel({ client }: { client: StationClient }) {
  const [screens, setScreens] = useState<ScreenWithOrder[] | null>(null);
  const [asking, setAsking] = useState<string | null>(null);
  const say = useStation((s) => s.say);
  const complain = useCallback((err: unknown) => say('error', err instanceof StationCallError ? err.message : String(err)), [say]);
  const load = useCallback(() => client.call('screens.list').then(setScreens, complain), [client, complain]);
  useEffect(() => void load(), [load]);

  async function signOut(s: ScreenWithOrder) {
    try {
      setScreens(await client.call('screens.sign-out', { deviceId: s.deviceId }));
      say('success', `${s.signedIn.name} is signed out at that screen: ${s.orderNumber} can be opened at another screen`, 'success');
    } catch (err) {
      complain(err);
    } finally {
      setAsking(null);
    }
  }

  const shown = screens ?? [];
  return (
    <section data-testid="screens">
      <h3>
        Screens with an order open <span className="count">{shown.length}</span>{' '}
        <button onClick={() => void load()}>Refresh screens</button>
      </h3>
      {shown.length === 0 ? (
        <p className="muted">No screen of this station has an order open.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Screen</th>
              <th>Who</th>
              <th>Order</th>
              <th>Connected</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {shown.map((s) => (
              <ScreenRow key={s.deviceId} s={s} asking={asking === s.deviceId} onAsk={setAsking} onSignOut={signOut} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ScreenRow({
  s,
  asking,
  onAsk,
  onSignOut,
}: {
  s: ScreenWithOrder;
  asking: boolean;
  onAsk: (deviceId: string | null) => void;
  onSignOut: (s: ScreenWithOrder) => Promise<void>;
}) {
  const format = useStationFormat();
  const heard = s.lastHeardAt ? `last heard ${format.time(s.lastHeardAt)}` : 'not heard from since the station started';
  return (
    <tr data-testid="screen" data-connected={s.connected}>
      <td>{screenName(s)}</td>
      <td>{s.signedIn.name}</td>
      <td className="ident">{s.orderNumber}</td>
      <td>{s.connected ? 'Connected now' : `Not connected (${heard})`}</td>
      <td>
        {s.here ? null : asking ? (
          <span role="group" aria-label="Sign that screen out">
            <span>{screenSignOutQuestion(s)}</span>{' '}
            <button className="danger" onClick={() => void onSignOut(s)} data-testid="screen-sign-out-confirm">
              Sign {s.signedIn.name} out there
            </button>
            <button onClick={() => onAsk(null)}>Keep it</button>
          </span>
        ) : (
          <button onClick={() => onAsk(s.deviceId)} data-testid="screen-sign-out">
            Sign out…
          </button>
        )}
      </td>
    </tr>
  );
}
