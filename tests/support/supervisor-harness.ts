import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileSecretStore } from '../../src/main/services/secret-store';
import { createStationServices, type StationServices } from '../../src/main/services/station-services';
import type { Caller } from '../../src/shared/contract/index';
import { dispatch } from '../../src/shared/contract/dispatch';
import { setUpWarehouse, startTestServer, type TestServer } from '../../src/server/testing/test-server';
import { eventually } from '../../src/server/testing/test-support';

type Warehouse = Awaited<ReturnType<typeof setUpWarehouse>>;

export interface SupervisorDeskSetUp {
  /** The desk's warehouse; its packing station is "Pack 1 <code>" (setUpWarehouse). */
  warehouse: string;
  /** Its stock; setUpWarehouse's mugs and tees when not given. */
  stock?: Record<string, number>;
  /** More warehouses, with no stock, set up right after it. */
  otherWarehouses?: readonly string[];
  /** The people of the desk's warehouse, by a key the test names them with. */
  people: Record<string, { name: string; role: string; pin: string }>;
}

export interface SupervisorDesk {
  t: TestServer;
  /** The desk's warehouse, with its packing station's id and credential. */
  warehouse: Warehouse;
  /** `otherWarehouses`, in their order. */
  others: Warehouse[];
  /** The real station services of the "Supervisor desk" station, enrolled with `t`. */
  services: StationServices;
  /** The desk's own station id. */
  stationId: string;
  /** Each person's user id, by their key. */
  users: Record<string, string>;
  /** The device the desk's calls come from unless a test names another (a handheld of the same station). */
  device: Caller;
  /** A station handler called as the renderer of `caller` calls it; refusals are main's HandlerErrors. */
  call(name: string, arg?: unknown, caller?: Caller): Promise<any>;
  close(): Promise<void>;
}

/**
 * A real central server and a supervisor desk: the real station services of a station named
 * "Supervisor desk", enrolled with it, online, its sign-in list fetched. Supervisor work is done
 * as whoever the test signs in on a device (station.sign-in), as at a real station.
 */
export async function startSupervisorDesk(setUp: SupervisorDeskSetUp): Promise<SupervisorDesk> {
  const t = await startTestServer();
  const warehouse = await setUpWarehouse(t, setUp.warehouse, setUp.stock);
  const others: Warehouse[] = [];
  for (const code of setUp.otherWarehouses ?? []) others.push(await setUpWarehouse(t, code, {}));
  const users: Record<string, string> = {};
  for (const [key, person] of Object.entries(setUp.people))
    users[key] = (await t.api('POST', '/v1/users', { body: { ...person, warehouseId: warehouse.warehouseId } })).body.id;
  const registered = await t.api('POST', '/v1/stations', { body: { name: 'Supervisor desk', warehouseId: warehouse.warehouseId } });
  const dataDir = mkdtempSync(join(tmpdir(), 'dockside-supervisor-desk-'));
  const services = await createStationServices({ dataDir, secrets: fileSecretStore(dataDir) });
  const device = { deviceId: crypto.randomUUID() };
  const call = (name: string, arg?: unknown, caller: Caller = device) => dispatch(services.handlers, name, arg, caller) as Promise<any>;
  const { stationId } = await call('station.enroll', { serverUrl: t.url, code: registered.body.enrollmentCode });
  await eventually('the station to be online', () => services.link.state().online);
  await call('station.people');
  return {
    t,
    warehouse,
    others,
    services,
    stationId,
    users,
    device,
    call,
    async close() {
      await services.close();
      await t.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
