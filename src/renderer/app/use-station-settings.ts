import { useEffect, useState } from 'react';
import type { StationSettings } from '../../shared/contract/index';
import type { StationClient } from '../station-client/index';

/**
 * The station's settings as main has them, read once when a component mounts: `settings` is null
 * until read (or when they could not be read), and `read` says the answer came, either way.
 */
export function useStationSettings(client: Pick<StationClient, 'call'>): { settings: StationSettings | null; read: boolean } {
  const [state, setState] = useState<{ settings: StationSettings | null; read: boolean }>({ settings: null, read: false });
  useEffect(() => {
    let live = true;
    client.call('settings.get').then(
      (settings) => live && setState({ settings, read: true }),
      () => live && setState({ settings: null, read: true }),
    );
    return () => {
      live = false;
    };
  }, [client]);
  return state;
}
