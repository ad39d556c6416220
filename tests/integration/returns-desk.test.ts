import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addRxPlugin, createRxDatabase } from 'rxdb/plugins/core';
import { RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ReturnDocument } from '../../src/shared/api/returns';
import { refundOnCompletion } from '../../src/shared/domain/return-refund';
import type { StationEvent } from '../../src/shared/events/station-events';
import type { FulfillmentDocument } from '../../src/shared/sync/fulfillment-document';
import type { PullRequest, PullResponse, PushResponse } from '../../src/shared/sync/sync-protocol';
import type { StationRuntime } from '../../src/renderer/app/station-runtime';
import { useStation } from '../../src/renderer/app/station-store';
import { startPullReplication } from '../../src/renderer/db/pull-replication';
import { outboxSchema } from '../../src/renderer/db/schemas';
import { openStationDatabase } from '../../src/renderer/db/station-database';
import { createSyncOutbox } from '../../src/renderer/db/sync-outbox';
import { createReturnsController } from '../../src/renderer/features/returns/returns-controller';
import { loadReturnView } from '../../src/renderer/features/returns/return-view';
import { listedReturns } from '../../src/renderer/features/returns/return-queue';
import { rememberOpenReturn } from '../../src/renderer/features/returns/remembered-return';
import { sayOpenReturnClosed } from '../../src/renderer/features/returns/open-return-closed';
import type { ReturnStationDocument } from '../../src/shared/sync/return-document';
import type { StationClient } from '../../src/renderer/station-client/index';
import { createStationServices, type StationServices } from '../../src/main/services/station-services';
import { fileSecretStore } from '../../src/main/services/secret-store';
import { seqBlocks } from '../../src/renderer/station-client/seq-blocks';
import { openStationSeqs } from '../../src/main/services/station-seqs';
import { sampleOrder, setUpWarehouse, startTestServer, type TestServer } from '../../src/server/testing/test-server';
import { eventually } from '../../src/server/testing/test-support';
import { callMain } from '../support/main-call';

/**
 * The returns desk (the renderer's returns controller, RxDB database and sync code, on memory
 * storage with dev-mode and schema validation) against a real central server over HTTP: the
 * return replicates down, the clerk receives and grades by scans with the server unreachable,
 * and the events go up once when it is back.
 */
addRxPlugin(RxDBDevModePlugin);

let t: TestServer;
let station: Awaited<ReturnType<typeof setUpWarehouse>>;
let clerk: { id: string; name: string; role: 'returns' };
/** The station's main (its services, no printer routed): what the desk asks of it, such as where to print. */
let services: StationServices;
const DEVICE = { deviceId: crypto.randomUUID() };
const client: StationClient = {
  call: callMain(() => services, DEVICE),
  pair: async () => undefined,
  listen: () => () => undefined,
};
const storage = () => wrappedValidateAjvStorage({ storage: getRxStorageMemory() });

beforeAll(async () => {
  t = await startTestServer();
  station = await setUpWarehouse(t, 'RET-1', { 'SKU-MUG': 20, 'SKU-TEE': 20 });
  const res = await t.api('POST', '/v1/users', {
    body: { name: 'Rae Returns', role: 'returns', warehouseId: station.warehouseId, pin: '9157' },
  });
  clerk = { id: res.body.id, name: res.body.name, role: 'returns' };
  const servicesDir = mkdtempSync(join(tmpdir(), 'dockside-returns-services-'));
  dataDirs.push(servicesDir);
  services = await createStationServices({ dataDir: servicesDir, secrets: fileSecretStore(servicesDir) });
});
const dataDirs: string[] = [];
afterAll(async () => {
  await services?.close();
  await t.close();
  for (const d of dataDirs) rmSync(d, { recursive: true, force: true });
});
beforeEach(() => {
  // Files share a worker (vitest.config.ts): start from the store's initial state, not another file's.
  useStation.setState(useStation.getInitialState(), true);
  useStation.setState({
    openReturnId: null,
    message: null,
    people: { users: [clerk], refreshedAt: new Date().toISOString(), signedIn: clerk },
  });
});

const pull = async (req: PullRequest) =>
  (await t.api('POST', '/v1/sync/pull', { token: station.stationToken, body: req })).body as PullResponse;
