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
 * A badge scanned while a unit waits for its serial or lot (a packer badging in by reflex): the
 * renderer's pack and returns controllers on a memory database, against the real station services
 * that keep the sign-in list and its checks. A badge is never recorded as a serial or lot, nor
 * shown, and the serials of honest work neither pause badge checks nor wait on them.
 */
addRxPlugin(RxDBDevModePlugin);

const STATION = '44444444-4444-4444-8444-444444444444';
const WAREHOUSE = 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee';
const ORDER = 'ORD-20261206-00042';
const RMA = 'RMA-20261206-00007';
const CAMERA = { lineId: crypto.randomUUID(), sku: 'SKU-CAM', barcode: null, name: 'Camera', quantity: 40, tracking: 'serial' as const };
const MILK = { lineId: crypto.randomUUID(), sku: 'SKU-MILK', barcode: null, name: 'Milk powder', quantity: 1, tracking: 'lot' as const };

const order = (): FulfillmentDocument => ({
  id: crypto.randomUUID(),
  orderId: crypto.randomUUID(),
  orderNumber: ORDER,
  warehouseId: WAREHOUSE,
  status: 'in_progress',
  holds: [],
  claimedBy: STATION,
  lease: { stationName: 'Pack 1', expiresAt: '2099-01-01T00:00:00.000Z' },
  customerName: 'Ada Lovelace',
  shipTo: { name: 'Ada Lovelace', line1: '1 Analytical Row', city: 'London', postalCode: 'N1 1AA', country: 'GB' },
  lines: [CAMERA, MILK].map((l) => ({ ...l, verified: 0, packed: 0, shipped: 0 })),
  packages: [],
  appliedSeq: {},
  version: 1,
  createdAt: '2026-12-06T08:00:00.000Z',
  updatedAt: '2026-12-06T08:00:00.000Z',
});

const PACKAGE = crypto.randomUUID();
const receivedReturn = (): ReturnStationDocument => ({
  id: crypto.randomUUID(),
  number: RMA,
  orderId: crypto.randomUUID(),
  orderNumber: 'ORD-20261122-00001',
  customerName: 'Ada Lovelace',
  currency: 'GBP',
  warehouseId: WAREHOUSE,
  status: 'received',
  method: 'ship',
  resolution: 'refund',
  customerNote: null,
  rejectionReason: null,
  lines: [
    {
      id: crypto.randomUUID(),
      orderLineId: crypto.randomUUID(),
      sku: 'SKU-CAM',
      barcode: null,
      name: 'Camera',
      quantity: 3,
      receivedQuantity: 3,
      reasonCode: 'damaged',
      reasonNote: null,
      exchange: null,
      units: [],
      shippedSerials: [{ serial: 'CAM-SN-000017', packageId: PACKAGE }],
    },
  ],
  replacementOrderId: null,
  refundRequest: null,
  milestones: { requested: '2026-12-02T08:00:00.000Z', authorized: '2026-12-02T08:00:00.000Z', received: '2026-12-05T08:00:00.000Z' },
  appliedSeq: {},
  version: 1,
  createdAt: '2026-12-02T08:00:00.000Z',
  updatedAt: '2026-12-05T08:00:00.000Z',
});

let station: StationWithPeople;
let rt: StationRuntime;
/** The calls the renderer made of main, by name: a code that cannot be a badge is asked of no one. */
let asked: string[];
/** The sounds played (sounds.ts records each on the page's root element; here a stand-in for it). */
let sounds: StationWithPeople['sounds'];

beforeEach(async () => {
  station = await stationWithPeople('badge-at-serial', STATION, [PRIYA, RAE, SAM], { withBins: false });
  ({ rt, asked, sounds } = station);
  await rt.db.fulfillment_orders.insert(order());
  await rt.db.returns.insert(receivedReturn());
});

afterEach(() => station.stop());

const message = () => useStation.getState().message;
const signedIn = () => useStation.getState().people?.signedIn?.name;
const refreshPeople = async () => useStation.getState().setPeople(await rt.client.call('station.people'));
const recorded = async () =>
  (await rt.outbox.settled(), await rt.db.outbox.find({ sort: [{ seq: 'asc' }] }).exec()).map((e) => e.toMutableJSON());
/** Everything the station holds or said: the badge must be in none of it. */
const everywhere = async () => JSON.stringify([message(), useStation.getState().unitCapture, await recorded()]);
const badgeCalls = () => asked.filter((n) => n === 'station.badge-at-serial').length;

async function signIn(person: { badge: string }): Promise<void> {
  await rt.client.call('station.sign-in', { badge: person.badge });
  await refreshPeople();
}

