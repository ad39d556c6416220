import { DeviceRefusal, DeviceTokenIssued } from '../../shared/contract/index';
import { StationCallError } from './station-client';

const STORAGE_KEY = 'dockside.device-token';

/**
 * This browser's device token for the station host: issued when the device pairs and kept in
 * localStorage, so a reload (or another tab of this browser) is the same device with the same
 * sign-in. The station's own page on the station's machine pairs without a code; any other
 * device is refused (device_not_paired) until someone types the code shown at the station.
 * A token the host does not know (its data was reset) is dropped for a new one.
 */
export type TokenStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function deviceTokenKeeper(baseUrl: string, storage: TokenStorage = localStorage) {
  let issuing: Promise<string> | null = null;

  async function issue(pairingCode?: string, screenName?: string): Promise<string> {
    let res: Response;
    try {
      res = await fetch(`${baseUrl}/api/devices`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...(pairingCode ? { pairingCode } : {}), ...(screenName?.trim() ? { screenName: screenName.trim() } : {}) }),
      });
    } catch (err) {
      throw new StationCallError('station_host_unreachable', `the station service is not answering: ${(err as Error).message}`);
    }
    const body = (await res.json().catch(() => null)) as unknown;
    const issued = DeviceTokenIssued.safeParse(body);
    if (!res.ok || !issued.success) {
      const refusal = DeviceRefusal.safeParse(body);
      throw refusal.success
        ? new StationCallError(refusal.data.code, refusal.data.detail)
        : new StationCallError('device_token_refused', `the station host did not issue a device token (HTTP ${res.status})`);
    }
    storage.setItem(STORAGE_KEY, issued.data.deviceToken);
    return issued.data.deviceToken;
  }

  return {
    /** The token, asking the host for one the first time (once, however many calls wait for it). */
    async get(): Promise<string> {
      const kept = storage.getItem(STORAGE_KEY);
      if (kept) return kept;
      issuing ??= issue().finally(() => {
        issuing = null;
      });
      return issuing;
    },
    /** Pairs this device with the code shown at the station, named as given (throws the host's refusal: wrong code, paused, a bad name). */
    async pair(pairingCode: string, screenName?: string): Promise<void> {
      await issue(pairingCode, screenName);
    },
    /** The host refused this token: forget it (unless another tab already replaced it). */
    forget(token: string) {
      if (storage.getItem(STORAGE_KEY) === token) storage.removeItem(STORAGE_KEY);
    },
  };
}
export type DeviceTokenKeeper = ReturnType<typeof deviceTokenKeeper>;
