import type { StationSettings } from '../../../shared/contract/index';
import type { StationClient } from '../../station-client/index';

/**
 * Changes some station settings and returns them as saved. The whole settings object is sent, read
 * fresh just before: `settings.update` re-validates its argument with `StationSettings.partial()`,
 * and the schema's defaults fill in every key a patch leaves out, so `{ routes }` alone would also
 * reset printers to [] and the SSCC prefix, ship-from address and scanner timing to their defaults.
 */
export async function saveSettings(
  client: StationClient,
  change: (current: StationSettings) => Partial<StationSettings>,
): Promise<StationSettings> {
  const current = await client.call('settings.get');
  return client.call('settings.update', { ...current, ...change(current) });
}
