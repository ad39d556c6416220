import { addRxPlugin } from 'rxdb/plugins/core';
import { RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FulfillmentDocument } from '../../src/shared/sync/fulfillment-document';
import type { ReturnStationDocument } from '../../src/shared/sync/return-document';
import type { StationRuntime } from '../../src/renderer/app/station-runtime';
import { useStation } from '../../src/renderer/app/station-store';
import { PRIYA, RAE, SAM, stationWithPeople, type StationWithPeople } from '../support/station-with-people';
import { createPackController, type PackController } from '../../src/renderer/features/pack/pack-controller';
import { createReturnsController, type ReturnsController } from '../../src/renderer/features/returns/returns-controller';

/**
 * Badges scanned on the pack screen and at the returns desk while main's badge check is paused
 * (the renderer's controllers on a memory database, against the real station services that keep
 * the sign-in list and the hand-over check): main cannot tell a badge then, so a code that could
 * be one and that the station does not know is refused without being shown.
 */
addRxPlugin(RxDBDevModePlugin);

const STATION = '33333333-3333-4333-8333-333333333333';
const WAREHOUSE = 'ffffffff-ffff-4fff-8fff-ffffffffffff';
const ORDER = 'ORD-20261202-00042';
const RMA = 'RMA-20261202-00007';

const order = (id: string, orderNumber: string, sku: string): FulfillmentDocument => ({
  id,
  orderId: crypto.randomUUID(),
  orderNumber,
  warehouseId: WAREHOUSE,
  status: 'in_progress',
  holds: [],
  claimedBy: STATION,
  lease: { stationName: 'Pack 1', expiresAt: '2099-01-01T00:00:00.000Z' },
  customerName: 'Ada Lovelace',
  shipTo: { name: 'Ada Lovelace', line1: '1 Analytical Row', city: 'London', postalCode: 'N1 1AA', country: 'GB' },
  lines: [{ lineId: crypto.randomUUID(), sku, barcode: null, name: sku, quantity: 1, verified: 0, packed: 0, shipped: 0 }],
  packages: [],
  appliedSeq: {},
  version: 1,
  createdAt: '2026-12-02T08:00:00.000Z',
  updatedAt: '2026-12-02T08:00:00.000Z',
});

const authorizedReturn = (): ReturnStationDocument => ({
  id: crypto.randomUUID(),
  number: RMA,
  orderId: crypto.randomUUID(),
  orderNumber: 'ORD-20261122-00001',
  customerName: 'Ada Lovelace',
  currency: 'GBP',
  warehouseId: WAREHOUSE,
  status: 'authorized',
  method: 'ship',
  resolution: 'refund',
  customerNote: null,
  rejectionReason: null,
  lines: [
    {
      id: crypto.randomUUID(),
      orderLineId: crypto.randomUUID(),
      sku: 'SKU-MUG',
      barcode: '5012345678900',
      name: 'Enamel mug',
      quantity: 1,
      receivedQuantity: 0,
      reasonCode: 'damaged',
      reasonNote: null,
      exchange: null,
      units: [],
    },
  ],
  replacementOrderId: null,
  refundRequest: null,
  milestones: { requested: '2026-12-02T08:00:00.000Z', authorized: '2026-12-02T08:00:00.000Z' },
  appliedSeq: {},
  version: 1,
  createdAt: '2026-12-02T08:00:00.000Z',
  updatedAt: '2026-12-02T08:00:00.000Z',
});

let station: StationWithPeople;
let rt: StationRuntime;

/** The sounds played (sounds.ts records each on the page's root element; here a stand-in for it). */
const lastSound = () => station.sounds.dataset.lastSound;
const soundCount = () => Number(station.sounds.dataset.soundCount ?? 0);

beforeEach(async () => {
  station = await stationWithPeople('pack-returns-badges', STATION, [PRIYA, RAE, SAM], { withBins: false });
  rt = station.rt;
  await rt.db.fulfillment_orders.bulkInsert([
    order(crypto.randomUUID(), ORDER, 'SKU-MUG'),
    order(crypto.randomUUID(), 'ORD-20261202-00043', 'SKU-TEE'),
  ]);
  await rt.db.returns.insert(authorizedReturn());
});

afterEach(() => station.stop());

