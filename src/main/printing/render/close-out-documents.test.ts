import { beforeAll, describe, expect, it } from 'vitest';
import { buildLabel, type LayoutRequest } from '../../../shared/labels/build-label';
import type { ManifestData, ReturnReceiptData } from '../../../shared/labels/label-data';
import type { LabelDocument, TextElement } from '../../../shared/labels/layout';
import { renderZpl } from '../../../shared/labels/zpl/render-zpl';
import { zplToPngs } from '../preview/zpl-to-png';
import { decodeBarcodes } from '../testing/decode-barcodes';
import { LABEL_CONTEXT } from '../testing/fixtures';

/** The end-of-day manifest and the returns desk's receipt: every row printed once, totals last, barcodes that scan. */
const manifestData = (packages: number): ManifestData => ({
  manifestNumber: 'LON-1-UPS-0007',
  carrier: 'ups',
  warehouse: 'LON-1 London',
  closedAt: '2026-12-04 17:30',
  closedBy: 'Ada (supervisor)',
  packageCount: packages,
  totalWeightGrams: packages * 1250,
  unweighedCount: 0,
  byService: [{ service: 'UPS Ground', packageCount: packages, totalWeightGrams: packages * 1250 }],
  packages: Array.from({ length: packages }, (_, i) => ({
    orderNumber: `ORD-20261204-${String(i).padStart(5, '0')}`,
    trackingNumber: `1Z999AA1${String(i).padStart(10, '0')}`,
    service: 'UPS Ground',
    weightGrams: 1250,
  })),
});
const receiptData = (lines: number): ReturnReceiptData => ({
  rmaNumber: 'RMA-20261204-0042',
  orderNumber: 'ORD-20261201-00007',
  receivedAt: '2026-12-04 10:02',
  receivedBy: 'Rita (returns)',
  customer: 'Łucja Żółć',
  lines: Array.from({ length: lines }, (_, i) => ({ sku: `SKU-${i}`, name: `Item ${i}`, expected: 2, received: i === 0 ? 1 : 2 })),
});
const texts = (doc: LabelDocument) =>
  doc.pages.flatMap((p) => p.elements.filter((e): e is TextElement => e.kind === 'text').map((e) => e.text));
const onPage = (doc: LabelDocument) => {
  for (const page of doc.pages)
    for (const e of page.elements) {
      expect(e.y).toBeGreaterThanOrEqual(0);
      expect(e.y).toBeLessThan(doc.size.height);
      if (e.kind === 'text' && e.width !== undefined) expect(e.x + e.width).toBeLessThanOrEqual(doc.size.width + 0.01);
    }
};
const scanZpl = async (request: LayoutRequest) => {
  const pngs = await zplToPngs(renderZpl(buildLabel(request, LABEL_CONTEXT), 203), { widthInches: 4, heightInches: 6, dpi: 203 });
  return Promise.all(pngs.map((png) => decodeBarcodes(png)));
};

describe('end-of-day manifest', () => {
  beforeAll(async () => {
    await zplToPngs('^XA^FO1,1^GB2,2,1^FS^XZ', { widthInches: 1, heightInches: 1, dpi: 203 });
  });

  for (const paper of ['4x6', 'a4', 'letter'] as const) {
    it(`${paper}: every package once across pages, its number on each page, totals and signature on the last`, () => {
      const doc = buildLabel({ template: 'manifest', data: manifestData(120), paper }, LABEL_CONTEXT);
      expect(doc.pages.length).toBeGreaterThan(1);
      onPage(doc);
      const tracking = texts(doc).filter((t) => t.startsWith('1Z999AA1'));
      expect(tracking.sort()).toEqual(
        manifestData(120)
          .packages.map((p) => p.trackingNumber)
          .sort(),
      );
      doc.pages.forEach((page, i) => {
        const pageTexts = page.elements.filter((e): e is TextElement => e.kind === 'text').map((e) => e.text);
        expect(pageTexts).toContain('LON-1-UPS-0007');
        expect(pageTexts.some((t) => t.endsWith(`page ${i + 1} of ${doc.pages.length}`))).toBe(true);
        expect(pageTexts.some((t) => t.startsWith('TOTAL 120 packages, 150.00 kg'))).toBe(i === doc.pages.length - 1);
      });
      expect(texts(doc).some((t) => t.startsWith('Driver signature'))).toBe(true);
    });
  }

  it('says how many packages were not weighed, and the manifest number scans from the ZPL', async () => {
    const data = { ...manifestData(3), unweighedCount: 1 };
    data.packages[2] = { ...data.packages[2]!, weightGrams: null };
    const doc = buildLabel({ template: 'manifest', data }, LABEL_CONTEXT);
    expect(texts(doc)).toContain('TOTAL 3 packages, 3.75 kg (1 not weighed)');
    const [page] = await scanZpl({ template: 'manifest', data });
    expect(page!.map((c) => c.text)).toContain('LON-1-UPS-0007');
  });
});

describe('return receipt', () => {
  it('shows received against expected per line, and the RMA scans from the ZPL', async () => {
    const doc = buildLabel({ template: 'return-receipt', data: receiptData(3) }, LABEL_CONTEXT);
    onPage(doc);
    expect(texts(doc)).toEqual(expect.arrayContaining(['RETURN RECEIVED', 'RMA-20261204-0042', '1 of 2', 'SKU-2']));
    const [page] = await scanZpl({ template: 'return-receipt', data: receiptData(3) });
    expect(page!.map((c) => c.text)).toEqual(['RMA-20261204-0042']);
  });

  it('counts the lines that do not fit instead of dropping them silently', () => {
    const doc = buildLabel({ template: 'return-receipt', data: receiptData(60) }, LABEL_CONTEXT);
    onPage(doc);
    const shown = texts(doc).filter((t) => /^SKU-\d+$/.test(t)).length;
    expect(shown).toBeLessThan(60);
    expect(texts(doc)).toContain(`+ ${60 - shown} more lines: see the RMA`);
  });
});
