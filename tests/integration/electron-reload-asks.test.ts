import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addRxPlugin } from 'rxdb/plugins/core';
import { RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ipcChannel, registerIpcHandlers, type IpcReply } from '../../src/main/electron/ipc-transport';
import { tcpPrinter } from '../../src/main/printing/testing/fixtures';
import { startVirtualPrinter, type VirtualPrinter } from '../../src/main/printing/testing/virtual-printer';
import { fileSecretStore } from '../../src/main/services/secret-store';
import { createStationServices, type StationServices } from '../../src/main/services/station-services';
import { writePeopleFile } from '../../src/main/services/testing/people-file';
import { useStation } from '../../src/renderer/app/station-store';
import { startStationRuntime, type StationRuntime } from '../../src/renderer/app/station-runtime';
import { createPackController, type PackController } from '../../src/renderer/features/pack/pack-controller';
import { unconfirmedQuestion } from '../../src/renderer/features/printers/job-state';
import { ipcStationClient, type DocksideBridge } from '../../src/renderer/station-client/ipc-client';
import type { PrintJob } from '../../src/shared/contract/index';

/**
 * The desktop app's way to main, as Electron wires it (main/electron/index.ts, preload/index.ts):
 * each call on its IPC channel (registerIpcHandlers), the desktop device's pushes sent to the
 * window, and no event stream, so nothing opens with main's print jobs when the page (re)loads.
 * The page starts as App does: the station runtime, its pack controller, then who works here.
 */
addRxPlugin(RxDBDevModePlugin);

const PRIYA = { id: crypto.randomUUID(), name: 'Priya Packer', role: 'packer', pin: '4825' } as const;
const STATION = crypto.randomUUID();

let dataDir: string;
let services: StationServices;
let zebra: VirtualPrinter;
/** The window's listeners on main's push channel: the page's, gone when it reloads. */
const window = new Set<(name: string, payload: unknown) => void>();
let bridge: DocksideBridge;
let page: { rt: StationRuntime; controller: PackController; offPeople: () => void } | null = null;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'dockside-electron-reload-'));
  writePeopleFile(dataDir, [PRIYA]);
  // It prints every label and then resets the connection: the station cannot know it printed.
  zebra = await startVirtualPrinter({ mode: 'reset-after-job' });
  const printer = tcpPrinter(zebra.port, { name: 'Zebra dock' });
  services = await createStationServices({
    dataDir,
    secrets: fileSecretStore(dataDir),
    initialSettings: { printers: [printer], routes: { 'test-label': printer.id } },
  });
  const channels = new Map<string, (event: unknown, arg: unknown) => Promise<unknown>>();
  const desktop = registerIpcHandlers({ handle: (channel, listener) => void channels.set(channel, listener) }, services);
  services.events.subscribe(desktop.deviceId, (name, payload) => window.forEach((send) => send(name, structuredClone(payload))));
  bridge = {
    call: async (name, arg) => (await channels.get(ipcChannel(name))!(undefined, structuredClone(arg))) as IpcReply,
    listen: (name, callback) => {
      const listener = (eventName: string, payload: unknown) => eventName === name && callback(payload);
      window.add(listener);
      return () => window.delete(listener);
    },
  };
});
afterAll(async () => {
  await closePage();
  await services?.close();
  await zebra?.close();
  useStation.setState(useStation.getInitialState(), true);
  rmSync(dataDir, { recursive: true, force: true });
});

/** The page loads: its memory (the store) starts empty, and it starts as App starts it. */
async function openPage(): Promise<void> {
  useStation.setState(useStation.getInitialState(), true);
  const client = ipcStationClient(bridge);
  const rt = await startStationRuntime(client, STATION, wrappedValidateAjvStorage({ storage: getRxStorageMemory() }));
  const controller = createPackController(rt);
  // use-station-people.ts, once the runtime runs.
  const { setPeople } = useStation.getState();
  const offPeople = client.listen('station.people-changed', setPeople);
  void client.call('station.people').then(setPeople);
  page = { rt, controller, offPeople };
}

async function closePage(): Promise<void> {
  if (!page) return;
  page.offPeople();
  page.controller.close();
  await page.rt.stop();
  page = null;
  window.clear();
}

describe('the desktop window, reloaded', () => {
  it('asks again whether a label that may have printed did, from what main has, after the page reloads', async () => {
    await openPage();
    const client = ipcStationClient(bridge);
    await client.call('station.sign-in', { userId: PRIYA.id, pin: PRIYA.pin });
    await expect.poll(() => useStation.getState().people?.signedIn?.id).toBe(PRIYA.id);
    const job = (await client.call('printing.print', { template: 'test-label', data: { message: 'Priya unsure' } })) as PrintJob;
    expect(job).toMatchObject({ state: 'unconfirmed', mayHavePrinted: true });
    const question = { kind: 'error', needsAck: true, text: unconfirmedQuestion(job) };
    await expect.poll(() => useStation.getState().message).toMatchObject(question);

    // The screen froze and Priya reloads it before answering: main still waits for her answer.
    await closePage();
    await openPage();
    await expect.poll(() => useStation.getState().people?.signedIn?.id).toBe(PRIYA.id);
    await expect.poll(() => useStation.getState().message).toMatchObject(question);
    expect((await client.call('printing.list-jobs', {}))[0]).toMatchObject({ id: job.id, state: 'unconfirmed' });
  });
});
