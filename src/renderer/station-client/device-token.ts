import { DeviceTokenIssued } from '../../shared/contract/index';
import { StationCallError } from './station-client';

const STORAGE_KEY = 'dockside.device-token';

/**
 * This browser's device token for the station host: issued on first contact and kept in
 * localStorage, so a reload (or another tab of this browser) is the same device with the same
 * sign-in. A token the host does not know (its data was reset) is dropped for a new one.
 */
export type TokenStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function deviceTokenKeeper(baseUrl: string, storage: TokenStorage = localStorage) {
  let issuing: Promise<string> | null = null;

  async function issue(): Promise<string> {
    let res: Response;
    try {
      res = await fetch(`${baseUrl}/api/devices`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    } catch (err) {
      throw new StationCallError('station_host_unreachable', `the station service is not answering: ${(err as Error).message}`);
    }
    const body = (await res.json().catch(() => null)) as unknown;
    const parsed = DeviceTokenIssued.safeParse(body);
    if (!res.ok || !parsed.success) {
      const refusal = (body as { error?: { code?: string; message?: string } } | null)?.error;
      throw new StationCallError(refusal?.code ?? 'device_token_refused', refusal?.message ?? `the station host did not issue a device token (HTTP ${res.status})`);
    }
    storage.setItem(STORAGE_KEY, parsed.data.deviceToken);
    return parsed.data.deviceToken;
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
    /** The host refused this token: forget it (unless another tab already replaced it). */
    forget(token: string) {
      if (storage.getItem(STORAGE_KEY) === token) storage.removeItem(STORAGE_KEY);
    },
  };
}
export type DeviceTokenKeeper = ReturnType<typeof deviceTokenKeeper>;
