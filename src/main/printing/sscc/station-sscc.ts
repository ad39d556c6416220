import type { StationSettings } from '../../../shared/contract/settings';
import type { EventHub } from '../../services/event-hub';
import type { ServerLink } from '../../services/server-link';
import { openServerSsccAllocator } from './server-sscc-blocks';
import { ssccStockOf } from './sscc-stock';

/**
 * The station's SSCC allocator for the range its label settings use, its stock as the station
 * shows it, and every change of that stock pushed to the pages ('printing.sscc-stock-changed').
 */
export async function openStationSscc(
  dataDir: string,
  link: () => Pick<ServerLink, 'request' | 'state'>,
  settings: { get(): Pick<StationSettings, 'sscc'> },
  events: Pick<EventHub, 'emit'>,
) {
  const range = () => settings.get().sscc;
  const stock = () => ssccStockOf(range(), allocator.stock(range()));
  // A change of another range (settings just changed) is pushed too: it is the current range's stock that is sent.
  const allocator = await openServerSsccAllocator(dataDir, link, () => events.emit('printing.sscc-stock-changed', stock()));
  return {
    allocator,
    stock,
    /** Asks for blocks of the range in use if it is low (enrolled, back online, settings changed). */
    refill: () => void allocator.refill(range()),
    /**
     * No server is set up, or the first attempt to reach it failed: a stock left below the mark
     * warns now, with no label or refill needed (starting online, the refill on connecting decides).
     */
    startedOffline: () => {
      allocator.startedOffline();
      events.emit('printing.sscc-stock-changed', stock());
    },
  };
}
