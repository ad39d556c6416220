import { addRxPlugin } from 'rxdb/plugins/core';
import { RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BinLocationDocument } from '../../src/shared/sync/bin-location-document';
import type { FulfillmentDocument } from '../../src/shared/sync/fulfillment-document';
import type { StationRuntime } from '../../src/renderer/app/station-runtime';
import { useStation } from '../../src/renderer/app/station-store';
import { PRIYA, SAM, stationWithPeople, type StationWithPeople } from '../support/station-with-people';
import { createPickController, type PickController } from '../../src/renderer/features/pick/pick-controller';
import { usePick } from '../../src/renderer/features/pick/pick-store';
import { callMain } from '../support/main-call';
import { freshLine, fulfillmentDoc } from '../../src/shared/sync/testing/fulfillment-fixtures';

/**
 * Badges scanned on the pick screen (the renderer's pick controller on a memory database, against
 * the real station services that keep the sign-in list and the hand-over check): a badge is a
 * credential, and is never shown on screen.
 */
addRxPlugin(RxDBDevModePlugin);

const STATION = '22222222-2222-4222-8222-222222222222';
const FO = 'dddddddd-dddd-4ddd-8ddd-ddddddddddd1';
const BIN_MUG = 'A-01-03-2-B';
/** Another bin of the warehouse: the picker's usual wrong scan. */
const BIN_OTHER = 'A-01-04-1-A';

let station: StationWithPeople;
let rt: StationRuntime;
let controller: PickController;

const doc = (): FulfillmentDocument =>
  fulfillmentDoc({
    id: FO,
    orderId: 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeee1',
    orderNumber: 'ORD-20261202-00077',
    status: 'in_progress',
    claimedBy: STATION,
    lease: { stationName: 'Pick 1', expiresAt: '2099-01-01T00:00:00.000Z' },
    lines: [freshLine(crypto.randomUUID(), 'SKU-MUG', '5012345678900', 'Enamel mug', 2)],
  });

const bin = (code = BIN_MUG): BinLocationDocument => ({
  id: crypto.randomUUID(),
  warehouseId: 'ffffffff-ffff-4fff-8fff-ffffffffffff',
  zone: 'A',
  aisle: '01',
  bay: '03',
  level: '2',
  bin: 'B',
  code,
  barcode: code,
  walkOrder: 10,
  stock: [{ sku: 'SKU-MUG', quantity: 5 }],
  updatedAt: '2026-12-02T08:00:00.000Z',
});

/** The sounds played (sounds.ts records each on the page's root element; here a stand-in for it). */
const lastSound = () => station.sounds.dataset.lastSound;
const soundCount = () => Number(station.sounds.dataset.soundCount ?? 0);

beforeEach(async () => {
  station = await stationWithPeople('pick-badges', STATION, [PRIYA, SAM]);
  rt = station.rt;
  await rt.db.fulfillment_orders.insert(doc());
  await rt.db.bins.bulkInsert([bin(), bin(BIN_OTHER)]);
  controller = createPickController(rt);
  usePick.getState().clearCart();
  // Priya is signed in on this device and picking.
  await rt.client.call('station.sign-in', { badge: PRIYA.badge });
  useStation.getState().setPeople(await rt.client.call('station.people'));
  useStation.getState().show('pick');
});

afterEach(() => station.stop());

const message = () => useStation.getState().message;
const signedIn = () => useStation.getState().people?.signedIn?.name;
/** Main tells the screen who is signed in (the station's people notice); read it as the app does. */
const refreshPeople = async () => useStation.getState().setPeople(await rt.client.call('station.people'));

/** A cart of the one order, in tote T-01, with the picker at the mug's bin. */
async function atTheMugBin(): Promise<void> {
  await controller.startCart(1);
  await controller.onScan('T-01');
  await controller.onScan(BIN_MUG);
  expect(message()).toMatchObject({ kind: 'success', text: expect.stringContaining(`At ${BIN_MUG}: pick 2 × SKU-MUG`) });
}

/** Everything said on screen, as text: the badge must be in none of it. */
const shown = () => JSON.stringify(message());

