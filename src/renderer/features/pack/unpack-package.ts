import type { PrintJob } from '../../../shared/contract/index';
import type { Actor } from '../../../shared/events/station-events';
import type { FulfillmentDocument } from '../../../shared/sync/fulfillment-document';
import type { StationRuntime } from '../../app/station-runtime';
import { useStation } from '../../app/station-store';
import type { NewEvent } from '../../db/sync-outbox';
import { StationCallError } from '../../station-client/index';

/** Why a packer takes a box apart before its label prints; the first is the usual one. */
export const UNPACK_REASONS = ['label printer down', 'wrong items in the box', 'repack in another box', 'box damaged'] as const;

interface UnpackDeps {
  recordChecked(doc: FulfillmentDocument, event: NewEvent): Promise<boolean>;
  actorNow(): Actor;
  /** The open order as the packer sees it. */
  viewOf(id: string): Promise<{ doc: FulfillmentDocument } | null>;
}

const state = () => useStation.getState();

/**
 * Takes a package apart before its label prints: its label (and packing slip) are voided in the
 * print queue first, and a carrier label waiting to be bought is dropped, so nothing comes out
 * (or is paid for) for a box that no longer exists; then the station
 * records `package-voided` and the units are scanned and unpacked again, for the next package.
 * Works offline: the queue is this station's, the event goes through the outbox.
 */
export function createUnpack(rt: StationRuntime, deps: UnpackDeps) {
  async function unpack(fulfillmentOrderId: string, packageId: string, reason: string): Promise<boolean> {
    const view = await deps.viewOf(fulfillmentOrderId);
    const pkg = view?.doc.packages.find((p) => p.id === packageId);
    if (!view || !pkg) return (state().say('error', 'That package is not on the open order'), false);
    if (pkg.status !== 'packing')
      return (state().say('error', `That package is ${pkg.status}: only a box whose label has not printed can be unpacked`), false);
    // Main voids every label and slip of the box still waiting, however old; a label on the wire or printed stops it.
    let voidedJobs: PrintJob[];
    try {
      voidedJobs = await rt.client.call('printing.void-package', { packageId });
    } catch (err) {
      const message = err instanceof StationCallError ? err.message : String(err);
      return (state().say('error', `Not unpacked: ${message}`), false);
    }
    const label = voidedJobs.find((j) => j.purpose?.kind === 'ship-package');
    // A label that waits for the server to be bought (offline, a carrier that sells labels) is never bought for it.
    try {
      await rt.client.call('carriers.forget-queued-label', { packageId });
    } catch (err) {
      const message = err instanceof StationCallError ? err.message : String(err);
      return (state().say('error', `Not unpacked: its waiting carrier label could not be cancelled (${message})`), false);
    }
    const recorded = await deps
      .recordChecked(view.doc, {
        type: 'package-voided',
        fulfillmentOrderId,
        orderId: view.doc.orderId,
        actor: deps.actorNow(),
        payload: { packageId, reason },
      })
      .catch((err: unknown) => {
        // The label is void already: Ship prints the box a new one if it stays packed.
        const message = err instanceof Error ? err.message : String(err);
        state().say('error', `The unpacking was not recorded (${message}): its label is void; unpack again, or press Ship for a new label`);
        return false;
      });
    if (!recorded) return false;
    const units = pkg.contents.reduce((n, c) => n + c.quantity, 0);
    const voided = label ? ` Its label${label.sscc ? ` (SSCC ${label.sscc})` : ''} is void.` : '';
    state().say(
      'success',
      `Package unpacked: ${units} ${units === 1 ? 'unit is' : 'units are'} scanned and ready to pack again.${voided}`,
      'success',
    );
    return true;
  }
  return { unpack };
}
