import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { HandlerError } from '../../shared/contract/dispatch';
import type { JobPurpose } from '../../shared/contract/printing';
import { buildSscc } from '../../shared/domain/gs1';
import { shippingData, stationSettings, tcpPrinter, tempDataDir } from './testing/fixtures';
import { printServiceHarness } from './testing/print-service-harness';

/**
 * A supervisor relabelled a parcel (a duplicate-sscc task): the fulfillment document the pull
 * brings says so (the package's relabels), and the label with the old SSCC never prints again here.
 */
const harness = printServiceHarness();
afterEach(() => harness.cleanUp());
const { printer, service } = harness;

const NEW_SSCC = buildSscc(9, '0614141', 777);
const here = randomUUID();

/** Two packages of one order, labelled at this station: the first is the one relabelled. */
function order() {
  const ref = { fulfillmentOrderId: randomUUID(), orderId: randomUUID(), packageId: randomUUID() };
  const purpose = (packageId: string): JobPurpose => ({
    kind: 'ship-package',
    ...ref,
    packageId,
    actor: { kind: 'user', id: randomUUID(), name: 'Priya Packer' },
  });
  const other = randomUUID();
  /** The order as the pull says it once Sam relabelled the first parcel at the supervisor's desk. */
  const pulled = (previousSscc: string) => ({
    id: ref.fulfillmentOrderId,
    status: 'in_progress' as const,
    orderNumber: 'ORD-1',
    claimedBy: here,
    packages: [
      {
        id: ref.packageId,
        relabels: [{ previousSscc, sscc: NEW_SSCC, by: 'Sam', stationName: 'Supervisor desk', at: new Date().toISOString() }],
      },
      { id: other },
    ],
  });
  return { relabelled: purpose(ref.packageId), other: purpose(other), pulled };
}

async function refusal(promise: Promise<unknown>): Promise<HandlerError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HandlerError);
  return error as HandlerError;
}

const WORDS = (old: string) =>
  `was relabelled with SSCC ${NEW_SSCC} by Sam: its old label (SSCC ${old}) must not print again; print the new label from the print queue at Supervisor desk`;

describe("a relabelled parcel's old label", () => {
  it('is voided while it waits, however new; a printed one stays printed and Reprint refuses it; other labels are left', async () => {
    const live = await printer();
    const dead = await printer('refuse');
    const zebra = tcpPrinter(live.port);
    const off = { ...tcpPrinter(dead.port), name: 'Zebra off' };
    const s = await service(await tempDataDir(), stationSettings([zebra, off], { 'shipping-label': zebra.id }));
    const { relabelled, other, pulled } = order();
    const label = await s.print({ template: 'shipping-label', data: shippingData(), purpose: relabelled });
    const otherLabel = await s.print({ template: 'shipping-label', data: shippingData(), purpose: other });
    expect([label.state, otherLabel.state]).toEqual(['printed', 'printed']);
    const pulledAt = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    // A packer reprinted the old label to a printer that is off, after the pull was asked: it waits there.
    const copy = await s.reprint(label.id, off.id);
    expect(copy).toMatchObject({ state: 'retrying', sscc: label.sscc });

    const voided = await s.voidForPulledOrders([pulled(label.sscc!)], here, pulledAt);
    expect(voided.map((j) => j.id)).toEqual([copy.id]);
    expect(s.get(copy.id)).toMatchObject({ state: 'voided', voidReason: `ORD-1's parcel ${WORDS(label.sscc!)}` });
    expect(s.get(label.id)).toMatchObject({ state: 'printed', relabelled: { previousSscc: label.sscc, sscc: NEW_SSCC, by: 'Sam' } });
    expect(s.get(otherLabel.id)).toMatchObject({ state: 'printed' });
    expect(s.get(otherLabel.id).relabelled).toBeUndefined();

    const refused = await refusal(s.reprint(label.id));
    expect([refused.code, refused.status, refused.message]).toEqual(['print_job_relabelled', 409, `This parcel ${WORDS(label.sscc!)}`]);
    expect((await refusal(s.reprint(copy.id))).code).toBe('print_job_relabelled');
    // The printer back: nothing with the old SSCC comes out of either printer again.
    dead.setMode('accept');
    await refusal(s.retryNow(copy.id));
    expect(live.jobs).toHaveLength(2);
    expect(dead.jobs).toHaveLength(0);
    // The other parcel's label reprints as ever.
    expect((await s.reprint(otherLabel.id)).state).toBe('printed');
  });

  it('is voided on the wire too: a send that ends unsure is never sent again', async () => {
    const stalling = await printer('stall');
    const zebra = tcpPrinter(stalling.port);
    const s = await service(await tempDataDir(), stationSettings([zebra], { 'shipping-label': zebra.id }));
    const { relabelled, pulled } = order();
    const printing = s.print({ template: 'shipping-label', data: shippingData(), purpose: relabelled });
    await stalling.waitForStalls(1);
    const [sending] = s.listJobs();
    expect(sending).toMatchObject({ state: 'sending' });
    expect((await s.voidForPulledOrders([pulled(sending!.sscc!)], here)).map((j) => j.id)).toEqual([sending!.id]);
    await printing;
    await expect.poll(() => s.get(sending!.id).attemptStartedAt).toBeNull();
    expect(s.get(sending!.id)).toMatchObject({ state: 'voided', relabelled: { previousSscc: sending!.sscc, sscc: NEW_SSCC } });
    stalling.setMode('accept');
    expect((await refusal(s.retryNow(sending!.id))).code).toBe('print_job_voided');
    expect((await refusal(s.reprint(sending!.id))).code).toBe('print_job_relabelled');
    expect(stalling.jobs).toHaveLength(0);
  });

  it('Ship pressed again answers with the voided label: the parcel gets no third SSCC, and the next pull changes nothing', async () => {
    const dead = await printer('refuse');
    const zebra = tcpPrinter(dead.port);
    const s = await service(await tempDataDir(), stationSettings([zebra], { 'shipping-label': zebra.id }));
    const { relabelled, pulled } = order();
    const label = await s.print({ template: 'shipping-label', data: shippingData(), purpose: relabelled });
    expect(label.state).toBe('retrying');
    expect((await s.voidForPulledOrders([pulled(label.sscc!)], here)).map((j) => j.id)).toEqual([label.id]);
    const again = await s.print({ template: 'shipping-label', data: shippingData(), purpose: relabelled });
    expect(again).toMatchObject({ id: label.id, state: 'voided', sscc: label.sscc });
    expect(s.listJobs()).toHaveLength(1);
    expect(await s.voidForPulledOrders([pulled(label.sscc!)], here)).toEqual([]);
    // A relabel of some other SSCC (the parcel's label was a later one) leaves this label be.
    const { relabelled: box, pulled: pulledBox } = order();
    const boxLabel = await s.print({ template: 'shipping-label', data: shippingData(), purpose: box });
    expect(await s.voidForPulledOrders([pulledBox(buildSscc(9, '0614141', 1))], here)).toEqual([]);
    expect(s.get(boxLabel.id)).toMatchObject({ state: 'retrying' });
  });
});
