import { describe, expect, it } from 'vitest';
import { ipcStationClient, type DocksideBridge } from './ipc-client';
import { INVALID_RESULT, StationCallError } from './station-client';

/** The preload bridge (the IPC edge) answering every call with `result`. */
function bridgeAnswering(result: unknown): DocksideBridge {
  return { call: async () => ({ ok: true, result }), listen: () => () => undefined };
}

const identity = {
  enrolled: true,
  stationId: '7c0d7f2e-2b0e-4d7c-9d3a-3f8d1c2b4a51',
  stationName: 'Pack 1',
  warehouseId: 'e1b2c3d4-0000-4000-8000-000000000001',
  warehouseName: 'Main',
  serverUrl: 'http://127.0.0.1:1',
};

describe('station client results', () => {
  it('hands on an answer of the declared shape, parsed', async () => {
    const client = ipcStationClient(bridgeAnswering({ ...identity, internal: 'not for the renderer' }));
    await expect(client.call('station.get-identity')).resolves.toEqual(identity);
  });

  it('fills the defaults the result schema declares', async () => {
    const client = ipcStationClient(bridgeAnswering({ outcomes: [], lastSeq: 4 }));
    await expect(client.call('sync.push', { events: [{}] })).resolves.toEqual({ outcomes: [], unreadable: [], lastSeq: 4 });
  });

  it('refuses an answer of the wrong shape with an error naming the handler and the field', async () => {
    const client = ipcStationClient(bridgeAnswering({ ...identity, enrolled: 'yes' }));
    const error = await client.call('station.get-identity').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StationCallError);
    expect((error as StationCallError).code).toBe(INVALID_RESULT);
    expect((error as StationCallError).message).toMatch(/^station\.get-identity answered .*: enrolled: /);
  });

  it('refuses a list with one bad item, naming where it is', async () => {
    const job = { printerId: 'p', state: 'printed' };
    const error = await ipcStationClient(bridgeAnswering([job]))
      .call('printing.list-jobs', {})
      .catch((e: unknown) => e);
    expect((error as StationCallError).code).toBe(INVALID_RESULT);
    expect((error as StationCallError).message).toMatch(/printing\.list-jobs answered .*: 0\.id: /);
  });

  it('still passes on a refusal as the code main gave it', async () => {
    const bridge: DocksideBridge = {
      call: async () => ({ ok: false, error: { code: 'sign_in_locked', message: 'Too many wrong PINs' } }),
      listen: () => () => undefined,
    };
    const error = await ipcStationClient(bridge)
      .call('station.sign-out')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'sign_in_locked', message: 'Too many wrong PINs' });
  });
});