describe('a badge scanned while a unit waits for its serial or lot at the pack screen', () => {
  let pack: PackController;
  beforeEach(async () => {
    pack = createPackController(rt);
    await signIn(PRIYA);
    useStation.getState().show('pack');
    await pack.onScan(ORDER);
    expect(message()).toMatchObject({ kind: 'success', text: expect.stringContaining(`Opened ${ORDER}`) });
  });
  afterEach(() => pack.close());

  it('the packer’s own badge, or anyone’s: refused as no serial with the error sound, the unit still waiting, nothing recorded or handed over', async () => {
    await pack.onScan('SKU-CAM');
    expect(message()).toMatchObject({ text: 'Scan or type the serial number of this Camera' });
    for (const badge of [PRIYA.badge, SAM.badge]) {
      const sounded = Number(sounds.dataset.soundCount ?? 0);
      await pack.onScan(badge);
      expect(message()).toMatchObject({
        kind: 'error',
        needsAck: true,
        text: 'That is a badge, not a serial. Scan the serial on the unit.',
      });
      expect([sounds.dataset.lastSound, Number(sounds.dataset.soundCount)]).toEqual(['error', sounded + 1]);
      expect(useStation.getState().unitCapture).toMatchObject({ sku: 'SKU-CAM', mode: 'serial' });
      useStation.getState().acknowledge();
    }
    await refreshPeople();
    expect(signedIn()).toBe('Priya Packer');
    expect((await recorded()).filter((e) => e.type === 'item-verified')).toEqual([]);
    expect(await everywhere()).not.toMatch(/BADGE-/);

    // The serial on the unit is then taken.
    await pack.onScan('SN48213377');
    expect(message()).toMatchObject({ kind: 'success', text: 'Camera SN SN48213377 ✓ (1 of 41 scanned)' });
    expect((await recorded()).filter((e) => e.type === 'item-verified').map((e) => e.payload)).toEqual([
      expect.objectContaining({ lineId: CAMERA.lineId, serial: 'SN48213377' }),
    ]);
  });

  it('a badge as a lot is refused the same way', async () => {
    await pack.onScan('SKU-MILK');
    await pack.onScan(SAM.badge);
    expect(message()).toMatchObject({ kind: 'error', text: 'That is a badge, not a lot. Scan the lot on the unit.' });
    expect(useStation.getState().unitCapture).toMatchObject({ sku: 'SKU-MILK', mode: 'lot' });
    useStation.getState().acknowledge();
    await pack.onScan('L2026-11A');
    expect(message()).toMatchObject({ kind: 'success', text: expect.stringContaining('Milk powder LOT L2026-11A ✓') });
    expect(await everywhere()).not.toContain(SAM.badge);
  });

  it('a run of serials does not pause badge checks: a badge after them still hands over; codes that cannot be badges ask no one', async () => {
    for (let i = 0; i < 15; i++) {
      await pack.onScan('SKU-CAM');
      await pack.onScan(`SN-${String(i).padStart(6, '0')}`);
      expect(message()).toMatchObject({ kind: 'success', text: `Camera SN SN-${String(i).padStart(6, '0')} ✓ (${i + 1} of 41 scanned)` });
    }
    expect(badgeCalls()).toBe(15);
    // Too short to be a badge, and a GS1 label's serial (AI 21): recorded without asking main.
    await pack.onScan('SKU-CAM');
    await pack.onScan('SN123');
    await pack.onScan('SKU-CAM');
    await pack.onScan('(21)GS1-SN-77');
    expect(message()).toMatchObject({ kind: 'success', text: 'Camera SN GS1-SN-77 ✓ (17 of 41 scanned)' });
    expect(badgeCalls()).toBe(15);
    // No unit waiting: Sam's badge hands over, as it always has.
    await pack.onScan(SAM.badge);
    await refreshPeople();
    expect(signedIn()).toBe('Sam Supervisor');
  });

  it('while main’s check of serials is paused, a code that could be a badge is not taken, and not shown; a GS1 serial still is', async () => {
    for (let i = 0; i < 120; i++) await rt.client.call('station.badge-at-serial', { code: `GUESS-${i}-XYZ` });
    await pack.onScan('SKU-CAM');
    await pack.onScan(SAM.badge);
    expect(message()).toMatchObject({
      kind: 'error',
      text:
        'That code is not taken as the serial: it could be a badge, and badge checks of serials and lots are paused on this device ' +
        'for 5 min after too many codes. Ask a supervisor to clear the pause (Supervisor: Sign-in lockouts).',
    });
    expect(useStation.getState().unitCapture).toMatchObject({ sku: 'SKU-CAM' });
    useStation.getState().acknowledge();
    await pack.onScan('(21)GS1-SN-78');
    expect(message()).toMatchObject({ kind: 'success', text: 'Camera SN GS1-SN-78 ✓ (1 of 41 scanned)' });
    expect(await everywhere()).not.toContain(SAM.badge);
  });
});

describe('a badge in the serial field at the returns desk', () => {
  let desk: ReturnsController;
  let lineId: string;
  beforeEach(async () => {
    desk = createReturnsController(rt);
    await signIn(RAE);
    useStation.getState().show('returns');
    await desk.onScan(RMA);
    expect(message()).toMatchObject({ kind: 'success', text: expect.stringContaining(`Opened ${RMA}`) });
    lineId = (await rt.db.returns.findOne({ selector: { number: RMA } }).exec())!.toJSON().lines[0]!.id;
  });
  afterEach(() => desk.close());

  it('is refused and the unit is not graded; a serial that shipped is graded without asking main, another after asking', async () => {
    expect(await desk.grade({ returnLineId: lineId, number: 1 }, 'like_new', 'restock', null, RAE.badge)).toBe('serial-refused');
    expect(message()).toMatchObject({ kind: 'error', text: 'That is a badge, not a serial. Scan the serial on the unit.' });
    expect((await recorded()).filter((e) => e.type === 'return-unit-inspected')).toEqual([]);
    expect(await everywhere()).not.toContain(RAE.badge);
    useStation.getState().acknowledge();

    const before = badgeCalls();
    await desk.grade({ returnLineId: lineId, number: 1 }, 'like_new', 'restock', null, 'CAM-SN-000017');
    expect(badgeCalls()).toBe(before);
    await desk.grade({ returnLineId: lineId, number: 2 }, 'like_new', 'restock', null, 'CAM-SN-999999');
    expect(badgeCalls()).toBe(before + 1);
    expect((await recorded()).filter((e) => e.type === 'return-unit-inspected').map((e) => e.payload)).toEqual([
      expect.objectContaining({ serial: 'CAM-SN-000017' }),
      expect.objectContaining({ serial: 'CAM-SN-999999' }),
    ]);
  });
});
