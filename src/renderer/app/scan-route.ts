import type { StationState } from './station-store';

type Screen = StationState['screen'];
type OnScan = (code: string) => void;

export interface ScanReceivers {
  signIn: OnScan;
  returns: OnScan;
  pick: OnScan;
  pack: OnScan;
  /** Brings a screen to the front. */
  show(screen: Screen): void;
}

/**
 * Where a scan goes: the sign-in screen's badge reader, else the screen in front of the person.
 * Printers, Activity and Supervisor take no scans, so a scan there goes to packing and the Pack
 * screen comes to the front: an order scanned from the Printers screen was opened, packed and
 * even shipped out of sight.
 */
export function scanRoute(screen: Screen, mustSignIn: boolean, to: ScanReceivers): OnScan {
  if (mustSignIn) return to.signIn;
  if (screen === 'returns') return to.returns;
  if (screen === 'pick') return to.pick;
  if (screen === 'pack') return to.pack;
  return (code) => {
    to.show('pack');
    to.pack(code);
  };
}
