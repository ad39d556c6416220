import type { LabelPreview } from '../../../shared/contract/printing';
import type { LabelFormat } from '../../../shared/labels/label-data';
import type { PageSize } from '../../../shared/labels/layout';
import { pdfToPngs } from './pdf-to-png';
import { zplToPngs } from './zpl-to-png';

/**
 * A PNG of one page of printable bytes: ZPL through zpl-renderer-js, PDF through pdftoppm.
 * ESC/POS has no page image; callers preview those documents as PDF.
 */
export async function previewPayload(
  payload: Uint8Array,
  options: { format: Exclude<LabelFormat, 'escpos'>; dpi: number; size: PageSize; page: number },
): Promise<Omit<LabelPreview, 'placeholderSscc'>> {
  const pages =
    options.format === 'zpl'
      ? await zplToPngs(Buffer.from(payload).toString('utf8'), {
          widthInches: options.size.width / 72,
          heightInches: options.size.height / 72,
          dpi: options.dpi,
        })
      : await pdfToPngs(payload, { dpi: options.dpi });
  const page = Math.min(Math.max(1, options.page), pages.length);
  const png = pages[page - 1];
  if (!png) throw new Error('the label has no pages');
  return {
    png: png.toString('base64'),
    width: png.readUInt32BE(16),
    height: png.readUInt32BE(20),
    page,
    pageCount: pages.length,
    format: options.format,
    dpi: options.dpi,
  };
}
