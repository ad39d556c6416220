import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, vi } from 'vitest';
import { fileSecretStore } from '../../src/main/services/secret-store';
import { createStationServices, type StationServices } from '../../src/main/services/station-services';
import { dispatch } from '../../src/shared/contract/dispatch';
import { setUpWarehouse, type TestServer } from '../../src/server/testing/test-server';
import { startRewritingProxy, type RewritingProxy } from './rewriting-proxy';

export interface StationBehindProxy {
  services: StationServices;
  proxy: RewritingProxy;
  warehouseId: string;
  /** A handler of the station's main process, called as one of its devices. */
  call<T>(name: string, arg?: unknown): Promise<T>;
  stop(): Promise<void>;
}

/**
 * The real station services of a new station in a new warehouse of `t`, enrolled and online
 * through a proxy that can rewrite or hold back the server's answers (tests/support/rewriting-proxy.ts).
 */
export async function stationBehindProxy(
  t: TestServer,
  names: { warehouse: string; station: string },
  options: { requestTimeoutMs?: number } = {},
): Promise<StationBehindProxy> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dockside-behind-proxy-'));
  const { warehouseId } = await setUpWarehouse(t, names.warehouse);
  const registered = await t.api('POST', '/v1/stations', { body: { name: names.station, warehouseId } });
  const proxy = await startRewritingProxy(t.url);
  const services = await createStationServices({ dataDir, secrets: fileSecretStore(dataDir), ...options });
  const call = <T>(name: string, arg?: unknown) => dispatch(services.handlers, name, arg, { deviceId: crypto.randomUUID() }) as Promise<T>;
  await call('station.enroll', { serverUrl: proxy.url, code: registered.body.enrollmentCode });
  await vi.waitFor(() => expect(services.link.state().online).toBe(true), { timeout: 20_000 });
  return {
    services,
    proxy,
    warehouseId,
    call,
    async stop() {
      await services.close();
      await proxy.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
