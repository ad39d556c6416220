import type { Implementation, PrintJob, StationUser } from '../../shared/contract/index';
import type { ShipTurnOutcome, ShipTurnRequest, shipTurnHandlers } from '../../shared/contract/ship-turns';
import { parcelMarks } from '../../shared/words/parcel-marks';

export interface ShipTurnsOptions {
  /** Every job main's print queue holds (a package's label carries its fulfillment order in its purpose). */
  jobs: () => readonly PrintJob[];
  /** Who is signed in on a device, to name the other screen. */
  signedIn: (deviceId: string) => StationUser | null;
  now?: () => number;
  /** A turn whose device never ended it (its page closed mid-Ship) lapses after this. */
  turnMs?: number;
}

interface Turn {
  deviceId: string;
  until: number;
}

/** The marks of the label on a box: what a packer finds it by on the dock, and a supervisor traces it by. */
function labelOf(job: PrintJob): string {
  const marks = parcelMarks({ sscc: job.sscc, trackingNumber: job.tracking?.trackingNumber });
  return marks.length ? ` Its box has the label with ${marks.join(', ')}.` : '';
}

/**
 * One Ship per fulfillment order at a time across the station's devices, and no Ship of units a
 * box from another device may hold: each device's view learns of another's box only through the
 * server, so main, which printed every label, answers for them. Check and grant run without an
 * await in between, so two presses at the same moment cannot both be granted.
 */
export function createShipTurns({ jobs, signedIn, now = Date.now, turnMs = 120_000 }: ShipTurnsOptions) {
  const turns = new Map<string, Turn>();
  const who = (user: StationUser | null | undefined) => (user ? ` (${user.name})` : '');

  function take(req: ShipTurnRequest, deviceId: string): ShipTurnOutcome {
    const turn = turns.get(req.fulfillmentOrderId);
    if (turn && turn.deviceId !== deviceId && turn.until > now())
      return {
        granted: false,
        code: 'shipping_elsewhere',
        message: `${req.orderNumber} is being shipped at the other screen${who(signedIn(turn.deviceId))}: nothing was printed here.`,
      };
    const known = new Set(req.packageIds);
    const unseen = jobs().find(
      (j) =>
        j.purpose?.kind === 'ship-package' &&
        j.purpose.fulfillmentOrderId === req.fulfillmentOrderId &&
        j.state !== 'voided' &&
        !known.has(j.purpose.packageId),
    );
    if (unseen) {
      // A waiting label has a way out when its screen is gone for good (a flat handheld whose box
      // never reaches the server): voided, the box is unpacked and the order packed here.
      // A printed one is named, so the box can be found on the dock.
      const [what, label, wayOut] =
        unseen.state === 'printed'
          ? ['was already shipped', labelOf(unseen), '']
          : [
              'has a box waiting for its label',
              '',
              ` If that screen is gone and its box is here: void the box's label in the print queue (Printers), unpack the box, and pack the order here.`,
            ];
      return {
        granted: false,
        code: 'shipped_elsewhere',
        message: `${req.orderNumber} ${what} at the other screen${who(unseen.printedBy)}: nothing was printed here.${label} Scan the order again once its box shows here.${wayOut}`,
      };
    }
    turns.set(req.fulfillmentOrderId, { deviceId, until: now() + turnMs });
    return { granted: true };
  }

  function end(fulfillmentOrderId: string, deviceId: string): boolean {
    if (turns.get(fulfillmentOrderId)?.deviceId !== deviceId) return false;
    return turns.delete(fulfillmentOrderId);
  }

  const handlers: Implementation<typeof shipTurnHandlers> = {
    'shipping.take-turn': async (req, { deviceId }) => take(req, deviceId),
    'shipping.end-turn': async ({ fulfillmentOrderId }, { deviceId }) => ({ ended: end(fulfillmentOrderId, deviceId) }),
  };
  return { handlers };
}
