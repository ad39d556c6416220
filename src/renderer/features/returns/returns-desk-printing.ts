import type { ReturnDocument } from '../../../shared/api/returns';
import type { StationSettings } from '../../../shared/contract/index';
import type { PrintRequestInput } from '../../../shared/contract/printing';
import type { StationRuntime } from '../../app/station-runtime';
import { useStation } from '../../app/station-store';
import { StationCallError } from '../../station-client/index';

/** What the returns desk prints. A printing problem is said, and never undoes the step that printed. */
export function createDeskPrinting(rt: StationRuntime) {
  const say = (...args: Parameters<ReturnType<typeof useStation.getState>['say']>) => useStation.getState().say(...args);
  const text = (err: unknown) => (err instanceof Error ? err.message : String(err));

  /** Prints what `build` makes of the station's settings, if anything (null: no printer routed for it). */
  async function whereRouted(build: (settings: StationSettings) => PrintRequestInput | null): Promise<void> {
    try {
      const request = build(await rt.client.call('settings.get'));
      if (request) await rt.client.call('printing.print', request);
    } catch (err) {
      say('error', `Printing at the returns desk failed: ${text(err)}`);
    }
  }

  /**
   * The customer's return label for this RMA (numbered once by the server), printed here; online
   * only. 'needs-weight': the carrier sells the label by weight and the order's parcels were never
   * weighed, so the clerk is asked for the returning parcel's weight.
   */
  async function returnLabel(doc: Pick<ReturnDocument, 'id' | 'number'>, weightGrams?: number): Promise<'asked' | 'needs-weight'> {
    try {
      const { label, printProblem } = await rt.client.call('returns.print-return-label', {
        returnId: doc.id,
        ...(weightGrams ? { weightGrams } : {}),
      });
      if (printProblem) say('error', `Return label ${label.trackingNumber} was not printed: ${printProblem}`);
      else say('success', `Return label for ${doc.number} printing: ${label.carrier.toUpperCase()} ${label.trackingNumber}`, 'success');
    } catch (err) {
      if (err instanceof StationCallError && err.code === 'weight_required') {
        say(
          'error',
          `The carrier prices ${doc.number}'s return label by weight: weigh the parcel the customer will send, then print again.`,
        );
        return 'needs-weight';
      }
      say('error', `No return label: ${text(err)}`);
    }
    return 'asked';
  }

  return { whereRouted, returnLabel };
}
