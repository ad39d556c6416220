import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../shared/contract/dispatch';
import type { OpenOnScreenOutcome, ScreenWithOrder, StationPeople } from '../../shared/contract/index';
import { GONE_AFTER_MS } from './device-presence';
import { fileSecretStore } from './secret-store';
import { createStationServices, type StationServices } from './station-services';
import { writePeopleFile } from './testing/people-file';

/**
 * An order open at a screen that is gone (a handheld's battery died, a browser was closed), through
 * the station services the station host and the Electron shell both run, as a transport calls them.
 */
const MARGARET = { id: crypto.randomUUID(), name: 'Margaret Turing', role: 'packer', badge: 'BADGE-MARG-0001' } as const;
const BOB = { id: crypto.randomUUID(), name: 'Bob Packer', role: 'packer', badge: 'BADGE-BOB-00002' } as const;
const SAM = { id: crypto.randomUUID(), name: 'Sam Supervisor', role: 'supervisor', badge: 'BADGE-SAM-00003' } as const;
const HANDHELD = crypto.randomUUID();
const DESK = crypto.randomUUID();
const OFFICE = crypto.randomUUID();
const ORDER = { fulfillmentOrderId: crypto.randomUUID(), orderNumber: 'ORD-20261124-00004' };

let clock = Date.parse('2026-12-06T06:00:00Z');
const running: StationServices[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

/** A station whose devices were named when they paired as `names` says (the station host's device tokens). */
async function station(names: Record<string, string> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'dockside-screens-'));
  writePeopleFile(dataDir, [MARGARET, BOB, SAM], new Date(clock));
  const services = await createStationServices({
    dataDir,
    secrets: fileSecretStore(dataDir),
    now: () => clock,
    screenName: (deviceId) => names[deviceId] ?? null,
  });
  running.push(services);
  const call = <T>(name: string, arg: unknown, deviceId: string) => dispatch(services.handlers, name, arg, { deviceId }) as Promise<T>;
  /** A page of the device opens (it listens to main) and its person signs in there. */
  const signedInAt = async (deviceId: string, who: { badge: string }) => {
    const closePage = services.events.subscribe(deviceId, () => undefined);
    await call('station.sign-in', { badge: who.badge }, deviceId);
    return closePage;
  };
  const open = (deviceId: string) => call<OpenOnScreenOutcome>('screens.open-order', ORDER, deviceId);
  const takeHere = (deviceId: string) => call<OpenOnScreenOutcome>('screens.take-order-here', ORDER, deviceId);
  const signedIn = async (deviceId: string) => (await call<StationPeople>('station.people', undefined, deviceId)).signedIn;
  return { services, call, signedInAt, open, takeHere, signedIn };
}

