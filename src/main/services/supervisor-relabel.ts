import { RelabelledPackage } from '../../shared/api/tasks';
import { HandlerError } from '../../shared/contract/dispatch';
import type { PrintJob, StationSettings, StationUser } from '../../shared/contract/index';
import type { PrintRequestInput } from '../../shared/contract/printing';
import type { RelabelPackage, SupervisorRelabel } from '../../shared/contract/supervisor';
import type { z } from 'zod';
import { resolvePrinter } from '../printing/printer-routing';
import { asShown, taskOf, type SupervisorCall } from './supervisor-tasks';

export interface RelabelPrinting {
  settings: () => StationSettings;
  /** The station's print queue (print-service.ts): the job is kept and retried like any label. */
  print: (request: PrintRequestInput, by: StationUser | null) => Promise<PrintJob>;
}

/**
 * "Relabel" on a duplicate-sscc task: the server gives the parcel a new SSCC (from this station's
 * range, its label settings) and the new shipping label prints here, at the supervisor's station.
 * Here, not at the packing station: the supervisor holds the parcel (or walks to it) and sticks the
 * label on; a label printed unattended at another bench could end up on the wrong box, and that
 * station may be offline. A station with no shipping-label printer is refused before anything changes.
 */
export function relabelHandler(call: SupervisorCall, printing: RelabelPrinting, supervisor: () => StationUser) {
  return async ({ taskId, version, packageId, note }: z.output<typeof RelabelPackage>): Promise<SupervisorRelabel> => {
    const settings = printing.settings();
    const printer = (() => {
      try {
        return resolvePrinter(settings, 'shipping-label');
      } catch (error) {
        throw new HandlerError(
          'no_printer_for_relabel',
          `No printer prints shipping labels at this station, so the new label could not be printed: set one up in Printers, then relabel (nothing was changed). ${(error as Error).message}`,
          409,
        );
      }
    })();
    const relabelled = await call(
      RelabelledPackage,
      'POST',
      `/v1/orders/tasks/${taskId}/relabel-package`,
      { packageId, range: settings.sscc, ...(note ? { note } : {}) },
      asShown(version),
    );
    const data = { ...relabelled.label, ...(settings.shipFrom ? { shipFrom: settings.shipFrom } : {}) };
    let printProblem: string | null = null;
    try {
      await printing.print({ template: 'shipping-label', data, printerId: printer.id }, supervisor());
    } catch (error) {
      // The parcel has its new SSCC on the server either way: say what did not print, never undo it.
      printProblem = (error as Error).message;
    }
    return {
      task: await taskOf(call, relabelled.task, new Map()),
      orderNumber: relabelled.label.orderNumber,
      previousSscc: relabelled.previousSscc,
      sscc: relabelled.sscc,
      printerName: printProblem ? null : printer.name,
      printProblem,
    };
  };
}
