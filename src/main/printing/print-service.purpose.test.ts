import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { HandlerError } from '../../shared/contract/dispatch';
import type { JobPurpose } from '../../shared/contract/printing';
import { buildSscc } from '../../shared/domain/gs1';
import { packingSlipData, shippingData, stationSettings, tcpPrinter, tempDataDir } from './testing/fixtures';
import { printServiceHarness } from './testing/print-service-harness';

/** What a job is for (a package's label or slip) and what the station recorded of it, in main's queue. */
const harness = printServiceHarness();
afterEach(() => harness.cleanUp());
const { printer, service } = harness;

const packageRef = () => ({ fulfillmentOrderId: randomUUID(), orderId: randomUUID(), packageId: randomUUID() });
const shipPurpose = (ref = packageRef()): JobPurpose => ({
  kind: 'ship-package',
  ...ref,
  actor: { kind: 'user', id: randomUUID(), name: 'Priya Packer' },
});

async function expectHandlerError(promise: Promise<unknown>, code: string, status: number): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HandlerError);
  expect((error as HandlerError).code).toBe(code);
  expect((error as HandlerError).status).toBe(status);
}

describe('print jobs with a purpose', () => {
  it('gives a package one label: asking again while it waits answers with it, and no SSCC is allocated', async () => {
    const dead = await printer('refuse');
    const zebra = tcpPrinter(dead.port);
    const s = await service(await tempDataDir(), stationSettings([zebra], { 'shipping-label': zebra.id }));
    const purpose = shipPurpose();
    const first = await s.print({ template: 'shipping-label', data: shippingData({ packageId: purpose.packageId }), purpose });
    expect(first).toMatchObject({ state: 'retrying', purpose, purposeRecordedAt: null, sscc: buildSscc(3, '0614141', 1) });

    const again = await s.print({
      template: 'shipping-label',
      data: shippingData({ packageId: purpose.packageId }),
      jobId: randomUUID(),
      purpose,
    });
    expect(again.id).toBe(first.id);
    expect(again.sscc).toBe(first.sscc);
    expect(s.listJobs()).toHaveLength(1);
    // The next label of another package gets the next serial: none was used up by the second request.
    const other = await s.print({ template: 'shipping-label', data: shippingData(), purpose: shipPurpose() });
    expect(other.sscc).toBe(buildSscc(3, '0614141', 2));
  });

  it('voids the waiting label and slip of an order that was cancelled, moved away or put on hold, with why, and nothing else', async () => {
    const dead = await printer('refuse');
    const zebra = tcpPrinter(dead.port);
    const s = await service(await tempDataDir(), stationSettings([zebra], { 'shipping-label': zebra.id, 'packing-slip': zebra.id }));
    const here = randomUUID();
    const [cancelled, moved, held, open, toStation, toPool] = [
      packageRef(),
      packageRef(),
      packageRef(),
      packageRef(),
      packageRef(),
      packageRef(),
    ];
    const slip = await s.print({ template: 'packing-slip', data: packingSlipData(1), purpose: { kind: 'package-slip', ...cancelled } });
    const label = await s.print({ template: 'shipping-label', data: shippingData(), purpose: shipPurpose(cancelled) });
    const movedLabel = await s.print({ template: 'shipping-label', data: shippingData(), purpose: shipPurpose(moved) });
    const heldLabel = await s.print({ template: 'shipping-label', data: shippingData(), purpose: shipPurpose(held) });
    const openLabel = await s.print({ template: 'shipping-label', data: shippingData(), purpose: shipPurpose(open) });
    const stationLabel = await s.print({ template: 'shipping-label', data: shippingData(), purpose: shipPurpose(toStation) });
    const poolLabel = await s.print({ template: 'shipping-label', data: shippingData(), purpose: shipPurpose(toPool) });
    const voided = await s.voidForPulledOrders(
      [
        { id: cancelled.fulfillmentOrderId, status: 'cancelled', orderNumber: 'ORD-C', claimedBy: here },
        { id: moved.fulfillmentOrderId, status: 'incomplete', orderNumber: 'ORD-M', claimedBy: null },
        { id: held.fulfillmentOrderId, status: 'on_hold', orderNumber: 'ORD-H', holds: ['address_check'], claimedBy: here },
        { id: open.fulfillmentOrderId, status: 'in_progress', orderNumber: 'ORD-O', claimedBy: here },
        // A supervisor moved these while this station packed them offline: the box here is a conflict.
        {
          id: toStation.fulfillmentOrderId,
          status: 'in_progress',
          orderNumber: 'ORD-S',
          claimedBy: randomUUID(),
          lease: { stationName: 'Pack 2', expiresAt: '2099-01-01T00:00:00.000Z' },
        },
        { id: toPool.fulfillmentOrderId, status: 'open', orderNumber: 'ORD-P', claimedBy: null },
      ],
      here,
    );
    expect(voided.map((j) => j.id).sort()).toEqual([slip.id, label.id, movedLabel.id, heldLabel.id, stationLabel.id, poolLabel.id].sort());
    expect(s.get(label.id)).toMatchObject({ state: 'voided', voidReason: 'ORD-C was cancelled: do not ship this box; unpack it' });
    expect(s.get(movedLabel.id).voidReason).toBe('ORD-M was moved to another warehouse: do not ship this box; unpack it');
    expect(s.get(heldLabel.id).voidReason).toBe(
      'ORD-H is on hold (address check): put the box aside; Ship prints it a new label once the order is released',
    );
    expect(s.get(stationLabel.id).voidReason).toBe(
      'ORD-S was moved to Pack 2: do not ship this box; put its items back (a supervisor has the task)',
    );
    expect(s.get(poolLabel.id).voidReason).toBe(
      'ORD-P was moved back to the pool: do not ship this box; put its items back (a supervisor has the task)',
    );
    expect(s.get(openLabel.id)).toMatchObject({ state: 'retrying' });
    // Asked again (the next pull): nothing more to void.
    expect(await s.voidForPulledOrders([{ id: cancelled.fulfillmentOrderId, status: 'cancelled', orderNumber: 'ORD-C' }], here)).toEqual(
      [],
    );
  });

  it('voids a label on the wire when its order is cancelled: its unsure send is never sent again, and the packer is told to unpack', async () => {
    const stalling = await printer('stall');
    const zebra = tcpPrinter(stalling.port);
    const s = await service(await tempDataDir(), stationSettings([zebra], { 'shipping-label': zebra.id }));
    const ref = packageRef();
    const printing = s.print({ template: 'shipping-label', data: shippingData(), purpose: shipPurpose(ref) });
    // The printer took the first bytes and stopped reading: the label is on the wire when the pull says the order was cancelled.
    await stalling.waitForStalls(1);
    const [sending] = s.listJobs();
    expect(sending).toMatchObject({ state: 'sending' });
    const voided = await s.voidForPulledOrders([{ id: ref.fulfillmentOrderId, status: 'cancelled', orderNumber: 'ORD-C' }], randomUUID());
    expect(voided.map((j) => j.id)).toEqual([sending!.id]);
    // The send ends unsure (it may have printed): the label stays void, and nobody is asked to print it again.
    await printing;
    await expect.poll(() => s.get(sending!.id).attemptStartedAt).toBeNull();
    expect(s.get(sending!.id)).toMatchObject({ state: 'voided', voidReason: 'ORD-C was cancelled: do not ship this box; unpack it' });
    await expectHandlerError(s.answerUnconfirmed(sending!.id, 'print-again'), 'print_job_not_unconfirmed', 409);
    stalling.setMode('accept');
    await expectHandlerError(s.retryNow(sending!.id), 'print_job_voided', 409);
    expect(stalling.jobs).toHaveLength(0);
  });

  it('leaves a label made after the pull was asked: the pull is older than the order taken since', async () => {
    const dead = await printer('refuse');
    const zebra = tcpPrinter(dead.port);
    const s = await service(await tempDataDir(), stationSettings([zebra], { 'shipping-label': zebra.id }));
    const here = randomUUID();
    const [before, after] = [packageRef(), packageRef()];
    const older = await s.print({ template: 'shipping-label', data: shippingData(), purpose: shipPurpose(before) });
    const pulledAt = new Date(Date.now() + 1).toISOString();
    await new Promise((r) => setTimeout(r, 5));
    // Asked while the order was still in the pool; the packer took it and shipped before the answer came.
    const newer = await s.print({ template: 'shipping-label', data: shippingData(), purpose: shipPurpose(after) });
    const inPool = (ref: typeof before, orderNumber: string) => ({
      id: ref.fulfillmentOrderId,
      status: 'open' as const,
      orderNumber,
      claimedBy: null,
    });
    const voided = await s.voidForPulledOrders([inPool(before, 'ORD-1'), inPool(after, 'ORD-2')], here, pulledAt);
    expect(voided.map((j) => j.id)).toEqual([older.id]);
    expect(s.get(newer.id).state).toBe('retrying');
  });

  it("a held order's box keeps the slip that printed: after the release, Ship prints it a new label and no second slip", async () => {
    const dead = await printer('refuse');
    const laser = await printer();
    const zebra = tcpPrinter(dead.port);
    const slips = { ...tcpPrinter(laser.port), name: 'Slip printer' };
    const s = await service(await tempDataDir(), stationSettings([zebra, slips], { 'shipping-label': zebra.id, 'packing-slip': slips.id }));
    const box = packageRef();
    const slipPurpose: JobPurpose = { kind: 'package-slip', ...box };
    const slip = await s.print({ template: 'packing-slip', data: packingSlipData(1), purpose: slipPurpose });
    const label = await s.print({ template: 'shipping-label', data: shippingData(), purpose: shipPurpose(box) });
    expect([slip.state, label.state]).toEqual(['printed', 'retrying']);

    const held = { id: box.fulfillmentOrderId, status: 'on_hold' as const, orderNumber: 'ORD-H', holds: ['incorrect_address'] };
    expect((await s.voidForPulledOrders([held], null)).map((j) => j.id)).toEqual([label.id]);

    // Released, the packer presses Ship again: the slip asked for is the one in the box; the label is new.
    dead.setMode('accept');
    const slipAgain = await s.print({ template: 'packing-slip', data: packingSlipData(1), purpose: slipPurpose });
    const newLabel = await s.print({ template: 'shipping-label', data: shippingData(), purpose: shipPurpose(box) });
    expect(slipAgain.id).toBe(slip.id);
    expect(newLabel).toMatchObject({ state: 'printed' });
    expect(newLabel.id).not.toBe(label.id);
    expect(laser.jobs).toHaveLength(1);
    expect(dead.jobs).toHaveLength(1);
  });

  it("voids every waiting label and slip of a box being unpacked, and refuses when the box's label has printed", async () => {
    const dead = await printer('refuse');
    const live = await printer();
    const zebra = tcpPrinter(dead.port);
    const working = tcpPrinter(live.port);
    const s = await service(
      await tempDataDir(),
      stationSettings([zebra, working], { 'shipping-label': zebra.id, 'packing-slip': zebra.id }),
    );
    const box = packageRef();
    const slip = await s.print({ template: 'packing-slip', data: packingSlipData(1), purpose: { kind: 'package-slip', ...box } });
    const label = await s.print({ template: 'shipping-label', data: shippingData(), purpose: shipPurpose(box) });
    const other = await s.print({ template: 'shipping-label', data: shippingData(), purpose: shipPurpose() });
    expect((await s.voidPackage(box.packageId)).map((j) => j.id).sort()).toEqual([slip.id, label.id].sort());
    expect([s.get(slip.id).state, s.get(label.id).state, s.get(other.id).state]).toEqual(['voided', 'voided', 'retrying']);
    expect(await s.voidPackage(box.packageId)).toEqual([]);

    const shipped = packageRef();
    const printed = await s.print({
      template: 'shipping-label',
      data: shippingData(),
      purpose: shipPurpose(shipped),
      printerId: working.id,
    });
    expect(printed.state).toBe('printed');
    await expectHandlerError(s.voidPackage(shipped.packageId), 'print_job_already_printed', 409);
    expect(s.get(printed.id).state).toBe('printed');
  });

  it("keeps a package's slip apart from its label, and refuses a purpose on the wrong template", async () => {
    const vp = await printer();
    const zebra = tcpPrinter(vp.port);
    const s = await service(await tempDataDir(), stationSettings([zebra], { 'shipping-label': zebra.id, 'packing-slip': zebra.id }));
    const ref = packageRef();
    const slip = await s.print({ template: 'packing-slip', data: packingSlipData(2), purpose: { kind: 'package-slip', ...ref } });
    const label = await s.print({ template: 'shipping-label', data: shippingData(), purpose: shipPurpose(ref) });
    expect(label.id).not.toBe(slip.id);
    expect((await s.print({ template: 'packing-slip', data: packingSlipData(2), purpose: { kind: 'package-slip', ...ref } })).id).toBe(
      slip.id,
    );
    await expectHandlerError(
      s.print({ template: 'packing-slip', data: packingSlipData(1), purpose: shipPurpose() }),
      'purpose_mismatch',
      400,
    );
    await vp.waitForJobs(2);
    expect(vp.jobs).toHaveLength(2);
  });

  it('refuses to void a printed label of a box (it shipped the box), while a waiting one is voided', async () => {
    const vp = await printer();
    const dead = await printer('refuse');
    const zebra = tcpPrinter(vp.port);
    const off = { ...tcpPrinter(dead.port), name: 'Zebra off' };
    const s = await service(await tempDataDir(), stationSettings([zebra, off], { 'shipping-label': zebra.id }));
    const shipped = await s.print({ template: 'shipping-label', data: shippingData(), purpose: shipPurpose() });
    expect(shipped.state).toBe('printed');
    await expectHandlerError(s.void(shipped.id), 'print_job_label_shipped', 409);
    expect(s.get(shipped.id).state).toBe('printed');
    const waiting = await s.print({ template: 'shipping-label', data: shippingData(), purpose: shipPurpose(), printerId: off.id });
    expect((await s.void(waiting.id)).state).toBe('voided');
  });

  it('lists printed labels whose shipment is not recorded, until the station marks them', async () => {
    const vp = await printer();
    const zebra = tcpPrinter(vp.port);
    const dataDir = await tempDataDir();
    const settings = stationSettings([zebra], { 'shipping-label': zebra.id });
    const s = await service(dataDir, settings);
    const label = await s.print({ template: 'shipping-label', data: shippingData(), purpose: shipPurpose() });
    const plain = await s.print({ template: 'shipping-label', data: shippingData() });
    expect([label.state, plain.state]).toEqual(['printed', 'printed']);
    expect(s.listJobs({ unrecorded: true }).map((j) => j.id)).toEqual([label.id]);
    await expectHandlerError(s.markRecorded(plain.id), 'print_job_not_awaiting_record', 409);
    await s.close();

    // Still unrecorded after a restart; marked, it is not listed again (and marking twice is harmless).
    const restarted = await service(dataDir, settings);
    expect(restarted.listJobs({ unrecorded: true }).map((j) => j.id)).toEqual([label.id]);
    const marked = await restarted.markRecorded(label.id);
    expect(marked.purposeRecordedAt).not.toBeNull();
    expect((await restarted.markRecorded(label.id)).purposeRecordedAt).toBe(marked.purposeRecordedAt);
    expect(restarted.listJobs({ unrecorded: true })).toEqual([]);
  });

  it('refuses to mark a label that has not printed', async () => {
    const dead = await printer('refuse');
    const zebra = tcpPrinter(dead.port);
    const s = await service(await tempDataDir(), stationSettings([zebra], { 'shipping-label': zebra.id }));
    const label = await s.print({ template: 'shipping-label', data: shippingData(), purpose: shipPurpose() });
    await expectHandlerError(s.markRecorded(label.id), 'print_job_not_awaiting_record', 409);
  });

  it('a label moved to another printer carries its purpose; the package still has one live label', async () => {
    const dead = await printer('refuse');
    const spare = await printer();
    const zebra = tcpPrinter(dead.port);
    const other = { ...tcpPrinter(spare.port), name: 'Zebra 2' };
    const s = await service(await tempDataDir(), stationSettings([zebra, other], { 'shipping-label': zebra.id }));
    const purpose = shipPurpose();
    const waiting = await s.print({ template: 'shipping-label', data: shippingData(), purpose });
    const moved = await s.reprint(waiting.id, other.id);
    expect(moved).toMatchObject({ state: 'printed', purpose, purposeRecordedAt: null, sscc: waiting.sscc, reprintOf: waiting.id });
    expect(s.listJobs({ unrecorded: true }).map((j) => j.id)).toEqual([moved.id]);
    // Ship again now answers with the moved copy.
    expect((await s.print({ template: 'shipping-label', data: shippingData(), purpose })).id).toBe(moved.id);
  });

  it('"reprint" of a label still waiting for its own printer sends it again instead of queuing a second copy', async () => {
    const vp = await printer('refuse');
    const zebra = tcpPrinter(vp.port);
    const s = await service(await tempDataDir(), stationSettings([zebra], { 'shipping-label': zebra.id }));
    const waiting = await s.print({ template: 'shipping-label', data: shippingData(), purpose: shipPurpose() });
    expect(waiting.attempts).toBe(1);
    const again = await s.reprint(waiting.id);
    expect(again).toMatchObject({ id: waiting.id, state: 'retrying', attempts: 2 });
    vp.setMode('accept');
    const printed = await s.reprint(waiting.id);
    expect(printed).toMatchObject({ id: waiting.id, state: 'printed' });
    expect(s.listJobs()).toHaveLength(1);
    expect(vp.jobs).toHaveLength(1);
  });
});
