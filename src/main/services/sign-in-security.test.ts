import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../shared/contract/dispatch';
import type { SignInLockout, StationPeople } from '../../shared/contract/index';
import { fileSecretStore } from './secret-store';
import { createStationServices, type StationServices } from './station-services';
import { writePeopleFile } from './testing/people-file';

/**
 * Sign-in locks and idle sign-outs, through the station services the station host and the
 * Electron shell both run (handlers called as a transport calls them), with a clock moved by hand.
 */
const PRIYA = { id: crypto.randomUUID(), name: 'Priya Packer', role: 'packer', badge: 'BADGE-PRIYA-001', pin: '4825' } as const;
const SAM = { id: crypto.randomUUID(), name: 'Sam Supervisor', role: 'supervisor', badge: 'BADGE-SAM-0002', pin: '7391' } as const;
/** A badge printed as an EAN-13 (a valid check digit): real badges come in any format. */
const KIM = { id: crypto.randomUUID(), name: 'Kim Returns', role: 'returns', badge: '4006381333931', pin: '5170' } as const;
const DESK = crypto.randomUUID();
const HANDHELD = crypto.randomUUID();

let clock = Date.parse('2026-12-04T08:00:00Z');
const running: StationServices[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

/** A station data directory holding the sign-in list as the station keeps it after a sync (hashes only). */
function stationDir(): string {
  const dataDir = mkdtempSync(join(tmpdir(), 'dockside-sign-in-'));
  writePeopleFile(dataDir, [PRIYA, SAM, KIM], new Date(clock));
  return dataDir;
}

/** Starts the station's services on a data directory (again, after a restart). */
async function start(dataDir: string, settings: { idleSignOutMinutes?: number } = {}) {
  const services = await createStationServices({ dataDir, secrets: fileSecretStore(dataDir), now: () => clock, initialSettings: settings });
  running.push(services);
  const call = <T>(name: string, arg: unknown, deviceId = DESK) => dispatch(services.handlers, name, arg, { deviceId }) as Promise<T>;
  return { services, call };
}

describe('sign-in locks', () => {
  it('a person locked out by five wrong PINs is still locked out after the station restarts', async () => {
    const dataDir = stationDir();
    const first = await start(dataDir);
    for (let i = 0; i < 5; i++)
      await expect(first.call('station.sign-in', { userId: PRIYA.id, pin: '0000' })).rejects.toMatchObject({ code: 'wrong_pin' });
    await first.services.close();
    running.length = 0;

    const again = await start(dataDir);
    await expect(again.call('station.sign-in', { userId: PRIYA.id, pin: PRIYA.pin }, HANDHELD)).rejects.toMatchObject({
      code: 'sign_in_locked',
      status: 429,
    });
    clock += 5 * 60_000 + 1;
    expect(await again.call('station.sign-in', { userId: PRIYA.id, pin: PRIYA.pin })).toMatchObject({ id: PRIYA.id });
  });

  it('a restart does not reset the count of wrong PINs on the way to a lock', async () => {
    const dataDir = stationDir();
    const first = await start(dataDir);
    for (let i = 0; i < 4; i++)
      await expect(first.call('station.sign-in', { userId: SAM.id, pin: '1111' })).rejects.toMatchObject({ code: 'wrong_pin' });
    const again = await start(dataDir);
    await expect(again.call('station.sign-in', { userId: SAM.id, pin: '1112' })).rejects.toMatchObject({
      message: expect.stringContaining('locked'),
    });
  });

  it('locks a device badge reader after ten unknown badges, longer each time, and only that device', async () => {
    const dataDir = stationDir();
    const { call } = await start(dataDir);
    for (let i = 0; i < 9; i++)
      await expect(call('station.sign-in', { badge: `BADGE-GUESS-${i}` }, HANDHELD)).rejects.toMatchObject({
        code: 'unknown_badge',
        status: 401,
      });
    await expect(call('station.sign-in', { badge: 'BADGE-GUESS-9' }, HANDHELD)).rejects.toMatchObject({
      code: 'unknown_badge',
      message: expect.stringContaining('locked for 1 min'),
    });
    // Even a real badge is refused on that reader now; the desk's reader still works.
    await expect(call('station.sign-in', { badge: PRIYA.badge }, HANDHELD)).rejects.toMatchObject({
      code: 'badge_reader_locked',
      status: 429,
    });
    expect(await call('station.sign-in', { badge: PRIYA.badge }, DESK)).toMatchObject({ id: PRIYA.id });
    // The lock is on disk too.
    const again = await start(dataDir);
    await expect(again.call('station.sign-in', { badge: PRIYA.badge }, HANDHELD)).rejects.toMatchObject({ code: 'badge_reader_locked' });
    clock += 60_000 + 1;
    // The second run of unknown badges locks it for twice as long.
    for (let i = 0; i < 9; i++)
      await expect(again.call('station.sign-in', { badge: `BADGE-AGAIN-${i}` }, HANDHELD)).rejects.toMatchObject({ code: 'unknown_badge' });
    await expect(again.call('station.sign-in', { badge: 'BADGE-AGAIN-9' }, HANDHELD)).rejects.toMatchObject({
      message: expect.stringContaining('locked for 2 min'),
    });
  });

  it('an order number or item barcode scanned at sign-in says to sign in first and does not count toward the badge lock', async () => {
    const { call } = await start(stationDir());
    const notBadges = [
      'ORD-20261205-00001',
      'rma-20261205-00002',
      '5012345678900',
      ']C100106141411234567897',
      '(01)05012345678900(10)LOT7',
      '012345678905',
      '106141411234567897',
    ];
    for (let round = 0; round < 2; round++)
      for (const code of notBadges)
        await expect(call('station.sign-in', { badge: code }, HANDHELD), code).rejects.toMatchObject({
          code: 'not_a_badge',
          message: expect.stringContaining('Sign in first: scan your badge or tap your name.'),
        });
    await expect(call('station.sign-in', { badge: 'ORD-20261205-00001' }, HANDHELD)).rejects.toMatchObject({
      message: expect.stringMatching(/^That is an order number, not a badge\./),
    });
    // Fifteen of them, and the reader is not locked: a real badge, even one that reads like an item barcode, signs in.
    expect(await call('station.sign-in', { badge: KIM.badge }, HANDHELD)).toMatchObject({ id: KIM.id });
    expect(await call('station.sign-in', { badge: PRIYA.badge }, HANDHELD)).toMatchObject({ id: PRIYA.id });
    // Unknown badges of any other look still count: free text, another system's document number, digits failing a check digit.
    const guesses = ['BADGE-GUESS-1', 'EMP-20261205-00001', '4006381333932', 'DKS-LON-1-1042', 'SKU-MUG-BLUE'];
    for (const guess of [...guesses, ...guesses.map((g) => `${g}X`)].slice(0, 9))
      await expect(call('station.sign-in', { badge: guess }, HANDHELD), guess).rejects.toMatchObject({ code: 'unknown_badge' });
    await expect(call('station.sign-in', { badge: '99999999' }, HANDHELD)).rejects.toMatchObject({
      code: 'unknown_badge',
      message: expect.stringContaining('locked for 1 min'),
    });
  });

  it('a supervisor sees who is locked out and clears it; nobody else can', async () => {
    const { call } = await start(stationDir());
    for (let i = 0; i < 5; i++)
      await expect(call('station.sign-in', { userId: PRIYA.id, pin: '0000' }, HANDHELD)).rejects.toMatchObject({ code: 'wrong_pin' });
    await expect(call('station.sign-in-lockouts', undefined)).rejects.toMatchObject({ code: 'supervisor_sign_in_required', status: 403 });
    await call('station.sign-in', { badge: PRIYA.badge }, DESK);
    await expect(call('station.sign-in-lockouts', undefined)).rejects.toMatchObject({ code: 'supervisor_sign_in_required' });
    await call('station.sign-in', { userId: SAM.id, pin: SAM.pin }, DESK);

    const locks = await call<SignInLockout[]>('station.sign-in-lockouts', undefined);
    expect(locks).toEqual([
      { key: `pin:${PRIYA.id}`, kind: 'pin', label: PRIYA.name, failures: 0, lockedUntil: new Date(clock + 5 * 60_000).toISOString() },
    ]);
    expect(await call('station.clear-sign-in-lockout', { key: locks[0]!.key })).toEqual([]);
    expect(await call('station.sign-in', { userId: PRIYA.id, pin: PRIYA.pin }, HANDHELD)).toMatchObject({ id: PRIYA.id });
    await expect(call('station.clear-sign-in-lockout', { key: locks[0]!.key })).rejects.toMatchObject({
      code: 'lockout_not_found',
      status: 404,
    });
  });
});

describe('idle sign-out', () => {
  it('signs a person out after the idle time set at the station, says why, and counts their actions but not background calls', async () => {
    const { services, call } = await start(stationDir(), { idleSignOutMinutes: 10 });
    const heard: StationPeople[] = [];
    services.events.subscribe(HANDHELD, (name, payload) => name === 'station.people-changed' && heard.push(payload as StationPeople));
    await call('station.sign-in', { badge: PRIYA.badge }, HANDHELD);

    // A scan 9 minutes in keeps the session; the page's own sync calls do not.
    clock += 9 * 60_000;
    await call('station.still-here', undefined, HANDHELD);
    clock += 9 * 60_000;
    await call('sync.connection', undefined, HANDHELD);
    // The sync bar's conflict count and the carriers' state are asked on a timer (answered or not); the SSCC stock as a page opens.
    for (const background of ['sync.conflicts', 'carriers.state', 'printing.sscc-stock'])
      await call(background, undefined, HANDHELD).catch(() => undefined);
    services.people.signOutIdle();
    expect((await call<StationPeople>('station.people', undefined, HANDHELD)).signedIn?.id).toBe(PRIYA.id);

    clock += 60_000;
    services.people.signOutIdle();
    const after = await call<StationPeople>('station.people', undefined, HANDHELD);
    expect(after.signedIn).toBeNull();
    expect(after.lastSignOut).toEqual({ reason: 'idle', name: PRIYA.name, idleMinutes: 10, at: new Date(clock).toISOString() });
    // The device heard it at once (its screen turns to sign-in without anyone touching it).
    expect(heard.at(-1)).toMatchObject({ signedIn: null, lastSignOut: { reason: 'idle' } });
    // Signing in again clears the reason.
    await call('station.sign-in', { badge: PRIYA.badge }, HANDHELD);
    expect((await call<StationPeople>('station.people', undefined, HANDHELD)).lastSignOut).toBeNull();
  });

  it('an action after the idle time finds nobody signed in, even before the idle sweep ran', async () => {
    const { call } = await start(stationDir());
    await call('station.sign-in', { userId: SAM.id, pin: SAM.pin });
    clock += 15 * 60_000;
    await expect(call('station.sign-in-lockouts', undefined)).rejects.toMatchObject({ code: 'supervisor_sign_in_required' });
  });
});

describe('a badge scanned at work (hand-over)', () => {
  it("signs in the badge's holder in place of the person at the device, and says so of one's own badge", async () => {
    const { call } = await start(stationDir());
    // Nobody signed in: the sign-in screen's reader is the way in, not this.
    expect(await call('station.hand-over', { badge: SAM.badge })).toEqual({ outcome: 'not-a-badge' });
    await call('station.sign-in', { badge: PRIYA.badge });
    expect(await call('station.hand-over', { badge: PRIYA.badge })).toMatchObject({ outcome: 'own-badge', user: { id: PRIYA.id } });
    expect(await call('station.hand-over', { badge: SAM.badge })).toMatchObject({
      outcome: 'handed-over',
      user: { id: SAM.id, name: 'Sam Supervisor' },
      previous: { id: PRIYA.id },
    });
    expect((await call<StationPeople>('station.people', undefined)).signedIn).toMatchObject({ id: SAM.id });
    // On this device only.
    expect((await call<StationPeople>('station.people', undefined, HANDHELD)).signedIn).toBeNull();
  });

  it('pauses after a run of codes that are no badge, without touching badge sign-in; item and order codes never count', async () => {
    const { call } = await start(stationDir());
    await call('station.sign-in', { badge: PRIYA.badge });
    // Item barcodes and order numbers are not guesses.
    for (let i = 0; i < 12; i++) expect(await call('station.hand-over', { badge: '5012345678900' })).toEqual({ outcome: 'not-a-badge' });
    for (let i = 0; i < 10; i++) expect(await call('station.hand-over', { badge: `GUESS-${i}-XYZ` })).toEqual({ outcome: 'not-a-badge' });
    // Paused: even a real badge is not taken at work now, so guessing one here gets nowhere; the screen is told for how long.
    expect(await call('station.hand-over', { badge: SAM.badge })).toEqual({ outcome: 'paused', minutes: 1 });
    // An item barcode is still no badge, paused or not.
    expect(await call('station.hand-over', { badge: '5012345678900' })).toEqual({ outcome: 'not-a-badge' });
    const lockouts = await (async () => {
      await call('station.sign-in', { badge: SAM.badge }, HANDHELD);
      return call<SignInLockout[]>('station.sign-in-lockouts', undefined, HANDHELD);
    })();
    expect(lockouts.map((l) => l.label)).toContain(`Badge hand-over at work on device ${DESK.slice(0, 8)}`);
    const handOverLock = lockouts.find((l) => l.key.endsWith('/hand-over'))!;
    // The badge readers of sign-in were never locked by it.
    expect(await call('station.sign-in', { badge: KIM.badge }, crypto.randomUUID())).toMatchObject({ id: KIM.id });
    // A supervisor clears the pause at once (the screen said to ask one).
    expect(await call<SignInLockout[]>('station.clear-sign-in-lockout', { key: handOverLock.key }, HANDHELD)).toEqual([]);
    expect(await call('station.hand-over', { badge: SAM.badge })).toMatchObject({ outcome: 'handed-over' });
  });
});

describe('a badge scanned at work: one’s own badge', () => {
  it('does not clear the count toward the pause, so guesses between scans of one’s own badge still pause the check', async () => {
    const { call } = await start(stationDir());
    await call('station.sign-in', { badge: PRIYA.badge });
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 4; i++) await call('station.hand-over', { badge: `GUESS-${round}-${i}-XYZ` });
      expect(await call('station.hand-over', { badge: PRIYA.badge })).toMatchObject({ outcome: 'own-badge' });
    }
    for (let i = 0; i < 2; i++) await call('station.hand-over', { badge: `GUESS-LAST-${i}-XYZ` });
    expect(await call('station.hand-over', { badge: SAM.badge })).toEqual({ outcome: 'paused', minutes: 1 });
  });
});

