import type { PrinterConfig, StationSettings } from '../../../shared/contract/index';
import { LABEL_TEMPLATES, type LabelTemplate } from '../../../shared/labels/label-data';

/** What a supervisor calls each document the station prints, and what it is for. */
export const DOCUMENTS: Record<LabelTemplate, { name: string; hint: string }> = {
  'shipping-label': { name: 'Shipping label', hint: '4×6 label on every package, with the SSCC' },
  'sscc-label': { name: 'SSCC carton label', hint: 'GS1 logistic label for cartons and pallets' },
  'packing-slip': { name: 'Packing slip', hint: 'goes in the box, printed before its label' },
  'return-label': { name: 'Return label', hint: 'for returns and exchanges' },
  'pick-list': { name: 'Pick list', hint: 'what to fetch from the shelves' },
  'test-label': { name: 'Test label', hint: 'a printer check' },
  'carrier-label': { name: 'Carrier label', hint: "the carrier's own ZPL or PDF label" },
  manifest: { name: 'End-of-day manifest', hint: "the carrier's close-out, signed by the driver" },
  'return-receipt': { name: 'Return receipt', hint: 'on each returned box, at the returns desk' },
};

/** Every template can be routed (settings.routes covers LABEL_TEMPLATES); a carrier label without its own route follows the shipping label. */
export const ROUTED_DOCUMENTS: readonly LabelTemplate[] = LABEL_TEMPLATES;

export type Routes = StationSettings['routes'];

/** What an unrouted document does: a carrier label falls back to the shipping-label printer, the rest are not printed. */
export function unroutedText(template: LabelTemplate): string {
  return template === 'carrier-label' ? 'Same as shipping label' : 'Not printed';
}

/** The documents a printer prints, in table order. */
export function documentsOf(routes: Routes, printerId: string): LabelTemplate[] {
  return ROUTED_DOCUMENTS.filter((t) => routes[t] === printerId);
}

/** Routes with one document set to a printer, or cleared (null). */
export function withRoute(routes: Routes, template: LabelTemplate, printerId: string | null): Routes {
  const next: Routes = { ...routes };
  if (printerId) next[template] = printerId;
  else delete next[template];
  return next;
}

/** Routes without any that point at this printer. */
export function withoutPrinter(routes: Routes, printerId: string): Routes {
  return Object.fromEntries(Object.entries(routes).filter(([, id]) => id !== printerId)) as Routes;
}

/** The printer that actually prints a template, following the carrier-label fallback (as main's resolvePrinter does). */
export function effectivePrinter(
  settings: Pick<StationSettings, 'routes' | 'printers'>,
  template: LabelTemplate,
): PrinterConfig | undefined {
  const id = settings.routes[template] ?? (template === 'carrier-label' ? settings.routes['shipping-label'] : undefined);
  return id ? settings.printers.find((p) => p.id === id) : undefined;
}

/** A problem with a row of the routing table that the supervisor should see, or null. */
export function routeWarning(settings: Pick<StationSettings, 'routes' | 'printers'>, template: LabelTemplate): string | null {
  const id = settings.routes[template];
  if (id && !settings.printers.some((p) => p.id === id)) return 'That printer is no longer set up: choose another.';
  if (template === 'shipping-label' && !id && settings.printers.length > 0)
    return 'Packers cannot print shipping labels until a printer is chosen.';
  if (template === 'carrier-label' && effectivePrinter(settings, template)?.language === 'escpos') {
    return 'Carriers send ZPL or PDF labels: an ESC/POS receipt printer cannot print them.';
  }
  return null;
}

export function listNames(templates: readonly LabelTemplate[]): string {
  return templates.map((t) => DOCUMENTS[t].name).join(', ');
}
