import type { StationSettings } from '../../shared/contract/index';
import {
  PreviewRequest as PreviewRequestSchema,
  type LabelPreview,
  type PreviewRequestInput,
  type PrinterStatus,
} from '../../shared/contract/printing';
import { HandlerError } from '../../shared/contract/dispatch';
import { defaultPaper } from './jobs/print-request';
import type { JobStore } from './queue/job-store';
import { previewLabel } from './preview/preview-label';
import { checkPrinter } from './status/printer-status';
import type { TransportOptions } from './transport/send-to-printer';

/** Looking without printing: a label as it prints (or would), and how a printer is. Nothing is queued. */
export function createPrinterInspection(store: JobStore, getSettings: () => StationSettings, transport?: TransportOptions) {
  return {
    async preview(raw: PreviewRequestInput): Promise<LabelPreview> {
      const parsed = PreviewRequestSchema.safeParse(raw);
      if (!parsed.success)
        throw new HandlerError(
          'invalid_input',
          `preview request: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
          400,
        );
      const settings = getSettings();
      try {
        return await previewLabel(parsed.data, { store, settings, sheetPaper: defaultPaper(settings) });
      } catch (error) {
        if (error instanceof HandlerError) throw error;
        throw new HandlerError('preview_failed', `could not preview the label: ${(error as Error).message}`, 422);
      }
    },

    async printerStatus(printerId: string): Promise<PrinterStatus> {
      const printer = getSettings().printers.find((p) => p.id === printerId);
      if (!printer) throw new HandlerError('printer_not_found', `printer ${printerId} is not configured on this station`, 404);
      return checkPrinter(printer, { cups: transport?.cups });
    },
  };
}
