import type { PrinterConfig } from '../../../shared/contract/settings';
import { buildLabel, type LabelRequest } from '../../../shared/labels/build-label';
import type { LabelContext } from '../../../shared/labels/label-context';
import type { LabelDocument } from '../../../shared/labels/layout';
import { renderZpl } from '../../../shared/labels/zpl/render-zpl';

export interface RenderedLabel {
  document: LabelDocument;
  payload: Buffer;
}

/** Renders a template in the printer's language at its resolution. */
export async function renderForPrinter(request: LabelRequest, ctx: LabelContext, printer: Pick<PrinterConfig, 'language' | 'dpi'>): Promise<RenderedLabel> {
  const document = buildLabel(request, ctx);
  switch (printer.language) {
    case 'zpl':
      return { document, payload: Buffer.from(renderZpl(document, printer.dpi), 'utf8') };
    case 'pdf':
    case 'escpos':
      throw new Error(`${printer.language} output is not available yet`);
  }
}