describe('a code about to be recorded as a serial or lot (badge at serial)', () => {
  const serialCheck = (call: Awaited<ReturnType<typeof start>>['call'], code: string, device = DESK) =>
    call<{ outcome: string; minutes?: number }>('station.badge-at-serial', { code }, device);

  it('answers whether it is anyone’s badge here, signs nobody in by it, and tells nobody signed in nothing', async () => {
    const { call } = await start(stationDir());
    // No session: no answer worth having (and nothing counted).
    expect(await serialCheck(call, SAM.badge)).toEqual({ outcome: 'not-a-badge' });
    await call('station.sign-in', { badge: PRIYA.badge });
    expect(await serialCheck(call, PRIYA.badge)).toEqual({ outcome: 'badge' });
    expect(await serialCheck(call, SAM.badge)).toEqual({ outcome: 'badge' });
    expect(await serialCheck(call, 'SN48213377')).toEqual({ outcome: 'not-a-badge' });
    // The unit waits for its serial: Sam's badge there hands nothing over.
    expect((await call<StationPeople>('station.people', undefined)).signedIn).toMatchObject({ id: PRIYA.id });
    // Only what could be recorded as a serial or lot is asked (at most 20 characters, no spaces).
    await expect(serialCheck(call, 'BADGE-WITH-A-VERY-LONG-NUMBER-0001')).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('a day of serials at a packer’s pace pauses neither this check nor the hand-over; a guesser’s pace pauses this check only', async () => {
    const dataDir = stationDir();
    const { call } = await start(dataDir);
    await call('station.sign-in', { badge: PRIYA.badge });
    for (let i = 0; i < 300; i++) {
      clock += 5_000;
      expect(await serialCheck(call, `SN${String(i).padStart(8, '0')}`)).toEqual({ outcome: 'not-a-badge' });
    }
    // A carton scanned as fast as a scanner goes, on top of that.
    for (let i = 0; i < 100; i++) expect(await serialCheck(call, `CARTON-SN-${i}`)).toEqual({ outcome: 'not-a-badge' });
    expect(await serialCheck(call, SAM.badge)).toEqual({ outcome: 'badge' });
    expect(await call('station.hand-over', { badge: SAM.badge })).toMatchObject({ outcome: 'handed-over' });
    // Item barcodes are no guess: never counted.
    for (let i = 0; i < 30; i++) expect(await serialCheck(call, '5012345678900')).toEqual({ outcome: 'not-a-badge' });
    // Hits count as misses do: on past the budget, even a real badge is not checked, for 5 min, and after a restart.
    // 102 counted so far (the paced ones forgiven as they came): 18 more reach the budget of 120.
    for (let i = 0; i < 18; i++) expect(await serialCheck(call, `GUESS-${i}-XYZ`)).toEqual({ outcome: 'not-a-badge' });
    expect(await serialCheck(call, SAM.badge)).toEqual({ outcome: 'paused', minutes: 5 });
    const again = await start(dataDir);
    await again.call('station.sign-in', { badge: PRIYA.badge });
    expect(await serialCheck(again.call, SAM.badge)).toEqual({ outcome: 'paused', minutes: 5 });
    // A supervisor sees it; the badge readers and the hand-over were never paused by it.
    await again.call('station.sign-in', { badge: SAM.badge }, HANDHELD);
    const locks = await again.call<SignInLockout[]>('station.sign-in-lockouts', undefined, HANDHELD);
    expect(locks.map((l) => l.label)).toEqual([`Badge check of serials and lots on device ${DESK.slice(0, 8)}`]);
    expect(await again.call('station.hand-over', { badge: SAM.badge })).toMatchObject({
      outcome: 'handed-over',
      previous: { id: PRIYA.id },
    });
    clock += 5 * 60_000 + 1;
    expect(await serialCheck(again.call, PRIYA.badge)).toEqual({ outcome: 'badge' });
    // Paused again (the next lock is 10 min): a supervisor clears it at once.
    for (let i = 0; i < 120; i++) await serialCheck(again.call, `GUESS-${i}-ABC`);
    expect(await serialCheck(again.call, SAM.badge)).toEqual({ outcome: 'paused', minutes: 10 });
    expect(await again.call('station.clear-sign-in-lockout', { key: locks[0]!.key }, HANDHELD)).toEqual([]);
    expect(await serialCheck(again.call, SAM.badge)).toEqual({ outcome: 'badge' });
  });
});