describe('an order open at a screen that is gone', () => {
  it('to its own person: their other screen, by name; connected, pack it there; gone, they may pack it here instead', async () => {
    const { call, signedInAt, open, takeHere, signedIn } = await station({ [HANDHELD]: 'Handheld 3' });
    const closeHandheld = await signedInAt(HANDHELD, MARGARET);
    expect(await open(HANDHELD)).toEqual({ granted: true });
    await signedInAt(DESK, MARGARET);

    const connected = await open(DESK);
    expect(connected).toMatchObject({
      granted: false,
      message: `${ORDER.orderNumber} is open at your other screen, “Handheld 3”, which is connected now: pack it there (its scans are there). It is free here once you close it there or sign out there.`,
    });
    expect(connected).not.toHaveProperty('mayTakeHere');
    // A connected screen keeps its order: asking to take it anyway is refused, and nobody is signed out.
    expect(await takeHere(DESK)).toMatchObject({ granted: false, message: connected.granted ? '' : connected.message });
    expect(await signedIn(HANDHELD)).toMatchObject({ id: MARGARET.id });

    closeHandheld(); // the tab is closed, the browser crashes
    expect(await open(DESK)).toEqual({
      granted: false,
      code: 'open_elsewhere',
      message: expect.stringContaining(
        `${ORDER.orderNumber} is open at your other screen, “Handheld 3”, which is not connected now (its page is closed, or it is off or out of reach). Scans it has not sent are still on it: open Dockside there again`,
      ),
      mayTakeHere: true,
    });
    expect(await takeHere(DESK)).toEqual({ granted: true });
    // Signed out at the gone screen: back, it says why, asks who is there, and cannot open the order meanwhile.
    expect(await call<StationPeople>('station.people', undefined, HANDHELD)).toMatchObject({
      signedIn: null,
      lastSignOut: { reason: 'moved', name: MARGARET.name, orderNumber: ORDER.orderNumber, at: new Date(clock).toISOString() },
    });
    expect(await signedIn(DESK)).toMatchObject({ id: MARGARET.id });
    await signedInAt(HANDHELD, MARGARET);
    expect(await open(HANDHELD)).toMatchObject({
      granted: false,
      message: expect.stringContaining(`open at your other screen, “Device ${DESK.slice(0, 8)}”, which is connected now`),
    });
  });

  it('a handheld whose battery died keeps its stream open but goes quiet: after a while it counts as gone', async () => {
    const { call, signedInAt, open, takeHere } = await station();
    await signedInAt(HANDHELD, MARGARET);
    await open(HANDHELD);
    await signedInAt(DESK, MARGARET);
    clock += GONE_AFTER_MS - 1_000;
    expect(await open(DESK)).not.toHaveProperty('mayTakeHere');
    clock += 1_000;
    expect(await open(DESK)).toMatchObject({ granted: false, mayTakeHere: true });
    // Only quiet, not gone: any call of its page (its sync, say) shows it is there.
    await call('station.people', undefined, HANDHELD);
    expect(await takeHere(DESK)).toMatchObject({ granted: false, message: expect.stringContaining('connected now') });
  });

  it('to someone else: whose screen and that it is not connected; a supervisor, and only a supervisor, signs it out', async () => {
    const { call, signedInAt, open, takeHere, signedIn } = await station({ [HANDHELD]: 'Handheld 3' });
    const closeHandheld = await signedInAt(HANDHELD, MARGARET);
    await open(HANDHELD);
    closeHandheld();
    await signedInAt(DESK, BOB);

    const refused = await open(DESK);
    expect(refused).toEqual({
      granted: false,
      code: 'open_elsewhere',
      message: `${ORDER.orderNumber} is open at Margaret Turing's screen, “Handheld 3”, which is not connected now. Scans it has not sent are still on it: Margaret Turing can open Dockside there again, or sign in here to pack it here. If that screen is gone, a supervisor can sign it out (Supervisor, Screens).`,
    });
    expect(await takeHere(DESK)).toEqual(refused);
    expect(await signedIn(HANDHELD)).toMatchObject({ id: MARGARET.id });
    await expect(call('screens.list', undefined, DESK)).rejects.toMatchObject({ code: 'supervisor_sign_in_required', status: 403 });
    await expect(call('screens.sign-out', { deviceId: HANDHELD }, DESK)).rejects.toMatchObject({ code: 'supervisor_sign_in_required' });
    expect(await signedIn(HANDHELD)).toMatchObject({ id: MARGARET.id });

    await signedInAt(OFFICE, SAM);
    expect(await call<ScreenWithOrder[]>('screens.list', undefined, OFFICE)).toEqual([
      {
        deviceId: HANDHELD,
        screenName: 'Handheld 3',
        ...ORDER,
        signedIn: { id: MARGARET.id, name: MARGARET.name, role: 'packer' },
        connected: false,
        lastHeardAt: new Date(clock).toISOString(),
        here: false,
      },
    ]);
    expect(await call('screens.sign-out', { deviceId: HANDHELD }, OFFICE)).toEqual([]);
    expect(await call<StationPeople>('station.people', undefined, HANDHELD)).toMatchObject({
      signedIn: null,
      lastSignOut: { reason: 'supervisor', name: MARGARET.name, by: SAM.name, orderNumber: ORDER.orderNumber },
    });
    expect(await open(DESK)).toEqual({ granted: true });
    await expect(call('screens.sign-out', { deviceId: HANDHELD }, OFFICE)).rejects.toMatchObject({ code: 'screen_not_found', status: 404 });
  });

  it('lists a screen paired without a name by the start of its device id', async () => {
    const { call, signedInAt, open } = await station();
    await signedInAt(HANDHELD, MARGARET);
    await open(HANDHELD);
    await signedInAt(OFFICE, SAM);
    expect(await call<ScreenWithOrder[]>('screens.list', undefined, OFFICE)).toMatchObject([
      { deviceId: HANDHELD, screenName: `Device ${HANDHELD.slice(0, 8)}` },
    ]);
  });
});
