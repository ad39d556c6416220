import { describe, expect, it } from 'vitest';
import { buildSscc } from '../../../shared/domain/gs1';
import { buildLabel, type LayoutRequest } from '../../../shared/labels/build-label';
import type { LabelContext } from '../../../shared/labels/label-context';
import { decodeBarcodes } from '../testing/decode-barcodes';
import { escposText, parseEscpos, type EscposItem } from '../testing/escpos-parser';
import { gs1128Modules } from '../../../shared/labels/barcode-size';
import { LABEL_CONTEXT, packingSlipData, pickListData, returnLabelData, ssccLabelData, WORLD_ADDRESSES } from '../testing/fixtures';
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

describe('ESC/POS text in other scripts, over several pages', () => {
  const ESC_AT = [0x1b, 0x40];
  const HOME_PAGE = [0x1b, 0x74, 19];
  const indexOf = (bytes: Buffer, seq: number[], from = 0) => bytes.indexOf(Buffer.from(seq), from);

  it('resets the printer and selects the code page before page 1, and again after every cut', async () => {
    const bytes = await renderEscpos(buildLabel({ template: 'pick-list', data: pickListData(60) }, ctx, '4x6'));
    expect([...bytes.subarray(0, 5)]).toEqual([...ESC_AT, ...HOME_PAGE]);
    const cuts = [...bytes.keys()].filter((i) => bytes[i] === 0x1d && bytes[i + 1] === 0x56);
    expect(cuts.length).toBeGreaterThan(1);
    for (const cut of cuts) {
      const reset = indexOf(bytes, ESC_AT, cut);
      expect(reset).toBeGreaterThan(cut);
      expect(indexOf(bytes, HOME_PAGE, reset)).toBe(reset + 2);
    }
  });

  for (const [script, address] of Object.entries(WORLD_ADDRESSES))
    it(`${script} addresses print as written on every page (code pages and kanji mode switched and restored)`, async () => {
      const city = address.city.split(/[\s-]/)[0]!;
      const data = packingSlipData(60, {
        shipTo: { ...address },
        lines: packingSlipData(60).lines.map((l, i) => ({ ...l, name: i % 2 ? `${city} ${i}` : `Jürgen Müller ${i}` })),
      });
      const items = parseEscpos(await renderEscpos(buildLabel({ template: 'packing-slip', data }, ctx, '4x6')));
      expect(items.filter((i) => i.kind === 'cut').length).toBeGreaterThan(1);
      const lines = escposText(items);
      const text = lines.join('\n');
      for (const part of [address.postalCode, address.country]) expect(text).toContain(part);
      // The ship-to column (left of FROM) continues on the next lines when it is longer than its columns.
      const squash = (s: string) => s.replace(/\s+/g, '');
      const shipToColumn = squash(lines.map((l) => l.slice(0, 23)).join(''));
      expect(squash(text).includes(squash(address.name)) || shipToColumn.includes(squash(address.name))).toBe(true);
      // Lines on the last page, after two cuts and resets, still decode: city names and accented Latin.
      for (let i = 50; i < 60; i++) expect(text).toContain(i % 2 ? `${city} ${i}` : `Jürgen Müller ${i}`);
    });

  it('Japanese goes out in Shift JIS inside kanji mode, and the code page is restored after it', async () => {
    const data = packingSlipData(2, { shipTo: { ...WORLD_ADDRESSES.japanese } });
    const bytes = await renderEscpos(buildLabel({ template: 'packing-slip', data }, ctx, '4x6'));
    const kanjiOn = indexOf(bytes, [0x1c, 0x43, 0x01, 0x1c, 0x26]);
    expect(kanjiOn).toBeGreaterThan(0);
    const kanjiOff = indexOf(bytes, [0x1c, 0x2e], kanjiOn);
    expect(bytes.subarray(kanjiOn + 5, kanjiOff).includes(Buffer.from([0x8e, 0x52, 0x93, 0x63]))).toBe(true); // 山田 in Shift JIS
    expect(escposText(parseEscpos(bytes)).some((l) => l.includes('Jürgen Müller') || l.includes('SKU-1000'))).toBe(true);
  });

  it('a line no code page or kanji set has (Korean) prints as an image, never as question marks', async () => {
    const shipTo = { name: '김민준', line1: '세종대로 110', city: '서울', postalCode: '04524', country: 'KR' };
    const items = await receipt({ template: 'packing-slip', data: packingSlipData(2, { shipTo }) });
    const text = escposText(items).join('\n');
    expect(text).not.toContain('?');
    expect(escposText(items).some((l) => /^KR\b/.test(l))).toBe(true);
    const images = items.filter((i): i is Extract<EscposItem, { kind: 'image' }> => i.kind === 'image');
    expect(images.filter((i) => i.width >= 500 && i.height < 60).length).toBeGreaterThanOrEqual(3); // name, street, city lines
  });

  it('GS1-128 images have bars of at least 2 dots (0.25 mm), and too-long data goes out as a 2D code that scans', async () => {
    const items = await receipt({ template: 'sscc-label', data: ssccLabelData() });
    const images = items.filter((i): i is Extract<EscposItem, { kind: 'image' }> => i.kind === 'image');
    const sscc = images.at(-1)!;
    expect(sscc.width).toBeGreaterThanOrEqual(2 * gs1128Modules([{ ai: '00', value: SSCC }]));
    // A 24-character PO fits the 4x6 label but not 72 mm of paper at 2-dot bars: a GS1 DataMatrix, not 1-dot bars.
    const po = 'PO-ABCDEFGHIJKLMNOPQRSTU';
    const withPo = await receipt({ template: 'sscc-label', data: ssccLabelData({ customerPo: po }) });
    const poImage = withPo.filter((i): i is Extract<EscposItem, { kind: 'image' }> => i.kind === 'image')[0]!;
    expect((await decodeBarcodes(poImage.png)).map((d) => `${d.symbologyIdentifier}${d.text}`)).toEqual([`]d2400${po}`]);
    const long = await receipt({
      template: 'return-label',
      data: returnLabelData({ trackingNumber: 'JD014600006281234567ABCDEFGHIJKLMNOP' }),
    });
    const decoded = await Promise.all(
      long.filter((i): i is Extract<EscposItem, { kind: 'image' }> => i.kind === 'image').map((i) => decodeBarcodes(i.png)),
    );
    expect(decoded.flat().map((d) => `${d.symbologyIdentifier}${d.text}`)).toEqual([']d1JD014600006281234567ABCDEFGHIJKLMNOP']);
  });
});
