import type { PrintJob } from '../../../shared/contract/index';
import { HandlerError } from '../../../shared/contract/dispatch';
import { holdReasonsText } from '../../../shared/domain/fulfillment-status';
import type { FulfillmentDocument } from '../../../shared/sync/fulfillment-document';
import { holderOf, isHeldBy } from '../../../shared/sync/fulfillment-lease';
import type { JobAccess } from './job-access';

/** What the pull says of an order, as far as its waiting labels are concerned. */
export type PulledOrder = Pick<FulfillmentDocument, 'id' | 'orderNumber' | 'status'> &
  Partial<Pick<FulfillmentDocument, 'holds' | 'claimedBy' | 'lease'>>;

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

/** The station voiding jobs by themselves: a box being unpacked, an order that must not ship now. */
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
    for (const job of jobs)
      voided.push(await queue.save({ ...job, state: 'voided', voidedAt: new Date().toISOString(), nextAttemptAt: null }));
    return voided;
  }

  /**
   * A package of an order that was cancelled, moved to another warehouse or station, or put on
   * hold must not ship now: its label and packing slip still waiting for a printer are voided, with
   * why and what to do. A held order's box gets a new label (Ship) once it is released, with
   * whatever the hold changed (a corrected address). A label on the wire cannot be called back; one
   * that printed is the station's to record (a conflict on the server).
   */
  async function voidForStoppedOrders(orders: readonly PulledOrder[], stationId: string | null, pulledAt?: string): Promise<PrintJob[]> {
    const stopped = new Map(orders.flatMap((o) => (whyStopped(o, stationId) ? [[o.id, o] as const] : [])));
    if (!stopped.size) return [];
    const voided: PrintJob[] = [];
    for (const { job } of store.all()) {
      const order = job.purpose && stopped.get(job.purpose.fulfillmentOrderId);
      // One that may have printed (unconfirmed) is not to be used either: void, and the packer is told why.
      if (!order || (job.state !== 'queued' && job.state !== 'retrying' && job.state !== 'unconfirmed')) continue;
      // A label made after the pull was asked is newer than what the pull says: the order may have
      // been taken (or released) since, so its answer does not speak for that label.
      if (pulledAt && job.createdAt >= pulledAt) continue;
      voided.push(
        await queue.save({
          ...job,
          state: 'voided',
          voidedAt: new Date().toISOString(),
          nextAttemptAt: null,
          voidReason: `${order.orderNumber} ${whyStopped(order, stationId)}`,
        }),
      );
    }
    return voided;
  }

  return { voidPackage, voidForStoppedOrders };
}
