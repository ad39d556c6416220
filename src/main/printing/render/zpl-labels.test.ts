import { beforeAll, describe, expect, it } from 'vitest';
import { buildSscc } from '../../../shared/domain/gs1';
import { buildLabel, type LayoutRequest } from '../../../shared/labels/build-label';
import type { LabelContext } from '../../../shared/labels/label-context';
import { renderZpl, type ZplDpi } from '../../../shared/labels/zpl/render-zpl';
import { zplToPngs } from '../preview/zpl-to-png';
import { decodeBarcodes, type DecodedBarcode } from '../testing/decode-barcodes';
import { LABEL_CONTEXT, packingSlipData, pickListData, returnLabelData, shippingData, ssccLabelData } from '../testing/fixtures';

/** ZPL rendered by zebrash (the Zebra firmware's behaviour, in WASM), then read by zxing: what a scanner would get. */
const GS = '\u001d';
const SSCC = buildSscc(3, '0614141', 4711);
const ctx: LabelContext = { ...LABEL_CONTEXT, sscc: { value: SSCC, companyPrefixLength: 7 } };

async function scan(request: LayoutRequest, dpi: ZplDpi, context: LabelContext = ctx): Promise<DecodedBarcode[][]> {
  const zpl = renderZpl(buildLabel(request, context), dpi);
  const pages = await zplToPngs(zpl, { widthInches: 4, heightInches: 6, dpi });
  return Promise.all(pages.map((png) => decodeBarcodes(png)));
}

const summary = (codes: DecodedBarcode[]) => codes.map((c) => `${c.symbologyIdentifier}${c.text}`);

describe('ZPL labels, rendered and scanned', () => {
  beforeAll(async () => {
    await zplToPngs('^XA^FO1,1^GB2,2,1^FS^XZ', { widthInches: 1, heightInches: 1, dpi: 203 }); // load the 27 MB renderer once
  });

  for (const dpi of [203, 300] as const) {
    it(`shipping label at ${dpi} dpi: order and tracking as Code 128, SSCC as GS1-128, the SSCC lowest`, async () => {
      const [page] = await scan({ template: 'shipping-label', data: shippingData() }, dpi);
      expect(summary(page!)).toEqual([']C0DS-20250314-00042', ']C01Z999AA10123456784', `]C100${SSCC}`]);
      const sscc = page!.find((c) => c.symbologyIdentifier === ']C1')!;
      expect(Math.max(...page!.map((c) => c.top))).toBe(sscc.top);
    });
  }

  it('shipping label without a tracking number has no tracking barcode', async () => {
    const [page] = await scan({ template: 'shipping-label', data: shippingData({ trackingNumber: null }) }, 203);
    expect(summary(page!)).toEqual([']C0DS-20250314-00042', `]C100${SSCC}`]);
  });

  it('SSCC carton label: GS1-128 with FNC1 after the variable-length count, SSCC lowest', async () => {
    const [page] = await scan({ template: 'sscc-label', data: ssccLabelData() }, 300);
    expect(summary(page!)).toEqual([']C1400DS-20250314-00042', `]C10209506000134352` + `3724${GS}` + '3302001234', `]C100${SSCC}`]);
    expect(page!.at(-1)!.text).toBe(`00${SSCC}`);
  });

  it('return label carries the RMA number; data with ZPL control characters prints as data', async () => {
    const [page] = await scan(
      { template: 'return-label', data: returnLabelData({ rmaNumber: 'RMA>^_~42', trackingNumber: '9400111899223100000000' }) },
      203,
    );
    expect(summary(page!)).toEqual([']C0RMA>^_~42', ']C09400111899223100000000']);
  });

  it('printer test label: Code 128, GS1-128 with separators, QR and DataMatrix', async () => {
    const [page] = await scan({ template: 'test-label', data: { message: 'hello' } }, 203);
    expect(summary(page!).sort()).toEqual(
      [
        ']C0DOCKSIDE-TEST-128',
        `]C1010950600013435210TEST1${GS}2142`,
        ']Q1https://dockside.invalid/printer-test',
        ']d1DOCKSIDE-TEST-DM',
      ].sort(),
    );
  });

  it('packing slip on 4x6 labels runs over pages, with the order barcode first and the returns QR last', async () => {
    const pages = await scan({ template: 'packing-slip', data: packingSlipData(30) }, 203);
    expect(pages.length).toBeGreaterThan(1);
    expect(summary(pages[0]!)).toEqual([']C0DS-20250314-00042']);
    expect(summary(pages.at(-1)!)).toEqual([']Q1https://returns.dockside.invalid/r/DS-20250314-00042']);
  });

  it('pick list repeats its barcode on every page', async () => {
    const pages = await scan({ template: 'pick-list', data: pickListData(40) }, 203);
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(summary(page)).toEqual([']C0PL-20250314-0007']);
  });
});