const pushOnline = async (events: StationEvent[]) => {
  const res = await t.api('POST', '/v1/sync/push', { token: station.stationToken, body: { events } });
  if (res.status !== 200) throw new Error(`push failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as PushResponse;
};

/** A shipped order (2 mugs, 1 tee) and an authorized return of all of it, made through the API. */
async function authorizedReturn(): Promise<ReturnDocument> {
  const created = await t.api('POST', '/v1/orders', {
    body: sampleOrder({
      lines: [
        { sku: 'SKU-MUG', barcode: '5012345678900', name: 'Enamel mug', quantity: 2, unitPriceMinor: 1200, taxRateBps: 2000 },
        { sku: 'SKU-TEE', barcode: '5012345678917', name: 'Cotton tee', quantity: 1, unitPriceMinor: 2000, taxRateBps: 2000 },
      ],
    }),
  });
  for (const fo of created.body.fulfillmentOrders as FulfillmentDocument[]) {
    const pkg = await t.api('POST', `/v1/fulfillment-orders/${fo.id}/packages`, {
      body: { contents: fo.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })) },
    });
    await t.api('POST', `/v1/packages/${pkg.body.id}/ship`, { body: { carrier: 'DPD', trackingNumbers: ['T1'] } });
  }
  const order = (await t.api('GET', `/v1/orders/${created.body.id}`)).body;
  const lines = order.lines.map((l: { id: string; quantity: number }) => ({ lineId: l.id, quantity: l.quantity, reasonCode: 'damaged' }));
  return (await t.api('POST', `/v1/orders/${order.id}/returns`, { body: { lines, authorize: true, warehouseId: station.warehouseId } }))
    .body as ReturnDocument;
}

async function openDesk(online: { value: boolean }) {
  const db = await openStationDatabase(`returns-${crypto.randomUUID().slice(0, 8)}`, storage(), { withBins: false });
  // As the station runtime wires it: a return the pull removes while it is open here is said.
  const replication = startPullReplication(
    db,
    pull,
    () => {},
    'returns',
    (gone) => void sayOpenReturnClosed(db, gone),
  );
  // The station's main hands out the seqs; as it does on connecting, it continues above the seq the server holds.
  const mainDataDir = mkdtempSync(join(tmpdir(), 'dockside-returns-main-'));
  dataDirs.push(mainDataDir);
  const seqs = await openStationSeqs(mainDataDir);
  await seqs.raiseFloor((await t.api('GET', '/v1/sync/hello', { token: station.stationToken })).body.lastSeq);
  const outbox = createSyncOutbox(
    db,
    station.stationId,
    (events) => (online.value ? pushOnline(events) : Promise.reject(new TypeError('fetch failed: connect ECONNREFUSED'))),
    seqBlocks(seqs.block),
  );
  const rt: StationRuntime = {
    db,
    outbox,
    stationId: station.stationId,
    client,
    pull: replication.resync,
    stop: async () => void (await db.close()),
  };
  return { db, replication, outbox, rt, controller: createReturnsController(rt) };
}

const message = () => useStation.getState().message;

describe('the returns desk at a station', () => {
  it('receives and grades by scans offline, then completes on the server once, with the refund from frozen prices', async () => {
    const r = await authorizedReturn();
    const online = { value: true };
    const desk = await openDesk(online);
    await eventually('the return to arrive', () => desk.db.returns.findOne(r.id).exec());
    online.value = false;

    await desk.controller.onScan(r.number);
    expect(useStation.getState().openReturnId).toBe(r.id);
    // A wrong item: an error that must be acknowledged; scans are ignored until it is.
    await desk.controller.onScan('4006381333931');
    expect(message()).toMatchObject({ kind: 'error', needsAck: true, text: expect.stringContaining('is not on') });
    await desk.controller.onScan('5012345678900');
    expect(await desk.db.outbox.count().exec()).toBe(0);
    useStation.getState().acknowledge();
    // An RMA or order number this desk has no open return for is said as what it is, not as an item.
    await desk.controller.onScan('RMA-20261122-00099');
    expect(message()).toMatchObject({
      kind: 'error',
      text: `RMA-20261122-00099 is not a return open at this desk: another warehouse’s, completed already, or not authorized yet. ${r.number} stays open.`,
    });
    useStation.getState().acknowledge();
    await desk.controller.onScan('ORD-20261122-00099');
    expect(message()!.text).toMatch(/^ORD-20261122-00099 has no return open at this desk: scan the RMA number/);
    useStation.getState().acknowledge();

    for (const code of ['5012345678900', '5012345678900', '5012345678917']) await desk.controller.onScan(code);
    expect(message()).toMatchObject({ kind: 'success', text: 'Everything received: 3 units. Grade each unit.' });
    await desk.controller.onScan('5012345678917');
    expect(message()).toMatchObject({ kind: 'error', text: expect.stringContaining('Too many') });
    useStation.getState().acknowledge();

    let view = (await loadReturnView(desk.db, station.stationId, r.id))!;
    expect(view.doc.status).toBe('received');
    const mug = view.doc.lines.find((l) => l.sku === 'SKU-MUG')!;
    const tee = view.doc.lines.find((l) => l.sku === 'SKU-TEE')!;
    await desk.controller.grade({ returnLineId: mug.id, number: 1 }, 'new', 'restock', null);
    expect(message()).toMatchObject({ kind: 'success', text: expect.stringMatching(/\. 2 units left to grade\.$/) });
    await desk.controller.grade({ returnLineId: mug.id, number: 2 }, 'damaged', 'quarantine', 'cracked handle');
    expect(message()).toMatchObject({ kind: 'success', text: expect.stringMatching(/\. 1 unit left to grade\.$/) });
    // Complete before every unit is graded: refused at once, nothing recorded.
    await desk.controller.complete();
    expect(message()).toMatchObject({ kind: 'error', text: expect.stringContaining('grade every received unit') });
    useStation.getState().acknowledge();
    await desk.controller.grade({ returnLineId: tee.id, number: 1 }, 'like_new', 'refurbish', null);
    expect(message()).toMatchObject({ text: `Every unit graded. Press Complete (or scan ${r.number} again) to release the refund.` });
    view = (await loadReturnView(desk.db, station.stationId, r.id))!;
    expect(view.doc.status).toBe('inspected');
    // Offline, the desk prices the refund as the server does at completion (checked below).
    expect(refundOnCompletion(view.doc)).toBe(2 * 1440 + 2400);
    // Scanning the RMA again completes it (the scanner-only way).
    await desk.controller.onScan(r.number);
    expect(message()).toMatchObject({
      text: `${r.number} completed: the refund request goes to the server when it is back. Scan the next RMA.`,
    });
    view = (await loadReturnView(desk.db, station.stationId, r.id))!;
    expect(view.doc.status).toBe('completed');
    expect(useStation.getState().openReturnId).toBeNull();
    const pending = await desk.db.outbox.find({ sort: [{ seq: 'asc' }] }).exec();
    expect(pending.map((e) => [e.type, e.state])).toEqual([
      ...Array.from({ length: 3 }, () => ['return-units-received', 'pending']),
      ...Array.from({ length: 3 }, () => ['return-unit-inspected', 'pending']),
      ['return-inspection-completed', 'pending'],
    ]);
    expect(pending.every((e) => e.toMutableJSON().actor.id === clerk.id)).toBe(true);
    expect((await t.api('GET', `/v1/returns/${r.id}`)).body.status).toBe('authorized');

    online.value = true;
    await desk.outbox.flush();
    expect(await desk.db.outbox.count({ selector: { state: 'applied' } }).exec()).toBe(7);
    await desk.outbox.flush(); // nothing goes twice
    const server = (await t.api('GET', `/v1/returns/${r.id}`)).body as ReturnDocument;
    expect(server.status).toBe('completed');
    expect(server.lines.find((l) => l.sku === 'SKU-MUG')!.units.map((u) => [u.condition, u.disposition, u.notes])).toEqual([
      ['new', 'restock', null],
      ['damaged', 'quarantine', 'cracked handle'],
    ]);
    expect(server.refundRequest).toMatchObject({ amountMinor: 2 * 1440 + 2400, currency: 'GBP' });
    const timeline = (await t.api('GET', `/v1/orders/${r.orderId}/timeline?limit=200`)).body.data as { stationSeq: number | null }[];
    expect(timeline.filter((e) => e.stationSeq !== null).map((e) => e.stationSeq)).toEqual(pending.map((e) => e.seq));

    // Completed, the return leaves the desk: it arrives as a tombstone.
    desk.replication.resync();
    await eventually('the completed return to leave the station', async () => !(await desk.db.returns.findOne(r.id).exec()));
    await desk.replication.stop();
    await desk.db.close();
  });

  it('says once, as an error, that the open RMA was cancelled while the desk was offline, and its offline receipts reach the server as conflicts', async () => {
    const r = await authorizedReturn();
    const online = { value: true };
    const desk = await openDesk(online);
    await eventually('the return to arrive', () => desk.db.returns.findOne(r.id).exec());
    await desk.controller.onScan(r.number);
    online.value = false;
    for (const code of ['5012345678900', '5012345678900', '5012345678917']) await desk.controller.onScan(code);
    expect(message()).toMatchObject({ kind: 'success', text: 'Everything received: 3 units. Grade each unit.' });
    // The office cancels it meanwhile: the server has not heard of the units.
    expect((await t.api('POST', `/v1/returns/${r.id}/cancel`, { body: { reason: 'customer kept it' } })).status).toBe(200);

    // Back online: the events go up first (catch-up order), then the pull brings the cancellation.
    online.value = true;
    await desk.outbox.flush();
    const states = (await desk.db.outbox.find({ selector: { subjectId: r.id } }).exec()).map((e) => [e.state, e.outcomeCode]);
    expect(states).toEqual(Array.from({ length: 3 }, () => ['conflicted', 'return_transition_forbidden']));
    desk.replication.resync();
    await eventually('the desk to close the cancelled RMA', () => useStation.getState().openReturnId === null);
    expect(message()).toMatchObject({
      kind: 'error',
      needsAck: true,
      text:
        `${r.number} was cancelled by the office (customer kept it): set its box aside and ask your supervisor.` +
        ' 3 units received here are on the server as a conflict for a supervisor.',
    });
    // Nothing recorded offline is lost: each receipt is on the timeline, conflicted, with a task.
    const timeline = (await t.api('GET', `/v1/orders/${r.orderId}/timeline?limit=200`)).body.data as { type: string; outcome: string }[];
    expect(timeline.filter((e) => e.type === 'return-units-received').map((e) => e.outcome)).toEqual([
      'conflicted',
      'conflicted',
      'conflicted',
    ]);
    await desk.replication.stop();
    await desk.db.close();
  });

  it('opens a return by its order number, closes receiving with what arrived, and refuses a packer', async () => {
    const r = await authorizedReturn();
    const desk = await openDesk({ value: true });
    await eventually('the return to arrive', () => desk.db.returns.findOne(r.id).exec());
    await desk.controller.onScan(r.orderNumber);
    expect(useStation.getState().openReturnId).toBe(r.id);
    await desk.controller.onScan('5012345678917');
    // Confirmed for a count the clerk no longer sees (a unit scanned since): asked again, nothing recorded.
    await desk.controller.closeReceiving(3);
    expect(message()).toMatchObject({
      kind: 'error',
      text: `${r.number} now has 2 units missing: press Nothing more in the box again`,
    });
    expect(await desk.db.outbox.count().exec()).toBe(1);
    useStation.getState().acknowledge();
    await desk.controller.closeReceiving(2);
    expect(message()).toMatchObject({ kind: 'success', text: `Receiving of ${r.number} closed with 1 of 3 units. Grade each unit.` });
    await eventually('the events to be applied', async () => (await desk.db.outbox.count({ selector: { state: 'applied' } }).exec()) === 2);
    expect((await t.api('GET', `/v1/returns/${r.id}`)).body).toMatchObject({
      status: 'received',
      lines: [{ receivedQuantity: 0 }, { receivedQuantity: 1 }],
    });
    // The server's document reflects the events: the view does not count them twice.
    desk.replication.resync();
    const reflected = await eventually('the server to reflect the events', async () => {
      const d = await desk.db.returns.findOne(r.id).exec();
      return d && d.appliedSeq[station.stationId] ? d : null;
    });
    expect(reflected.status).toBe('received');
    expect((await loadReturnView(desk.db, station.stationId, r.id))!.doc.lines.map((l) => l.receivedQuantity)).toEqual([0, 1]);

    const packer = { id: crypto.randomUUID(), name: 'Pat Packer', role: 'packer' as const };
    useStation.setState({ people: { users: [packer], refreshedAt: null, signedIn: packer } });
    const before = await desk.db.outbox.count().exec();
    await desk.controller.onScan(r.number);
    expect(message()).toMatchObject({ kind: 'error', text: expect.stringContaining('(packer) cannot receive returns') });
    expect(await desk.db.outbox.count().exec()).toBe(before);
    await desk.replication.stop();
    await desk.db.close();
  });

  it('says no refund follows when every unit goes back to the customer, and the server raises none', async () => {
    const r = await authorizedReturn();
    const desk = await openDesk({ value: true });
    await eventually('the return to arrive', () => desk.db.returns.findOne(r.id).exec());
    await desk.controller.onScan(r.number);
    for (const code of ['5012345678900', '5012345678900', '5012345678917']) await desk.controller.onScan(code);
    const lines = (await loadReturnView(desk.db, station.stationId, r.id))!.doc.lines;
    for (const l of lines)
      for (let n = 1; n <= l.quantity; n++)
        await desk.controller.grade({ returnLineId: l.id, number: n }, 'good', 'return_to_customer', null);
    expect(message()).toMatchObject({
      text: `Every unit graded: no refund, every unit goes back to the customer. Press Complete (or scan ${r.number} again) to close the return.`,
    });
    await desk.controller.complete();
    expect(message()).toMatchObject({
      text: `${r.number} completed with no refund: every unit goes back to the customer. Scan the next RMA.`,
    });
    await desk.outbox.flush();
    expect((await desk.db.outbox.find().exec()).every((e) => e.state === 'applied')).toBe(true);
    expect((await t.api('GET', `/v1/returns/${r.id}`)).body).toMatchObject({ status: 'completed', refundRequest: null });
    await desk.replication.stop();
    await desk.db.close();
  });

  it('acts once on a double-tapped button: one event each, and the server applies them all without a conflict', async () => {
    const r = await authorizedReturn();
    const online = { value: true };
    const desk = await openDesk(online);
    await eventually('the return to arrive', () => desk.db.returns.findOne(r.id).exec());
    online.value = false;
    const types = async () => (await desk.db.outbox.find({ sort: [{ seq: 'asc' }] }).exec()).map((e) => e.type);

    await desk.controller.onScan(r.number);
    for (const code of ['5012345678900', '5012345678900']) await desk.controller.onScan(code);
    // Two presses, the second before the first is recorded.
    await Promise.all([desk.controller.closeReceiving(1), desk.controller.closeReceiving(1)]);
    const mug = (await loadReturnView(desk.db, station.stationId, r.id))!.doc.lines.find((l) => l.sku === 'SKU-MUG')!;
    const first = { returnLineId: mug.id, number: 1 };
    await Promise.all([
      desk.controller.grade(first, 'damaged', 'quarantine', null),
      desk.controller.grade(first, 'damaged', 'quarantine', null),
    ]);
    // A tap that comes after the first was recorded: that unit is graded, so not the next one either.
    await desk.controller.grade(first, 'damaged', 'quarantine', null);
    expect(message()).toMatchObject({ kind: 'success', text: expect.stringMatching(/1 unit left to grade\.$/) });
    await desk.controller.grade({ returnLineId: mug.id, number: 2 }, 'new', 'restock', null);
    // Complete pressed twice while the RMA is scanned again: one completion.
    await Promise.all([desk.controller.complete(), desk.controller.complete(), desk.controller.onScan(r.number)]);
    await desk.controller.complete();
    expect(await types()).toEqual([
      'return-units-received',
      'return-units-received',
      'return-units-received',
      'return-unit-inspected',
      'return-unit-inspected',
      'return-inspection-completed',
    ]);

    online.value = true;
    await desk.outbox.flush();
    expect((await desk.db.outbox.find().exec()).map((e) => e.state)).toEqual(Array.from({ length: 6 }, () => 'applied'));
    const server = (await t.api('GET', `/v1/returns/${r.id}`)).body as ReturnDocument;
    expect(server.status).toBe('completed');
    expect(server.lines.find((l) => l.sku === 'SKU-MUG')!.units.map((u) => u.disposition)).toEqual(['quarantine', 'restock']);
    await desk.replication.stop();
    await desk.db.close();
  });

  it('changes a unit’s grade offline before Complete: the view and the refund follow the latest grade; after Complete grades are final', async () => {
    const r = await authorizedReturn();
    const online = { value: true };
    const desk = await openDesk(online);
    await eventually('the return to arrive', () => desk.db.returns.findOne(r.id).exec());
    online.value = false;
    await desk.controller.onScan(r.number);
    for (const code of ['5012345678900', '5012345678900', '5012345678917']) await desk.controller.onScan(code);
    const view = async () => (await loadReturnView(desk.db, station.stationId, r.id))!.doc;
    const [mug, tee] = (await view()).lines;
    await desk.controller.grade({ returnLineId: mug!.id, number: 1 }, 'new', 'restock', null);
    await desk.controller.grade({ returnLineId: mug!.id, number: 2 }, 'new', 'restock', null);
    await desk.controller.grade({ returnLineId: tee!.id, number: 1 }, 'like_new', 'refurbish', null);
    expect(refundOnCompletion(await view())).toBe(2 * 1440 + 2400);

    // A second look: the second mug is cracked. Two taps, one change.
    const second = { returnLineId: mug!.id, number: 2 };
    await Promise.all([
      desk.controller.regrade(second, { condition: 'damaged', disposition: 'quarantine' }, 'crack under the glaze'),
      desk.controller.regrade(second, { condition: 'damaged', disposition: 'quarantine' }, 'crack under the glaze'),
    ]);
    expect(message()).toMatchObject({ kind: 'success', text: 'Enamel mug, unit 2: now damaged → quarantine (was new → restock)' });
    // A cracked mug is not restocked, whatever button is pressed: refused, nothing recorded.
    await desk.controller.regrade(second, { condition: 'damaged', disposition: 'restock' }, null);
    expect(message()).toMatchObject({ kind: 'error', text: expect.stringContaining('is not restocked as sellable stock') });
    useStation.getState().acknowledge();
    // The first mug goes back to the customer: it is not refunded.
    await desk.controller.regrade({ returnLineId: mug!.id, number: 1 }, { condition: 'good', disposition: 'return_to_customer' }, null);
    const changed = await view();
    expect(changed.status).toBe('inspected');
    expect(changed.lines[0]!.units.map((u) => [u.condition, u.disposition, u.notes])).toEqual([
      ['good', 'return_to_customer', null],
      ['damaged', 'quarantine', 'crack under the glaze'],
    ]);
    expect(refundOnCompletion(changed)).toBe(1440 + 2400);

    await desk.controller.complete();
    expect(useStation.getState().openReturnId).toBeNull();
    // Another device of the station still shows it: a change now is refused in the clerk's words, and nothing is recorded.
    const recorded = await desk.db.outbox.count().exec();
    useStation.setState({ openReturnId: r.id });
    await desk.controller.regrade({ returnLineId: tee!.id, number: 1 }, { condition: 'defective', disposition: 'dispose' }, null);
    expect(message()).toMatchObject({
      kind: 'error',
      text: `${r.number} is completed: its grades are final (the refund and the stock were decided on them)`,
    });
    expect(await desk.db.outbox.count().exec()).toBe(recorded);
    useStation.getState().acknowledge();
    useStation.setState({ openReturnId: null });

    online.value = true;
    await desk.outbox.flush();
    const events = await desk.db.outbox.find({ sort: [{ seq: 'asc' }] }).exec();
    expect(events.filter((e) => e.type === 'return-unit-regraded').map((e) => [e.state, e.toMutableJSON().actor.id])).toEqual([
      ['applied', clerk.id],
      ['applied', clerk.id],
    ]);
    const server = (await t.api('GET', `/v1/returns/${r.id}`)).body as ReturnDocument;
    expect(server.lines[0]!.units.map((u) => u.disposition)).toEqual(['return_to_customer', 'quarantine']);
    expect(server.refundRequest).toMatchObject({ amountMinor: 1440 + 2400 });
    await desk.replication.stop();
    await desk.db.close();
  });

  it("lists each return as the desk left it, offline too: the stored copy folded with the station's pending events", async () => {
    const r = await authorizedReturn();
    const online = { value: true };
    const desk = await openDesk(online);
    await eventually('the return to arrive', () => desk.db.returns.findOne(r.id).exec());
    online.value = false;
    let listed: ReturnStationDocument[] = [];
    const subscription = listedReturns(desk.db, station.stationId, 100).subscribe((docs) => (listed = docs));
    const listedAs = (status: string) =>
      eventually(`the list to say ${status}`, () => listed.find((d) => d.id === r.id)?.status === status);

    await listedAs('authorized');
    await desk.controller.onScan(r.number);
    await desk.controller.onScan('5012345678917');
    await listedAs('partially_received');
    await desk.controller.closeReceiving(2);
    await listedAs('received');
    const tee = listed.find((d) => d.id === r.id)!.lines.find((l) => l.sku === 'SKU-TEE')!;
    await desk.controller.grade({ returnLineId: tee.id, number: 1 }, 'new', 'restock', null);
    await listedAs('inspected');
    await desk.controller.complete();
    await listedAs('completed');
    expect((await desk.db.returns.findOne(r.id).exec())!.status).toBe('authorized');
    subscription.unsubscribe();
    await desk.replication.stop();
    await desk.db.close();
  });

  it('after a reload, the RMA that was open opens again with what the desk did; after it is completed, none does', async () => {
    const kept = new Map<string, string>();
    const tab = {
      getItem: (k: string) => kept.get(k) ?? null,
      setItem: (k: string, v: string) => void kept.set(k, v),
      removeItem: (k: string) => void kept.delete(k),
    };
    const r = await authorizedReturn();
    const online = { value: true };
    const desk = await openDesk(online);
    await eventually('the return to arrive', () => desk.db.returns.findOne(r.id).exec());
    online.value = false;
    let memory = rememberOpenReturn(desk.rt, tab);
    const reload = async () => {
      memory.stop();
      useStation.setState(useStation.getInitialState(), true);
      memory = rememberOpenReturn(desk.rt, tab);
      await memory.reopened;
    };
    await desk.controller.onScan(r.number);
    await desk.controller.onScan('5012345678917');
    await reload();
    expect(useStation.getState().openReturnId).toBe(r.id);
    // The reopened RMA takes the next scan as before.
    await desk.controller.onScan('5012345678917');
    expect(message()).toMatchObject({ kind: 'error', text: expect.stringContaining('Too many') });
    useStation.getState().acknowledge();

    await desk.controller.closeReceiving(2);
    const tee = (await loadReturnView(desk.db, station.stationId, r.id))!.doc.lines.find((l) => l.sku === 'SKU-TEE')!;
    await desk.controller.grade({ returnLineId: tee.id, number: 1 }, 'new', 'restock', null);
    await desk.controller.complete();
    await reload();
    expect(useStation.getState().openReturnId).toBeNull();
    // Remembered but completed here meanwhile (another tab, say): not opened again.
    kept.set(`dockside.open-return.${station.stationId}`, r.id);
    await reload();
    expect(useStation.getState().openReturnId).toBeNull();
    memory.stop();
    await desk.replication.stop();
    await desk.db.close();
  });

  it('keeps outbox events written before returns existed: they are migrated, not dropped', async () => {
    const name = `upgrade-${crypto.randomUUID().slice(0, 8)}`;
    const old = await createRxDatabase({ name, storage: storage(), multiInstance: false });
    // The outbox as it was before returns (version 0): keyed by fulfillment order.
    const v0 = structuredClone({
      ...outboxSchema,
      version: 0,
      required: outboxSchema.required!.map((f) => (f === 'subjectId' ? 'fulfillmentOrderId' : f)),
      indexes: ['seq', ['state', 'seq'], ['fulfillmentOrderId', 'seq']],
    });
    delete (v0.properties as Record<string, unknown>).subjectId;
    delete (v0.properties as Record<string, unknown>).returnId;
    await old.addCollections({ outbox: { schema: v0 as never } });
    const fo = crypto.randomUUID();
    await old.outbox!.insert({
      id: crypto.randomUUID(),
      seq: 7,
      stationId: station.stationId,
      type: 'fulfillment-order-claimed',
      fulfillmentOrderId: fo,
      orderId: crypto.randomUUID(),
      actor: { kind: 'station', id: station.stationId },
      occurredAt: new Date().toISOString(),
      payload: {},
      state: 'pending',
      outcomeCode: null,
      outcomeMessage: null,
      ackedAt: null,
    });
    await old.close();
    const upgraded = await openStationDatabase(name, storage(), { withBins: false });
    const kept = await upgraded.outbox.find({ selector: { subjectId: fo } }).exec();
    expect(kept.map((e) => [e.seq, e.state])).toEqual([[7, 'pending']]);
    // Answered later, its document version is kept (version 2 of the outbox).
    expect(kept[0]!.reflectedInVersion).toBeNull();
    await upgraded.close();
  });
});