const message = () => useStation.getState().message;
/** Everything said on screen, as text: the badge must be in none of it. */
const shown = () => JSON.stringify(message());
const signedIn = () => useStation.getState().people?.signedIn?.name;
const refreshPeople = async () => useStation.getState().setPeople(await rt.client.call('station.people'));

async function signIn(person: { badge: string }): Promise<void> {
  await rt.client.call('station.sign-in', { badge: person.badge });
  await refreshPeople();
}

/** Ten codes that are nobody's badge, each refused (and acknowledged): main pauses its badge check on this device. */
async function pauseBadgeChecks(onScan: (code: string) => Promise<void>): Promise<void> {
  for (let i = 0; i < 10; i++) {
    await onScan(`GUESS-${i}-XYZ`);
    expect(message()).toMatchObject({ kind: 'error', text: expect.stringContaining(`GUESS-${i}-XYZ`) });
    useStation.getState().acknowledge();
  }
}

const PAUSED =
  /If you scanned a badge: badge checks are paused on this device for 1 min after too many unknown codes\. To change who is signed in, sign out and scan the badge to sign in/;

describe('a badge scanned on the pack screen', () => {
  let pack: PackController;
  beforeEach(async () => {
    pack = createPackController(rt);
    await signIn(PRIYA);
    useStation.getState().show('pack');
  });
  afterEach(() => pack.close());

  it('while badge checks are paused, with no order open: refused with the error sound and the paused words, never named', async () => {
    await pauseBadgeChecks(pack.onScan);
    const before = soundCount();
    await pack.onScan(SAM.badge);
    await refreshPeople();
    expect(signedIn()).toBe('Priya Packer');
    expect(message()).toMatchObject({
      kind: 'error',
      needsAck: true,
      text: expect.stringMatching(/^That code is not an order assigned to this station\. /),
    });
    expect(message()!.text).toMatch(PAUSED);
    expect(shown()).not.toContain(SAM.badge);
    expect([lastSound(), soundCount()]).toEqual(['error', before + 1]);
  });

  it('while paused, with an order open: refused as not on it, unnamed; an item the station knows is still named', async () => {
    await pack.onScan(ORDER);
    expect(message()).toMatchObject({ kind: 'success', text: expect.stringContaining(`Opened ${ORDER}`) });
    await pauseBadgeChecks(pack.onScan);
    await pack.onScan(SAM.badge);
    expect(message()).toMatchObject({
      kind: 'error',
      text: expect.stringMatching(new RegExp(`^That code is not on ${ORDER}\\. Put it back\\. `)),
    });
    expect(message()!.text).toMatch(PAUSED);
    expect(shown()).not.toContain(SAM.badge);
    expect(useStation.getState().openFulfillmentOrderId).not.toBeNull();

    // Another order's item (this station holds that order): no badge, named as before.
    useStation.getState().acknowledge();
    await pack.onScan('SKU-TEE');
    expect(message()).toMatchObject({ kind: 'error', text: `SKU-TEE is not on ${ORDER}. Put it back.` });
  });

  it('another order’s item is named and not asked of main, so a packer’s wrong items do not pause badge checks', async () => {
    await pack.onScan(ORDER);
    for (let i = 0; i < 12; i++) {
      await pack.onScan('SKU-TEE');
      expect(message()).toMatchObject({ kind: 'error', text: `SKU-TEE is not on ${ORDER}. Put it back.` });
      useStation.getState().acknowledge();
    }
    await pack.onScan(SAM.badge);
    await refreshPeople();
    expect(signedIn()).toBe('Sam Supervisor');
    expect(shown()).not.toContain(SAM.badge);
  });

  it('not paused, a code main knows is no badge is named as before', async () => {
    await pack.onScan('BADGE-NOBODY-42');
    expect(message()).toMatchObject({ kind: 'error', text: 'BADGE-NOBODY-42 is not an order assigned to this station' });
  });
});

