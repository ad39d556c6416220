import type { PrintJob } from '../../../shared/contract/index';
import { HandlerError } from '../../../shared/contract/dispatch';
import { holdReasonsText } from '../../../shared/domain/fulfillment-status';
import type { FulfillmentDocument, PackageDoc, PackageRelabel } from '../../../shared/sync/fulfillment-document';
import { relabelledLabelWords } from '../../../shared/words/relabelled-label';
import { holderOf, isHeldBy } from '../../../shared/sync/fulfillment-lease';
import type { JobAccess } from './job-access';

/** What the pull says of an order, as far as its waiting labels are concerned. */
export type PulledOrder = Pick<FulfillmentDocument, 'id' | 'orderNumber' | 'status'> &
  Partial<Pick<FulfillmentDocument, 'holds' | 'claimedBy' | 'lease'>> & { packages?: readonly Pick<PackageDoc, 'id' | 'relabels'>[] };

/** Orders whose boxes must not ship now, and what the packer is told to do with the box. */
const STOPPED: Record<string, ((holds: readonly string[]) => string) | undefined> = {
  cancelled: () => 'was cancelled: do not ship this box; unpack it',
  incomplete: () => 'was moved to another warehouse: do not ship this box; unpack it',
  on_hold: (holds) =>
    `is on hold${holds.length ? ` (${holdReasonsText(holds)})` : ''}: put the box aside; Ship prints it a new label once the order is released`,
};

/**
 * Why an order's box must not ship from this station now, or null. A station packs only what it
 * holds, so a box here for an order another station holds (a supervisor moved it while this one
 * worked offline), or one back in the pool, is a conflict: the other station packs it too.
 */
function whyStopped(order: PulledOrder, stationId: string | null): string | null {
  const byStatus = STOPPED[order.status];
  if (byStatus && (order.status !== 'on_hold' || !order.claimedBy || order.claimedBy === stationId)) return byStatus(order.holds ?? []);
  if (!stationId || (order.status !== 'open' && order.status !== 'in_progress' && order.status !== 'on_hold')) return null;
  // Unknown (not said) is not moved; who holds it is the lease rules' (fulfillment-lease.ts).
  if (order.claimedBy === undefined) return null;
  const held = { ...order, claimedBy: order.claimedBy };
  if (isHeldBy(held, stationId)) return null;
  const holder = holderOf(held);
  const where = holder ? `to ${holder.stationName ?? 'another station'}` : 'back to the pool';
  return `was moved ${where}: do not ship this box; put its items back (a supervisor has the task)`;
}

/** Labels not yet known to have printed: waiting, unsure, or on the wire now. */
const STOPPABLE: ReadonlySet<PrintJob['state']> = new Set(['queued', 'retrying', 'unconfirmed', 'sending']);

const voidedNow = (job: PrintJob): PrintJob => ({ ...job, state: 'voided', voidedAt: new Date().toISOString(), nextAttemptAt: null });

/** The relabel that replaced this label's SSCC on its parcel, if a supervisor gave the parcel a new one. */
function relabelOf(job: PrintJob, order: PulledOrder): PackageRelabel | null {
  if (job.purpose?.kind !== 'ship-package' || !job.sscc) return null;
  const packageId = job.purpose.packageId;
  const pkg = order.packages?.find((p) => p.id === packageId);
  return pkg?.relabels?.find((r) => r.previousSscc === job.sscc) ?? null;
}

/** The station voiding jobs by themselves: a box being unpacked, an order that must not ship now, a label relabelled. */
export function createJobVoids({ store, queue }: JobAccess) {
  /**
   * A box is being unpacked: none of its package's labels or slips may come out. Every one still
   * waiting is voided, however old; a label on the wire or printed means the box ships, so nothing
   * is voided and the caller is told.
   */
  async function voidPackage(packageId: string): Promise<PrintJob[]> {
    const jobs = store
      .all()
      .map((s) => s.job)
      .filter((j) => j.purpose?.packageId === packageId && j.state !== 'voided');
    const label = jobs.find((j) => j.purpose?.kind === 'ship-package' && (j.state === 'sending' || j.state === 'printed'));
    if (label?.state === 'sending')
      throw new HandlerError(
        'print_job_sending',
        `its label is being sent to ${label.printerName} right now: wait for it, then unpack`,
        409,
      );
    if (label)
      throw new HandlerError('print_job_already_printed', `its label has printed (SSCC ${label.sscc ?? 'none'}): the box ships`, 409);
    const voided: PrintJob[] = [];
    for (const job of jobs) voided.push(await queue.save(voidedNow(job)));
    return voided;
  }

  /**
   * What a pull says of orders voids the labels it stops, each with why and what to do: a package of
   * an order that was cancelled, moved to another warehouse or station, or put on hold must not
   * ship now, so its label and packing slip still waiting for a printer are voided. A held order's
   * box gets a new label (Ship) once it is released, with whatever the hold changed (a corrected
   * address). A label on the wire is voided too: it cannot be called back, but a send that fails
   * or ends unsure is then never tried again (the queue keeps a job voided on the wire void), and
   * one that printed is not shipped: the packer is told what to do with the box. One that printed
   * before is the station's to record (a conflict on the server). A label whose SSCC a supervisor
   * replaced (relabelled) never prints again: see voidRelabelled.
   */
  async function voidForPulledOrders(orders: readonly PulledOrder[], stationId: string | null, pulledAt?: string): Promise<PrintJob[]> {
    const byId = new Map(orders.map((o) => [o.id, o] as const));
    const voided: PrintJob[] = [];
    for (const { job } of store.all()) {
      const order = job.purpose && byId.get(job.purpose.fulfillmentOrderId);
      if (!order) continue;
      const relabel = relabelOf(job, order);
      if (relabel) {
        const saved = await voidRelabelled(job, order, relabel);
        if (saved?.state === 'voided') voided.push(saved);
        continue;
      }
      const why = whyStopped(order, stationId);
      // One that may have printed (unconfirmed) is not to be used either: void, and the packer is told why.
      if (!why || !STOPPABLE.has(job.state)) continue;
      // A label made after the pull was asked is newer than what the pull says: the order may have
      // been taken (or released) since, so its answer does not speak for that label.
      if (pulledAt && job.createdAt >= pulledAt) continue;
      voided.push(await queue.save({ ...voidedNow(job), voidReason: `${order.orderNumber} ${why}` }));
    }
    return voided;
  }

  /**
   * A supervisor gave the parcel a new SSCC (package-relabelled): the label with the old one was torn
   * off, and another print of it would put two parcels on one SSCC again. One waiting (or unsure) is
   * voided, however new, since the SSCC is what is refused; one that printed stays printed (it
   * shipped its box) and is marked so Reprint refuses it. One on the wire is voided as one waiting:
   * a send of it that fails is not retried.
   */
  async function voidRelabelled(job: PrintJob, order: PulledOrder, relabel: PackageRelabel): Promise<PrintJob | null> {
    if (job.relabelled || job.state === 'voided') return null;
    if (job.state === 'printed') return queue.save({ ...job, relabelled: relabel });
    return queue.save({ ...voidedNow(job), relabelled: relabel, voidReason: relabelledLabelWords(order.orderNumber, relabel) });
  }

  return { voidPackage, voidForPulledOrders };
}
