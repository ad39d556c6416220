import type { PrinterConfig } from '../../../shared/contract/settings';
import { buildLabel, type LayoutRequest } from '../../../shared/labels/build-label';
import type { LabelContext } from '../../../shared/labels/label-context';
import type { CarrierLabelData, LabelRequest, PaperSize } from '../../../shared/labels/label-data';
import type { LabelDocument } from '../../../shared/labels/layout';
import { renderZpl } from '../../../shared/labels/zpl/render-zpl';
import { renderEscpos } from './render-escpos';
import { renderPdf } from '../../../documents/render-pdf';
import { textRasterizer } from './text-raster';

export interface RenderedLabel {
  title: string;
  payload: Buffer;
  /** Absent for carrier labels, which arrive ready-made. */
  document?: LabelDocument;
}

type PrinterOutput = Pick<PrinterConfig, 'language' | 'dpi'>;

/**
 * Renders a template in the printer's language at its resolution; a carrier label passes through as
 * it came. Slips and lists go on `sheetPaper` at a PDF (sheet) printer, on 4x6 labels elsewhere,
 * unless the request names its paper.
 */
export async function renderForPrinter(
  request: LabelRequest,
  ctx: LabelContext,
  printer: PrinterOutput,
  sheetPaper: PaperSize = 'a4',
): Promise<RenderedLabel> {
  if (request.template === 'carrier-label') return carrierLabel(request.data, printer);
  const document = buildLabel(request as LayoutRequest, ctx, printer.language === 'pdf' ? sheetPaper : '4x6');
  return { title: document.title, document, payload: await renderDocument(document, printer) };
}

export async function renderDocument(document: LabelDocument, printer: PrinterOutput): Promise<Buffer> {
  switch (printer.language) {
    case 'zpl':
      return Buffer.from(renderZpl(document, printer.dpi, { rasterizeText: await textRasterizer() }), 'utf8');
    case 'pdf':
      return renderPdf(document, { dpi: printer.dpi });
    case 'escpos':
      return renderEscpos(document);
  }
}

function carrierLabel(data: CarrierLabelData, printer: PrinterOutput): RenderedLabel {
  if (data.format !== printer.language) {
    throw new Error(
      `the carrier sent a ${data.format.toUpperCase()} label, which a ${printer.language.toUpperCase()} printer cannot print`,
    );
  }
  const payload = Buffer.from(data.contentBase64, 'base64');
  if (data.format === 'pdf' && payload.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('carrier label is not a PDF');
  if (data.format === 'zpl' && !payload.toString('latin1').includes('^XA')) throw new Error('carrier label is not ZPL');
  const title = `Carrier label ${data.orderNumber}${data.trackingNumber ? ` ${data.trackingNumber}` : ''}`;
  return { title, payload };
}
