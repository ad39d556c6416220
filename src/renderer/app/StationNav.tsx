import { useStation } from './station-store';
import { useShallow } from 'zustand/react/shallow';

interface StationNavProps {
  /** The warehouse picks before packing (its bins are here). */
  picking: boolean;
  supervising: boolean;
  /** Who is signed in; null while the station works as itself (no people set up yet). */
  signedInName: string | null;
  stationName: string;
  onSignOut: () => void;
}

/** The station's screens, and who is working at it. */
export function StationNav({ picking, supervising, signedInName, stationName, onSignOut }: StationNavProps) {
  const { screen, show } = useStation(useShallow((s) => ({ screen: s.screen, show: s.show })));
  return (
    <nav>
      {picking && (
        <button aria-pressed={screen === 'pick'} onClick={() => show('pick')} data-testid="nav-pick">
          Pick
        </button>
      )}
      <button aria-pressed={screen === 'pack'} onClick={() => show('pack')}>
        Pack
      </button>
      <button aria-pressed={screen === 'returns'} onClick={() => show('returns')}>
        Returns
      </button>
      <button aria-pressed={screen === 'printers'} onClick={() => show('printers')}>
        Printers
      </button>
      <button aria-pressed={screen === 'activity'} onClick={() => show('activity')}>
        Activity
      </button>
      {supervising && (
        <button aria-pressed={screen === 'supervisor'} onClick={() => show('supervisor')}>
          Supervisor
        </button>
      )}
      <span className="who" data-testid="signed-in">
        {signedInName ? (
          <>
            {signedInName}{' '}
            <button onClick={onSignOut} data-testid="sign-out">
              Sign out
            </button>
          </>
        ) : (
          <span className="muted">Working as {stationName}: no people set up for this warehouse yet</span>
        )}
      </span>
    </nav>
  );
}
