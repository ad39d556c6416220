import { HandlerError } from '../../../shared/contract/dispatch';
import type { LabelPreview, PreviewRequest } from '../../../shared/contract/printing';
import type { PrinterConfig, StationSettings } from '../../../shared/contract/settings';
import { buildSscc } from '../../../shared/domain/gs1';
import { buildLabel, carriesSscc, type LayoutRequest } from '../../../shared/labels/build-label';
import type { LabelContext } from '../../../shared/labels/label-context';
import type { LabelRequest, PaperSize } from '../../../shared/labels/label-data';
import { PAGE_SIZES, type PageSize } from '../../../shared/labels/layout';
import type { JobStore } from '../queue/job-store';
import { renderForPrinter } from '../render/render-for-printer';
import { previewPayload } from './label-preview';

type Output = Pick<PrinterConfig, 'language' | 'dpi'>;

/** Sheets are previewed at screen-ish resolution; labels at the printer's. */
const SHEET_PREVIEW_DPI = 150;

/**
 * Previews a printed job from its stored bytes (exactly what the printer got), or a request rendered
 * for the printer it would go to (ZPL at 203 dpi when none is set up). Receipts are shown as PDF.
 */
export async function previewLabel(
  input: PreviewRequest,
  deps: { store: JobStore; settings: StationSettings; sheetPaper: PaperSize },
): Promise<LabelPreview> {
  if ('jobId' in input && !('template' in input)) {
    const stored = deps.store.get(input.jobId);
    if (!stored) throw new HandlerError('print_job_not_found', `no print job ${input.jobId}`, 404);
    const output: Output = { language: stored.job.format, dpi: stored.dpi as 203 | 300 };
    const source = await deps.store.readSource(input.jobId);
    if (output.language !== 'escpos') {
      const size = pageSizeOf(source.request, source.context, output.language === 'pdf' ? deps.sheetPaper : '4x6');
      return {
        ...(await previewPayload(await deps.store.readPayload(input.jobId), {
          format: output.language,
          dpi: previewDpi(output, size),
          size,
          page: input.page,
        })),
        placeholderSscc: false,
      };
    }
    return render(source.request, source.context, output, input.page, deps.sheetPaper, false);
  }
  const request = input as Extract<PreviewRequest, { template: string }>;
  const printerId =
    request.printerId ??
    deps.settings.routes[request.template] ??
    (request.template === 'carrier-label' ? deps.settings.routes['shipping-label'] : undefined);
  const printer = deps.settings.printers.find((p) => p.id === printerId);
  const output: Output = printer ?? { language: request.template === 'carrier-label' ? request.data.format : 'zpl', dpi: 203 };
  const ctx: LabelContext = {
    printedAt: new Date().toISOString(),
    printer: printer ? { name: printer.name, dpi: printer.dpi, language: printer.language } : undefined,
  };
  const given = request.template === 'shipping-label' || request.template === 'sscc-label' ? request.data.sscc : undefined;
  let placeholder = false;
  if (carriesSscc(request.template)) {
    placeholder = given === undefined;
    ctx.sscc = {
      value: given ?? buildSscc(deps.settings.sscc.extensionDigit, deps.settings.sscc.companyPrefix, 0),
      companyPrefixLength: deps.settings.sscc.companyPrefix.length,
    };
  }
  return render(request, ctx, output, request.page, deps.sheetPaper, placeholder);
}

async function render(
  request: LabelRequest,
  ctx: LabelContext,
  output: Output,
  page: number,
  sheetPaper: PaperSize,
  placeholderSscc: boolean,
): Promise<LabelPreview> {
  // A receipt has no page image of its own: show the same document as a PDF.
  const shown: Output = output.language === 'escpos' ? { language: 'pdf', dpi: 203 } : output;
  // Receipts are laid out as 4x6 documents; show that layout, not a sheet.
  const rendered = await renderForPrinter(request, ctx, shown, output.language === 'escpos' ? '4x6' : sheetPaper);
  const size = rendered.document?.size ?? PAGE_SIZES['4x6'];
  const format = shown.language === 'zpl' ? 'zpl' : 'pdf';
  const preview = await previewPayload(rendered.payload, { format, dpi: previewDpi(shown, size), size, page });
  return { ...preview, format: output.language, placeholderSscc };
}

function pageSizeOf(request: LabelRequest, ctx: LabelContext, paper: PaperSize): PageSize {
  return request.template === 'carrier-label' ? PAGE_SIZES['4x6'] : buildLabel(request as LayoutRequest, ctx, paper).size;
}

function previewDpi(output: Output, size: PageSize): number {
  return output.language === 'pdf' && size.name !== '4x6' ? SHEET_PREVIEW_DPI : output.dpi;
}
