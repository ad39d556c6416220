import { beforeAll, describe, expect, it } from 'vitest';
import type { Address } from '../../../shared/domain/address';
import { buildSscc } from '../../../shared/domain/gs1';
import { buildLabel, type LayoutRequest } from '../../../shared/labels/build-label';
import type { LabelContext } from '../../../shared/labels/label-context';
import { renderZpl } from '../../../shared/labels/zpl/render-zpl';
import { zplToPngs } from '../preview/zpl-to-png';
import { pdfToPngs } from '../preview/pdf-to-png';
import { decodeBarcodes } from '../testing/decode-barcodes';
import {
  LABEL_CONTEXT,
  packingSlipData,
  pickListData,
  returnLabelData,
  shippingData,
  ssccLabelData,
  WORLD_ADDRESSES,
} from '../testing/fixtures';
import { pdfText } from '../../../documents/testing/pdf-text';
import { zplTexts } from '../testing/zpl-text';
import { renderPdf } from '../../../documents/render-pdf';
import { textRasterizer } from './text-raster';

/**
 * Every template with names and addresses in Polish, Greek, Japanese and very long forms, rendered
 * to ZPL (drawn by zebrash) and PDF (rasterised by pdftoppm): every barcode decodes to its data, and
 * the postcode, country and name are in the printed text (pdftotext; ZPL ^FD fields and the text of
 * fields drawn as graphics), never as boxes: ZPL font 0 only ever gets Latin.
 */
const SSCC = buildSscc(3, '0614141', 777);
const ctx: LabelContext = { ...LABEL_CONTEXT, sscc: { value: SSCC, companyPrefixLength: 7 } };
const LONG_ORDER = 'DS-2025-03-14-WEBSHOP-EU-CENTRAL-0000042'; // 40 characters
const LONG_TRACKING = 'JD014600006281234567ABCDEFGHIJKLMNOP'; // 36 characters
const GS = '\u001d';

type Script = keyof typeof WORLD_ADDRESSES;
const SCRIPTS = Object.keys(WORLD_ADDRESSES) as Script[];

interface Case {
  name: string;
  request: LayoutRequest;
  /** Decoded barcodes per page, as symbology identifier + text (a function of the page count for lists). */
  barcodes: string[][] | ((pages: number) => string[][]);
  /** Addresses whose postcode, country and name must be printed. */
  addresses: Address[];
}

function cases(script: Script): Case[] {
  const address: Address = { ...WORLD_ADDRESSES[script] };
  const long = script === 'long';
  const order = long ? LONG_ORDER : 'DS-20250314-00042';
  const orderCode = long ? `]d1${order}` : `]C0${order}`;
  const tracking = long ? LONG_TRACKING : '1Z999AA10123456784';
  const trackingCode = long ? `]d1${tracking}` : `]C0${tracking}`;
  const shipFrom: Address = { ...WORLD_ADDRESSES[script === 'long' ? 'long' : 'polish'] };
  return [
    {
      name: 'shipping label',
      request: {
        template: 'shipping-label',
        data: shippingData({ orderNumber: order, trackingNumber: tracking, shipTo: address, shipFrom }),
      },
      barcodes: [[orderCode, trackingCode, `]C100${SSCC}`]],
      addresses: [address, shipFrom],
    },
    {
      name: 'SSCC label',
      request: { template: 'sscc-label', data: ssccLabelData({ orderNumber: order, shipTo: address, shipFrom }) },
      // A 40-character order number is no AI 400 that fits the label: it is printed as text only.
      barcodes: [[...(long ? [] : [`]C1400${order}`]), `]C1020950600013435237` + `24${GS}3302001234`, `]C100${SSCC}`]],
      addresses: [address, shipFrom],
    },
    {
      name: 'return label',
      request: { template: 'return-label', data: returnLabelData({ from: address, trackingNumber: tracking, orderNumber: order }) },
      barcodes: [[']C0RMA-2025-000917', trackingCode]],
      addresses: [address],
    },
    {
      name: '4x6 packing slip of 40 lines',
      request: {
        template: 'packing-slip',
        data: packingSlipData(40, {
          orderNumber: order,
          shipTo: address,
          shipFrom,
          returnUrl: `https://returns.dockside.invalid/r/${order}`,
        }),
      },
      barcodes: [[orderCode], [`]Q1https://returns.dockside.invalid/r/${order}`]],
      addresses: [address, shipFrom],
    },
    {
      name: 'pick list with long SKUs',
      request: {
        template: 'pick-list',
        data: {
          ...pickListData(12),
          lines: pickListData(12).lines.map((l, i) => ({
            ...l,
            sku: `${address.city.replace(/\s/g, '')}-SKU-${i}-VARIANT-XL-BLUE`,
            name: address.name,
          })),
        },
      },
      barcodes: (pages) => Array.from({ length: pages }, () => [']C0PL-20250314-0007']),
      addresses: [],
    },
  ];
}

