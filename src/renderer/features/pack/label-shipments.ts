import type { JobPurpose, PrintJob } from '../../../shared/contract/index';
import type { StationRuntime } from '../../app/station-runtime';
import type { OutboxDocument } from '../../db/schemas';
import { loadView } from './fulfillment-view';

export type ShipPurpose = Extract<JobPurpose, { kind: 'ship-package' }>;

/** A package that shipped because its label printed, just recorded. */
export interface LabelShipped {
  job: PrintJob;
  purpose: ShipPurpose;
  orderNumber: string;
}

export type LabelSettlement =
  | ({ outcome: 'shipped' } & LabelShipped)
  /** Recorded before (this view, or main, already knew): only the mark was missing, if anything. */
  | { outcome: 'recorded-before' }
  /** Not this device's to record: its view lacks the package, or another device packed it. */
  | { outcome: 'not-here' }
  /** Not a printed package label. */
  | { outcome: 'nothing' };

export interface LabelShipments {
  /**
   * Records the shipment of a printed label's package, once. `evenIfPackedElsewhere`: the packer
   * pressed Ship for it here, so this device records it whoever packed the box.
   */
  settle(job: PrintJob, options?: { evenIfPackedElsewhere?: boolean }): Promise<LabelSettlement>;
  /** Settles every printed label main holds whose shipment is not recorded yet. */
  reconcile(): Promise<void>;
  stop(): void;
}

/** A station host restarted under an open page sends no update for what printed meanwhile. */
const RECONCILE_EVERY_MS = 15_000;

/**
 * When a package's label prints, the package ships, even if it printed while this page was closed
 * or the station was down: what the job is for is kept with it in main (its purpose), and this
 * records `label-printed` + `package-shipped` for printed labels main says are not recorded yet,
 * then tells main they are. It runs at start, on every job update, and now and then.
 *
 * Recording is idempotent: only a package still packing (or labelled) in this device's view is
 * shipped; one the view shows shipped was recorded already and is only marked. A device that did
 * not pack the box (its outbox holds no `package-created` for it) leaves it to the one that did.
 */
export function startLabelShipments(rt: StationRuntime, onShipped: (shipped: LabelShipped) => Promise<void>): LabelShipments {
  let stopped = false;
  // One settlement at a time: an update and a reconcile can name the same job at once.
  let chain: Promise<unknown> = Promise.resolve();
  // Shipped by this page: Ship's own settlement of a label the update already settled gets the same answer.
  const shippedHere = new Map<string, LabelSettlement>();

  async function packedHere(purpose: ShipPurpose): Promise<boolean> {
    const created = await rt.db.outbox.find({ selector: { subjectId: purpose.fulfillmentOrderId, type: 'package-created' } }).exec();
    return created.some((e) => ((e.toMutableJSON() as OutboxDocument).payload as { packageId?: string }).packageId === purpose.packageId);
  }

  async function markRecorded(job: PrintJob): Promise<void> {
    // Unreachable main: the events are in the outbox, so the next reconcile finds the package shipped and marks it.
    await rt.client.call('printing.mark-recorded', { jobId: job.id }).catch(() => undefined);
  }

  async function settleNow(job: PrintJob, evenIfPackedElsewhere: boolean): Promise<LabelSettlement> {
    const purpose = job.purpose;
    if (stopped || purpose?.kind !== 'ship-package' || job.state !== 'printed') return { outcome: 'nothing' };
    const earlier = shippedHere.get(job.id);
    if (earlier) return earlier;
    if (job.purposeRecordedAt) return { outcome: 'recorded-before' };
    const view = await loadView(rt.db, rt.stationId, purpose.fulfillmentOrderId);
    const pkg = view?.doc.packages.find((p) => p.id === purpose.packageId);
    if (!view || !pkg) return { outcome: 'not-here' };
    if (pkg.status !== 'packing' && pkg.status !== 'labelled') {
      await markRecorded(job);
      return { outcome: 'recorded-before' };
    }
    if (!evenIfPackedElsewhere && !(await packedHere(purpose))) return { outcome: 'not-here' };
    const about = { fulfillmentOrderId: purpose.fulfillmentOrderId, orderId: view.doc.orderId, actor: purpose.actor };
    // Labelled: the station stopped between the two events; the label is recorded already.
    if (pkg.status === 'packing') {
      await rt.outbox.record({
        type: 'label-printed',
        ...about,
        payload: {
          packageId: pkg.id,
          printJobId: job.id,
          format: job.format,
          sscc: job.sscc,
          trackingNumber: job.tracking?.trackingNumber ?? null,
          carrier: job.tracking ? job.tracking.carrier : null,
          ...(job.tracking ? { service: job.tracking.serviceName, trackingUrl: job.tracking.trackingUrl } : {}),
        },
      });
    }
    await rt.outbox.record({ type: 'package-shipped', ...about, payload: { packageId: pkg.id } });
    await markRecorded(job);
    const shipped = { job, purpose, orderNumber: view.doc.orderNumber };
    const settled: LabelSettlement = { outcome: 'shipped', ...shipped };
    shippedHere.set(job.id, settled);
    await onShipped(shipped);
    return settled;
  }

  function settle(job: PrintJob, options: { evenIfPackedElsewhere?: boolean } = {}): Promise<LabelSettlement> {
    const run = chain.then(() => settleNow(job, options.evenIfPackedElsewhere ?? false));
    chain = run.catch(() => {});
    return run;
  }

  async function reconcile(): Promise<void> {
    const jobs = await rt.client.call('printing.list-jobs', { limit: 500, unrecorded: true });
    for (const job of jobs.reverse()) await settle(job); // oldest first: packages ship in the order they printed
  }

  const quietly = (work: Promise<unknown>) => void work.catch(() => undefined /* next time: the job stays unrecorded in main */);
  const unlisten = rt.client.listen('printing.job-updated', (job) => {
    if (job.state === 'printed' && job.purpose?.kind === 'ship-package' && !job.purposeRecordedAt) quietly(settle(job));
  });
  // The host's event stream opens with its print jobs: after a host restart, what printed while it
  // was down is settled as soon as the stream is back, not at the next reconcile.
  const unlistenListed = rt.client.listen('printing.jobs-listed', () => quietly(reconcile()));
  const timer = setInterval(() => quietly(reconcile()), RECONCILE_EVERY_MS);
  quietly(reconcile());

  return {
    settle,
    reconcile,
    stop() {
      stopped = true;
      clearInterval(timer);
      unlisten();
      unlistenListed();
    },
  };
}
