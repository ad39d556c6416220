import { describe, expect, it } from 'vitest';
import { buildSscc } from '../../../shared/domain/gs1';
import { buildLabel, type LayoutRequest } from '../../../shared/labels/build-label';
import type { LabelContext } from '../../../shared/labels/label-context';
import type { PaperSize } from '../../../shared/labels/label-data';
import { pdfToPngs } from '../preview/pdf-to-png';
import { decodeBarcodes, type DecodedBarcode } from '../testing/decode-barcodes';
import { LABEL_CONTEXT, packingSlipData, pickListData, returnLabelData, shippingData, ssccLabelData } from '../testing/fixtures';
import { renderPdf } from '../../../documents/render-pdf';

/** PDFs rasterised by pdftoppm in black and white at the printer's resolution, then scanned with zxing. */
const GS = '\u001d';
const SSCC = buildSscc(3, '0614141', 99);
const ctx: LabelContext = { ...LABEL_CONTEXT, sscc: { value: SSCC, companyPrefixLength: 7 } };

async function scan(
  request: LayoutRequest,
  dpi: number,
  paper: PaperSize = '4x6',
): Promise<{ pages: DecodedBarcode[][]; sizes: [number, number][] }> {
  const pdf = await renderPdf(buildLabel(request, ctx, paper), { dpi });
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const pngs = await pdfToPngs(pdf, { dpi });
  return {
    pages: await Promise.all(pngs.map((png) => decodeBarcodes(png))),
    sizes: pngs.map((png) => [png.readUInt32BE(16), png.readUInt32BE(20)]),
  };
}

const summary = (codes: DecodedBarcode[]) => codes.map((c) => `${c.symbologyIdentifier}${c.text}`);

describe('PDF labels, rasterised and scanned', () => {
  for (const dpi of [203, 300]) {
    it(`4x6 shipping label at ${dpi} dpi`, async () => {
      const { pages, sizes } = await scan({ template: 'shipping-label', data: shippingData() }, dpi);
      expect(sizes).toEqual([[Math.round(4 * dpi), Math.round(6 * dpi)]]);
      expect(summary(pages[0]!)).toEqual([']C0DS-20250314-00042', ']C01Z999AA10123456784', `]C100${SSCC}`]);
    });
  }

  it('SSCC carton label keeps the GS1 separators', async () => {
    const { pages } = await scan({ template: 'sscc-label', data: ssccLabelData() }, 203);
    expect(summary(pages[0]!)).toEqual([']C1400DS-20250314-00042', `]C1020950600013435237` + `24${GS}3302001234`, `]C100${SSCC}`]);
  });

  it('return label with the RMA barcode', async () => {
    const { pages } = await scan({ template: 'return-label', data: returnLabelData() }, 203);
    expect(summary(pages[0]!)).toEqual([']C0RMA-2025-000917']);
  });

  it('printer test label: all four symbologies', async () => {
    const { pages } = await scan({ template: 'test-label', data: { message: 'pdf' } }, 300);
    expect(summary(pages[0]!).sort()).toEqual(
      [
        ']C0DOCKSIDE-TEST-128',
        `]C1010950600013435210TEST1${GS}2142`,
        ']Q1https://dockside.invalid/printer-test',
        ']d1DOCKSIDE-TEST-DM',
      ].sort(),
    );
  });

  for (const [paper, size] of [
    ['a4', [1241, 1754]],
    ['letter', [1275, 1650]],
  ] as const) {
    it(`packing slip on ${paper} paper, over several pages`, async () => {
      const { pages, sizes } = await scan({ template: 'packing-slip', data: packingSlipData(90) }, 150, paper);
      expect(pages.length).toBeGreaterThan(1);
      for (const s of sizes) expect(s).toEqual(size);
      expect(summary(pages[0]!)).toEqual([']C0DS-20250314-00042']);
      expect(summary(pages.at(-1)!)).toEqual([']Q1https://returns.dockside.invalid/r/DS-20250314-00042']);
    });
  }

  it('pick list on A4', async () => {
    const { pages } = await scan({ template: 'pick-list', data: pickListData(12) }, 150, 'a4');
    expect(pages.map(summary)).toEqual([[']C0PL-20250314-0007']]);
  });
});
