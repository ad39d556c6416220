import { describe, expect, it } from 'vitest';
import { buildSscc } from '../../../shared/domain/gs1';
import { buildLabel, type LayoutRequest } from '../../../shared/labels/build-label';
import type { LabelContext } from '../../../shared/labels/label-context';
import { decodeBarcodes } from '../testing/decode-barcodes';
import { escposText, parseEscpos, type EscposItem } from '../testing/escpos-parser';
import { LABEL_CONTEXT, packingSlipData, returnLabelData, ssccLabelData } from '../testing/fixtures';
import { renderEscpos } from './render-escpos';

/** ESC/POS bytes parsed back into text lines and barcode commands; raster images are decoded with zxing. */
const SSCC = buildSscc(3, '0614141', 5);
const ctx: LabelContext = { ...LABEL_CONTEXT, sscc: { value: SSCC, companyPrefixLength: 7 } };

async function receipt(request: LayoutRequest): Promise<EscposItem[]> {
  return parseEscpos(await renderEscpos(buildLabel(request, ctx, '4x6')));
}

describe('ESC/POS receipts', () => {
  it('packing slip: header, addresses in the printer code page, one line per item, Code 128 and QR, cut', async () => {
    const items = await receipt({ template: 'packing-slip', data: packingSlipData(3) });
    const text = escposText(items);
    expect(text[0]).toMatch(/^PACKING SLIP +Order date 2025-03-13$/);
    expect(text.some((l) => l.startsWith('Order DS-20250314-00042'))).toBe(true);
    expect(text.some((l) => l.includes('Jürgen Müller'))).toBe(true);
    expect(text.some((l) => l.includes('Hauptstraße 5'))).toBe(true);
    // Quantity, SKU and name in their columns.
    expect(text.some((l) => /^1\s+SKU-1000\s+Widget number 1$/.test(l))).toBe(true);
    expect(text.some((l) => /^3\s+SKU-1002\s+Widget number 3$/.test(l))).toBe(true);
    expect(text.some((l) => l.startsWith('6 items in 3 lines'))).toBe(true);
    expect(items.filter((i) => i.kind === 'code128')).toEqual([{ kind: 'code128', data: 'DS-20250314-00042', module: 2, height: 60 }]);
    expect(items.filter((i) => i.kind === 'qrcode')).toEqual([
      { kind: 'qrcode', data: 'https://returns.dockside.invalid/r/DS-20250314-00042', cellSize: 6, correction: 'M' },
    ]);
    expect(items.at(-1)).toEqual({ kind: 'cut' });
  });

  it('returns receipt: the RMA number as Code 128 and the reason', async () => {
    const items = await receipt({ template: 'return-label', data: returnLabelData() });
    expect(items.filter((i) => i.kind === 'code128').map((i) => (i as { data: string }).data)).toEqual(['RMA-2025-000917']);
    expect(escposText(items).some((l) => l.includes('Reason: Wrong size'))).toBe(true);
    expect(items.filter((i) => i.kind === 'cut')).toHaveLength(1);
  });

  it('GS1-128 goes out as a raster image that scans with its AIs and separator', async () => {
    const items = await receipt({ template: 'sscc-label', data: ssccLabelData() });
    const images = items.filter((i): i is Extract<EscposItem, { kind: 'image' }> => i.kind === 'image');
    expect(images).toHaveLength(3);
    for (const image of images) expect(image.width).toBeLessThanOrEqual(576);
    const decoded = await Promise.all(
      images.map(async (i) => (await decodeBarcodes(i.png)).map((d) => `${d.symbologyIdentifier}${d.text}`)),
    );
    expect(decoded).toEqual([[']C1400DS-20250314-00042'], [`]C1020950600013435237` + `24\u001d3302001234`], [`]C100${SSCC}`]]);
  });

  it('printer test label: native Code 128 and QR, GS1-128 and DataMatrix as images that scan', async () => {
    const items = await receipt({ template: 'test-label', data: { message: 'receipt test' } });
    expect(items.filter((i) => i.kind === 'code128').map((i) => (i as { data: string }).data)).toEqual(['DOCKSIDE-TEST-128']);
    expect(items.filter((i) => i.kind === 'qrcode').map((i) => (i as { data: string }).data)).toEqual([
      'https://dockside.invalid/printer-test',
    ]);
    const images = items.filter((i): i is Extract<EscposItem, { kind: 'image' }> => i.kind === 'image');
    const decoded = await Promise.all(
      images.map(async (i) => (await decodeBarcodes(i.png)).map((d) => `${d.symbologyIdentifier}${d.text}`)),
    );
    expect(decoded).toEqual([[`]C1010950600013435210TEST1\u001d2142`], [']d1DOCKSIDE-TEST-DM']]);
  });
});