describe('a badge scanned on the pick screen', () => {
  it("someone else's badge at a bin hands the device over, and is never shown", async () => {
    await atTheMugBin();
    await controller.onScan(SAM.badge);
    await refreshPeople();
    expect(signedIn()).toBe('Sam Supervisor');
    expect(message()).toMatchObject({ kind: 'success', text: 'Sam Supervisor signed in, taking over from Priya Packer.' });
    expect(shown()).not.toContain(SAM.badge);
  });

  it('a badge before the bin, or before any cart is loaded, hands over too (it is no wrong bin)', async () => {
    await controller.onScan(SAM.badge);
    await refreshPeople();
    expect(signedIn()).toBe('Sam Supervisor');
    expect(shown()).not.toContain(SAM.badge);

    await controller.startCart(1);
    await controller.onScan('T-01');
    await controller.onScan(PRIYA.badge);
    await refreshPeople();
    expect(signedIn()).toBe('Priya Packer');
    expect(message()).toMatchObject({ text: 'Priya Packer signed in, taking over from Sam Supervisor.' });
  });

  it('a code that may be a badge but is nobody’s is refused with the error sound, unnamed; an item the station knows is named', async () => {
    await atTheMugBin();
    const before = soundCount();
    await controller.onScan('BADGE-NOBODY-42');
    expect(message()).toMatchObject({ kind: 'error', needsAck: true, text: 'That code is not SKU-MUG: put it back' });
    expect(shown()).not.toContain('BADGE-NOBODY-42');
    expect([lastSound(), soundCount()]).toEqual(['error', before + 1]);
    expect(signedIn()).toBe('Priya Packer');

    // An item barcode carries its own check: never a badge, so it is named (and main is not asked).
    useStation.getState().acknowledge();
    await controller.onScan('5012345678917');
    expect(message()).toMatchObject({ kind: 'error', text: '5012345678917 is not SKU-MUG: put it back' });
  });

  it('a code the station knows (another bin) is named and never asked of main, so wrong bins do not pause badge checks', async () => {
    await controller.startCart(1);
    await controller.onScan('T-01');
    for (let i = 0; i < 12; i++) {
      await controller.onScan(BIN_OTHER);
      expect(message()).toMatchObject({ kind: 'error', text: `Wrong bin: go to ${BIN_MUG} and scan its label` });
      useStation.getState().acknowledge();
    }
    await controller.onScan(BIN_MUG);
    for (let i = 0; i < 12; i++) {
      await controller.onScan(BIN_OTHER);
      expect(message()).toMatchObject({ kind: 'error', text: `${BIN_OTHER} is not SKU-MUG: put it back` });
      useStation.getState().acknowledge();
    }
    await controller.onScan(SAM.badge);
    await refreshPeople();
    expect(signedIn()).toBe('Sam Supervisor');
  });

  it('while badge checks are paused (a run of unknown codes), a badge is not shown: the screen says checks are paused and what to do', async () => {
    await atTheMugBin();
    for (let i = 0; i < 10; i++) {
      await controller.onScan(`GUESS-${i}-XYZ`);
      useStation.getState().acknowledge();
    }
    const before = soundCount();
    await controller.onScan(SAM.badge);
    await refreshPeople();
    expect(signedIn()).toBe('Priya Packer');
    expect(message()).toMatchObject({
      kind: 'error',
      needsAck: true,
      text: expect.stringMatching(
        /^That code is not SKU-MUG: put it back\. If you scanned a badge: badge checks are paused on this device for 1 min/,
      ),
    });
    expect(message()!.text).toContain('sign out and scan the badge to sign in, or ask a supervisor to clear the pause');
    expect(shown()).not.toContain(SAM.badge);
    expect([lastSound(), soundCount()]).toEqual(['error', before + 1]);

    // And while that error waits for its OK: not named among the codes not taken; said once, then only the error sound.
    await controller.onScan(SAM.badge);
    expect(message()).toMatchObject({
      needsAck: true,
      text: expect.stringMatching(/^A code scanned now is not taken and not shown: badge checks are paused/),
    });
    expect(message()!.text).toContain('Still to OK: That code is not SKU-MUG: put it back.');
    const said = message()!.text;
    await controller.onScan(SAM.badge);
    expect(message()!.text).toBe(said);
    expect(shown()).not.toContain(SAM.badge);
    expect([lastSound(), soundCount()]).toEqual(['error', before + 3]);
  });
});

