import { useStation, type StationState } from './station-store';

export type TabStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
export const tabStorage = (): TabStorage | null => (typeof sessionStorage === 'undefined' ? null : sessionStorage);

/** One kind of thing a screen has open (the pack screen's order, the returns desk's RMA). */
export interface OpenThing {
  /** Its key in the tab's storage: one per station and kind. */
  key: string;
  openId(s: StationState): string | null;
  open(id: string): void;
  /** Whether it may open again after a reload (still here, still this station's to work on). */
  mayReopen(id: string): Promise<boolean>;
}

/**
 * What is open on a screen, kept for this tab (sessionStorage: each tab is its own device), so
 * someone who reloads a frozen screen lands back on it, with what they did to it.
 */
export function rememberOpen(thing: OpenThing, storage: TabStorage | null = tabStorage()) {
  const unsubscribe = useStation.subscribe((s, before) => {
    const id = thing.openId(s);
    if (id === thing.openId(before)) return;
    if (id) storage?.setItem(thing.key, id);
    else storage?.removeItem(thing.key);
  });

  /** Opens the remembered one again (at once), if nothing is open. */
  async function reopen(): Promise<void> {
    const id = storage?.getItem(thing.key);
    const nothingOpen = () => !thing.openId(useStation.getState());
    if (id && nothingOpen() && (await thing.mayReopen(id)) && nothingOpen()) thing.open(id);
  }

  // A failed read leaves it closed: it is scanned again.
  return { reopened: reopen().catch(() => undefined), stop: unsubscribe };
}
