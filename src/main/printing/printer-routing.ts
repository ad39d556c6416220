import { HandlerError } from '../../shared/contract/dispatch';
import type { PrinterConfig, StationSettings } from '../../shared/contract/settings';
import type { LabelTemplate } from '../../shared/labels/label-data';

/**
 * Which printer prints a template: an explicit printer, else the station's route for the template.
 * A carrier's ready-made label is a shipping label, so it falls back to that route.
 */
export function resolvePrinter(settings: StationSettings, template: LabelTemplate, printerId?: string): PrinterConfig {
  const id = printerId ?? settings.routes[template] ?? (template === 'carrier-label' ? settings.routes['shipping-label'] : undefined);
  if (!id) throw new HandlerError('no_printer_for_template', `no printer is set up to print ${template} on this station`, 409);
  const printer = settings.printers.find((p) => p.id === id);
  if (!printer) throw new HandlerError('printer_not_found', `printer ${id} (for ${template}) is not configured on this station`, 409);
  return printer;
}
