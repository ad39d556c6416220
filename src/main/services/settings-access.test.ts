import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../shared/contract/dispatch';
import type { StationSettings } from '../../shared/contract/index';
import { fileSecretStore } from './secret-store';
import { createStationServices, type StationServices } from './station-services';
import { writePeopleFile } from './testing/people-file';

/**
 * Printers and the other station settings are a supervisor's: through the station services both
 * transports call (handlers dispatched as a transport does), a packer is refused, a supervisor is
 * not, and a station with nobody set up works as itself. Each device's sign-in is its own.
 */
const PRIYA = { id: crypto.randomUUID(), name: 'Priya Packer', role: 'packer', pin: '4825' } as const;
const SAM = { id: crypto.randomUUID(), name: 'Sam Supervisor', role: 'supervisor', pin: '7391' } as const;
const DESK = crypto.randomUUID();
const HANDHELD = crypto.randomUUID();
const PRINTER = {
  id: crypto.randomUUID(),
  name: 'Zebra dock',
  language: 'zpl',
  dpi: 203,
  connection: { kind: 'tcp', host: '127.0.0.1', port: 9100 },
} as const;

const running: StationServices[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

async function station(people: (typeof PRIYA | typeof SAM)[]) {
  const dataDir = mkdtempSync(join(tmpdir(), 'dockside-settings-access-'));
  writePeopleFile(dataDir, people);
  const services = await createStationServices({ dataDir, secrets: fileSecretStore(dataDir) });
  running.push(services);
  return <T>(name: string, arg: unknown, deviceId = DESK) => dispatch(services.handlers, name, arg, { deviceId }) as Promise<T>;
}

describe('who may change the station settings', () => {
  it('refuses a packer adding a printer, and lets a supervisor on another device add it', async () => {
    const call = await station([PRIYA, SAM]);
    await call('station.sign-in', { userId: PRIYA.id, pin: PRIYA.pin });
    await expect(call('settings.update', { printers: [PRINTER] })).rejects.toMatchObject({
      code: 'supervisor_sign_in_required',
      status: 403,
    });
    await expect(call('settings.update', { idleSignOutMinutes: 30 })).rejects.toMatchObject({ code: 'supervisor_sign_in_required' });
    expect((await call<StationSettings>('settings.get', undefined)).printers).toEqual([]);

    await call('station.sign-in', { userId: SAM.id, pin: SAM.pin }, HANDHELD);
    const saved = await call<StationSettings>('settings.update', { printers: [PRINTER] }, HANDHELD);
    expect(saved.printers.map((p) => p.name)).toEqual(['Zebra dock']);

    // The packer can still read them (to print), not remove them.
    expect((await call<StationSettings>('settings.get', undefined)).printers).toHaveLength(1);
    await expect(call('settings.update', { printers: [] })).rejects.toMatchObject({ code: 'supervisor_sign_in_required' });
  });

  it('refuses anyone not signed in where people are set up', async () => {
    const call = await station([PRIYA, SAM]);
    await expect(call('settings.update', { printers: [PRINTER] })).rejects.toMatchObject({ code: 'supervisor_sign_in_required' });
  });

  it('lets a station whose warehouse has nobody set up yet set itself up', async () => {
    const call = await station([]);
    expect((await call<StationSettings>('settings.update', { printers: [PRINTER] })).printers).toHaveLength(1);
  });
});