const expected = (c: Case, pages: number) => (typeof c.barcodes === 'function' ? c.barcodes(pages) : c.barcodes);
const summary = (codes: { symbologyIdentifier: string; text: string }[]) => codes.map((c) => `${c.symbologyIdentifier}${c.text}`);
const squash = (s: string) => s.replace(/\s+/g, '');
const cityLineParts = (a: Address) => [a.postalCode, a.country].filter((p): p is string => Boolean(p));

describe('every template in Polish, Greek, Japanese and very long forms', () => {
  beforeAll(async () => {
    await zplToPngs('^XA^FO1,1^GB2,2,1^FS^XZ', { widthInches: 1, heightInches: 1, dpi: 203 }); // load the renderer once
  }, 60_000);

  for (const script of SCRIPTS)
    for (const c of cases(script)) {
      it(`${script}: ${c.name} as PDF: barcodes decode, postcode, country and names are in the text`, async () => {
        const doc = buildLabel(c.request, ctx, '4x6');
        const pdf = await renderPdf(doc, { dpi: 203 });
        const pages = await pdfToPngs(pdf, { dpi: 203 });
        const decoded = await Promise.all(pages.map((png) => decodeBarcodes(png)));
        expect(decoded.map(summary)).toEqual(expected(c, doc.pages.length));
        const text = await pdfText(pdf);
        for (const a of c.addresses) {
          for (const part of cityLineParts(a)) expect(text).toContain(part);
          expect(squash(text)).toContain(squash(a.city));
          expect(squash(text)).toContain(squash(a.name));
        }
        if (c.request.template === 'pick-list') for (const line of c.request.data.lines) expect(squash(text)).toContain(squash(line.sku));
      });

      it(`${script}: ${c.name} as ZPL: barcodes decode, postcode and country in the fields, font 0 gets Latin only`, async () => {
        const doc = buildLabel(c.request, ctx, '4x6');
        const zpl = renderZpl(doc, 203, { rasterizeText: await textRasterizer() });
        const pages = await zplToPngs(zpl, { widthInches: 4, heightInches: 6, dpi: 203 });
        const decoded = await Promise.all(pages.map((png) => decodeBarcodes(png)));
        expect(decoded.map(summary)).toEqual(expected(c, doc.pages.length));
        const { fd, all } = zplTexts(zpl);
        for (const field of fd) expect(field).toMatch(/^[\u0020-\u024f\u2010-\u2027\u20ac]*$/);
        const printed = all.join('\n');
        for (const a of c.addresses) {
          for (const part of cityLineParts(a)) expect(printed).toContain(part);
          expect(squash(printed)).toContain(squash(a.city));
        }
        if (c.request.template === 'pick-list')
          for (const line of c.request.data.lines) expect(squash(printed)).toContain(squash(line.sku));
      });
    }
});