describe('a badge scanned once the cart is picked', () => {
  it('hands over, and while badge checks are paused says so without showing it', async () => {
    await atTheMugBin();
    for (let i = 0; i < 10; i++) {
      await controller.onScan(`GUESS-${i}-XYZ`);
      useStation.getState().acknowledge();
    }
    for (const code of ['5012345678900', '5012345678900', 'T-01']) await controller.onScan(code);
    expect(message()).toMatchObject({ text: 'Cart picked: take the totes to packing' });
    await controller.onScan(SAM.badge);
    await refreshPeople();
    expect(signedIn()).toBe('Priya Packer');
    expect(message()).toMatchObject({
      kind: 'error',
      text: expect.stringMatching(
        /^Everything on this cart is picked: take the totes to packing\. If you scanned a badge: badge checks are paused/,
      ),
    });
    expect(shown()).not.toContain(SAM.badge);
    expect(lastSound()).toBe('error');
  });
});

describe('a badge scanned for a tote', () => {
  /** A cart of the one order, waiting for its tote. */
  async function cartWaitingForTote(): Promise<void> {
    await controller.startCart(1);
    expect(message()).toMatchObject({ text: 'Cart of 1: scan a tote for ORD-20261202-00077' });
  }
  const toteOnCart = () => usePick.getState().cart[0]?.tote ?? null;

  it('hands the device over and is not taken as the tote; a code of badge length without the tote prefix is refused unnamed', async () => {
    await cartWaitingForTote();
    await controller.onScan(SAM.badge);
    await refreshPeople();
    expect(signedIn()).toBe('Sam Supervisor');
    expect(message()).toMatchObject({ text: 'Sam Supervisor signed in, taking over from Priya Packer.' });
    expect(toteOnCart()).toBeNull();
    expect(shown()).not.toContain(SAM.badge);

    const before = soundCount();
    await controller.onScan('BADGE-NOBODY-42');
    expect(message()).toMatchObject({
      kind: 'error',
      needsAck: true,
      text: 'That is not a tote label (tote labels here start with T-): scan a tote for ORD-20261202-00077',
    });
    expect([lastSound(), soundCount()]).toEqual(['error', before + 1]);
    expect(toteOnCart()).toBeNull();
    useStation.getState().acknowledge();

    // A label with the prefix is a tote at any length, and so is one too short to be a badge.
    await controller.onScan('T-000123');
    expect(message()).toMatchObject({ kind: 'success', text: 'Tote T-000123 for ORD-20261202-00077. Go!' });
    controller.clearCart();
    await controller.startCart(1);
    await controller.onScan('B-7');
    expect(toteOnCart()).toBe('B-7');
  });

  it('while badge checks are paused, a badge is refused unnamed with the paused words', async () => {
    await cartWaitingForTote();
    for (let i = 0; i < 10; i++) {
      await controller.onScan(`GUESS-${i}-XYZ`);
      useStation.getState().acknowledge();
    }
    await controller.onScan(SAM.badge);
    expect(message()).toMatchObject({
      kind: 'error',
      text: expect.stringMatching(
        /^That is not a tote label \(tote labels here start with T-\): scan a tote for ORD-20261202-00077\. If you scanned a badge: badge checks are paused/,
      ),
    });
    expect(shown()).not.toContain(SAM.badge);
    expect(toteOnCart()).toBeNull();
  });

  it('takes the tote labels of the station’s own prefix (scanner settings)', async () => {
    // A supervisor at another device of the station sets the prefix.
    const supervisor = callMain(() => station.services, { deviceId: crypto.randomUUID() });
    await supervisor('station.sign-in', { badge: SAM.badge });
    await supervisor('settings.update', { scanner: { maxInterKeyMs: 50, minLength: 4, toteLabelPrefix: 'TOTE-' } });
    await cartWaitingForTote();
    await controller.onScan('T-000123');
    expect(message()).toMatchObject({ kind: 'error', text: expect.stringContaining('tote labels here start with TOTE-') });
    useStation.getState().acknowledge();
    await controller.onScan('TOTE-000123');
    expect(toteOnCart()).toBe('TOTE-000123');
  });
});