describe('a badge scanned at the returns desk', () => {
  let desk: ReturnsController;
  beforeEach(async () => {
    desk = createReturnsController(rt);
    await signIn(RAE);
    useStation.getState().show('returns');
  });
  afterEach(() => desk.close());

  it('while badge checks are paused, with a return open: refused as not on it, unnamed, with the paused words and the error sound', async () => {
    await desk.onScan(RMA);
    expect(message()).toMatchObject({ kind: 'success', text: expect.stringContaining(`Opened ${RMA}`) });
    await pauseBadgeChecks(desk.onScan);
    const before = soundCount();
    await desk.onScan(SAM.badge);
    await refreshPeople();
    expect(signedIn()).toBe('Rae Returns');
    expect(message()).toMatchObject({
      kind: 'error',
      needsAck: true,
      text: expect.stringMatching(new RegExp(`^That code is not on ${RMA}\\. Put it aside\\. `)),
    });
    expect(message()!.text).toMatch(PAUSED);
    expect(shown()).not.toContain(SAM.badge);
    expect([lastSound(), soundCount()]).toEqual(['error', before + 1]);
  });

  it('while paused, with no return open: refused as no open return, unnamed', async () => {
    await pauseBadgeChecks(desk.onScan);
    await desk.onScan(SAM.badge);
    expect(message()).toMatchObject({ kind: 'error', text: expect.stringMatching(/^That code is not an open return at this desk\. /) });
    expect(message()!.text).toMatch(PAUSED);
    expect(shown()).not.toContain(SAM.badge);
  });

  it('another order’s item is named and not asked of main, so a clerk’s wrong items do not pause badge checks', async () => {
    await desk.onScan(RMA);
    for (let i = 0; i < 12; i++) {
      await desk.onScan('SKU-TEE');
      expect(message()).toMatchObject({ kind: 'error', text: `SKU-TEE is not on ${RMA}. Put it aside.` });
      useStation.getState().acknowledge();
    }
    await desk.onScan(SAM.badge);
    await refreshPeople();
    expect(signedIn()).toBe('Sam Supervisor');
    expect(shown()).not.toContain(SAM.badge);
  });

  it('while paused, codes the desk knows are still named: an order’s item, and the open return’s item while an error waits', async () => {
    const lamp = authorizedReturn();
    lamp.number = 'RMA-20261202-00008';
    lamp.orderNumber = 'ORD-20261122-00002';
    lamp.lines = [{ ...lamp.lines[0]!, sku: 'SKU-LAMP', barcode: null, name: 'Desk lamp' }];
    await rt.db.returns.insert(lamp);
    await pauseBadgeChecks(desk.onScan);
    await desk.onScan('SKU-TEE');
    expect(message()).toMatchObject({ kind: 'error', text: 'SKU-TEE is not an open return at this desk' });

    useStation.getState().acknowledge();
    await desk.onScan(lamp.number);
    expect(message()).toMatchObject({ kind: 'success', text: expect.stringContaining(`Opened ${lamp.number}`) });
    await desk.onScan(SAM.badge); // cannot be told while paused: refused unnamed, waiting for its OK
    expect(message()!.text).toMatch(PAUSED);
    await desk.onScan('SKU-LAMP'); // the open return's item, scanned before the OK: not taken, named to scan again
    expect(message()).toMatchObject({
      text: expect.stringMatching(new RegExp(`^That code is not on ${lamp.number}\\. `)),
      notTaken: ['SKU-LAMP'],
    });
    expect(shown()).not.toContain(SAM.badge);
  });

  it('another return’s item is named by its name, even while badge checks are paused: the desk knows it is no badge', async () => {
    const lamp = authorizedReturn();
    lamp.id = crypto.randomUUID();
    lamp.number = 'RMA-20261202-00008';
    lamp.orderNumber = 'ORD-20261122-00002';
    lamp.lines = [{ ...lamp.lines[0]!, sku: 'SKU-LAMP', barcode: null, name: 'Desk lamp' }];
    await rt.db.returns.insert(lamp);
    await desk.onScan(RMA);
    await pauseBadgeChecks(desk.onScan);
    await desk.onScan('SKU-LAMP');
    expect(message()).toMatchObject({ kind: 'error', text: `Desk lamp (SKU-LAMP) is not on ${RMA}. Put it aside.` });
  });

  it('not paused, a code main knows is no badge is named as before', async () => {
    await desk.onScan(RMA);
    await desk.onScan('BADGE-NOBODY-42');
    expect(message()).toMatchObject({ kind: 'error', text: `BADGE-NOBODY-42 is not on ${RMA}. Put it aside.` });
  });
});
