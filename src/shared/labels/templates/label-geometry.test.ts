import { describe, expect, it } from 'vitest';
import type { Address } from '../../domain/address';
import { buildSscc } from '../../domain/gs1';
import { barcodeExtent } from '../barcode-size';
import { buildLabel, type LayoutRequest } from '../build-label';
import type { LabelContext } from '../label-context';
import { SsccLabelData } from '../label-data';
import { WORLD_ADDRESSES } from '../testing/world-addresses';
import { toDots, type LabelDocument, type LabelElement } from '../layout';
import { estimateWidth } from '../text-fit';
import { cartonFields } from './sscc-label';

/** Where things sit on the page: quiet zones, GS1 symbol sizes, footers, and what the schemas let through. */
const SSCC = buildSscc(3, '0614141', 4242);
const ctx: LabelContext = { printedAt: '2025-03-14T09:30:00.000Z', sscc: { value: SSCC, companyPrefixLength: 7 } };
const ADDRESSES: Record<string, Address> = WORLD_ADDRESSES;
const lines = (n: number) => Array.from({ length: n }, (_, i) => ({ sku: `SKU-${1000 + i}`, name: `Widget number ${i + 1}`, quantity: 1 }));

function requests(a: Address, order: string, tracking: string): LayoutRequest[] {
  const packageId = '6f1c2a52-7d8e-4a7b-9a57-1b1c7f0e2a10';
  return [
    {
      template: 'shipping-label',
      data: {
        orderNumber: order,
        packageId,
        packageIndex: 1,
        packageCount: 1,
        shipTo: a,
        shipFrom: a,
        carrier: 'UPS',
        service: 'Ground',
        trackingNumber: tracking,
        weightGrams: 1200,
      },
    },
    {
      template: 'sscc-label',
      data: SsccLabelData.parse({
        orderNumber: order,
        packageId,
        shipTo: a,
        shipFrom: a,
        contents: { gtin: '09506000134352', count: 24 },
        weightGrams: 12_340,
      }),
    },
    {
      template: 'packing-slip',
      data: { orderNumber: order, shipTo: a, shipFrom: a, lines: lines(40), returnUrl: `https://returns.dockside.invalid/r/${order}` },
    },
    {
      template: 'return-label',
      data: {
        rmaNumber: 'RMA-2025-000917',
        orderNumber: order,
        from: a,
        returnTo: a,
        carrier: null,
        trackingNumber: tracking,
        lines: lines(3),
      },
    },
    {
      template: 'pick-list',
      data: { pickListId: 'PL-1', lines: lines(30).map((l, i) => ({ ...l, location: `A-${i}`, sku: `${a.city}-${l.sku}-VARIANT-XL` })) },
    },
    { template: 'test-label', data: { message: 'geometry' } },
  ];
}

type Rect = { x0: number; y0: number; x1: number; y1: number };
const overlaps = (a: Rect, b: Rect) => a.x0 < b.x1 - 0.01 && b.x0 < a.x1 - 0.01 && a.y0 < b.y1 - 0.01 && b.y0 < a.y1 - 0.01;

/** What an element covers: text by its estimated run (aligned in its block), a frame by its four sides. */
function rects(e: LabelElement): Rect[] {
  if (e.kind === 'text') {
    const w = Math.min(e.width ?? Infinity, estimateWidth(e.text, e.size));
    const x0 = e.align === 'right' && e.width ? e.x + e.width - w : e.align === 'center' && e.width ? e.x + (e.width - w) / 2 : e.x;
    return [{ x0, y0: e.y, x1: x0 + w, y1: e.y + e.size }];
  }
  if (e.kind === 'box') {
    if (e.thickness * 2 >= Math.min(e.width, e.height)) return [{ x0: e.x, y0: e.y, x1: e.x + e.width, y1: e.y + e.height }];
    const t = e.thickness;
    return [
      { x0: e.x, y0: e.y, x1: e.x + e.width, y1: e.y + t },
      { x0: e.x, y0: e.y + e.height - t, x1: e.x + e.width, y1: e.y + e.height },
      { x0: e.x, y0: e.y, x1: e.x + t, y1: e.y + e.height },
      { x0: e.x + e.width - t, y0: e.y, x1: e.x + e.width, y1: e.y + e.height },
    ];
  }
  const { width, height } = barcodeExtent(e);
  return [{ x0: e.x, y0: e.y, x1: e.x + width, y1: e.y + height }];
}

/** A barcode with its quiet zones: left and right for linear symbols, all round for 2D ones. */
function withQuietZone(e: LabelElement & { kind: 'barcode' }): Rect {
  const { width, height, quietZone } = barcodeExtent(e);
  const linear = e.symbology === 'code128' || e.symbology === 'gs1-128';
  return {
    x0: e.x - quietZone,
    x1: e.x + width + quietZone,
    y0: linear ? e.y : e.y - quietZone,
    y1: e.y + height + (linear ? 0 : quietZone),
  };
}

function problems(doc: LabelDocument): string[] {
  const found: string[] = [];
  doc.pages.forEach((page, p) => {
    for (const e of page.elements) {
      if (e.kind !== 'barcode') continue;
      const zone = withQuietZone(e);
      const name = `page ${p + 1} ${e.symbology} ${e.data || e.gs1?.map((f) => f.ai).join('+')}`;
      if (zone.x0 < 0 || zone.y0 < 0 || zone.x1 > doc.size.width || zone.y1 > doc.size.height)
        found.push(`${name}: quiet zone off the page`);
      for (const other of page.elements)
        if (other !== e && rects(other).some((r) => overlaps(r, zone)))
          found.push(`${name}: ${other.kind === 'text' ? `text "${other.text}"` : other.kind} in its quiet zone`);
    }
  });
  return found;
}

const SCRIPT_CASES = Object.entries(ADDRESSES).map(([script, a]) => ({
  script,
  a,
  order: script === 'long' ? 'DS-2025-03-14-WEBSHOP-EU-CENTRAL-0000042' : 'DS-20250314-00042',
  tracking: script === 'long' ? 'JD014600006281234567ABCDEFGHIJKLMNOP' : '1Z999AA10123456784',
}));

describe('label geometry', () => {
  for (const { script, a, order, tracking } of SCRIPT_CASES)
    for (const request of requests(a, order, tracking))
      it(`${script} ${request.template}: every barcode has its quiet zone (10 X linear) clear and on the page`, () => {
        expect(problems(buildLabel(request, ctx, '4x6'))).toEqual([]);
      });

  for (const template of ['shipping-label', 'sscc-label'] as const)
    it(`${template}: the SSCC is sized as the GS1 logistic label says, at 203 and 300 dpi`, () => {
      const doc = buildLabel(
        requests(ADDRESSES.polish!, 'DS-1', '1Z1').find((r) => r.template === template)!,
        ctx,
      );
      const sscc = doc.pages[0]!.elements.find((e) => e.kind === 'barcode' && e.gs1?.[0]?.ai === '00')!;
      if (sscc.kind !== 'barcode') throw new Error('no SSCC');
      for (const dpi of [203, 300]) {
        const xMm = (toDots(sscc.module, dpi) * 25.4) / dpi;
        expect(xMm).toBeGreaterThanOrEqual(0.495);
        expect(xMm).toBeLessThanOrEqual(1.016);
      }
      expect((sscc.height * 25.4) / 72).toBeGreaterThanOrEqual(31.75);
    });

  it('a 40-line 4x6 packing slip fills page 1 and keeps the returns QR clear of the page footer', () => {
    const request = requests(ADDRESSES.polish!, 'DS-20250314-00042', '1Z1').find((r) => r.template === 'packing-slip')!;
    const doc = buildLabel(request, ctx, '4x6');
    const footerTop = (page: LabelDocument['pages'][number]) =>
      Math.min(...page.elements.filter((e) => e.kind === 'text' && / - page \d+ of \d+$/.test(e.text)).map((e) => e.y));
    const rows = (page: LabelDocument['pages'][number]) => page.elements.filter((e) => e.kind === 'text' && /^SKU-\d+$/.test(e.text));
    const first = doc.pages[0]!;
    expect(Math.max(...rows(first).map((e) => e.y + (e.kind === 'text' ? e.size : 0)))).toBeGreaterThan(footerTop(first) - 24);
    const last = doc.pages.at(-1)!;
    const qr = last.elements.find((e) => e.kind === 'barcode' && e.symbology === 'qrcode')!;
    if (qr.kind !== 'barcode') throw new Error('no QR');
    expect(withQuietZone(qr).y1).toBeLessThanOrEqual(footerTop(last));
  });

  it('an address too long for its box still prints its city, postcode and country in full', () => {
    const doc = buildLabel(requests(ADDRESSES.long!, 'DS-1', '1Z1')[0]!, ctx);
    const texts = doc.pages[0]!.elements.flatMap((e) => (e.kind === 'text' ? [e.text] : []));
    const joined = texts.join('\n');
    expect(joined).toContain('D-60528');
    expect(texts.filter((t) => t === 'DE')).toHaveLength(2); // ship-to and from
    expect(joined.replace(/\s+/g, ' ')).toContain('Frankfurt am Main-Niederrad-Schwanheim');
    expect(texts.some((t) => t.endsWith('...') && /D-60528|DE$/.test(t))).toBe(false);
  });
});

describe('SSCC label data', () => {
  const base = { orderNumber: 'DS-1', packageId: '6f1c2a52-7d8e-4a7b-9a57-1b1c7f0e2a10', shipTo: ADDRESSES.polish };
  it('accepts no weight that AI 3302 (six digits, kg with two decimals) cannot hold', () => {
    const ok = SsccLabelData.parse({ ...base, weightGrams: 9_999_990 });
    expect(cartonFields(ok)[0]).toEqual([{ ai: '3302', value: '999999' }]);
    expect(SsccLabelData.safeParse({ ...base, weightGrams: 9_999_991 }).success).toBe(false);
    expect(SsccLabelData.safeParse({ ...base, weightGrams: 99_999_990 }).success).toBe(false);
  });

  it('refuses a customer PO too long to print as a readable GS1-128, with a clear message', () => {
    const refused = SsccLabelData.safeParse({ ...base, customerPo: 'PO-ABCDEFGHIJKLMNOPQRSTUVWXYZ1' });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toMatch(/too long for a readable GS1-128/);
    expect(SsccLabelData.safeParse({ ...base, customerPo: 'PO-2025-000042' }).success).toBe(true);
  });

  it('prints a 40-character order number as text only, not as an AI 400 that would not scan', () => {
    const data = SsccLabelData.parse({ ...base, orderNumber: 'DS-2025-03-14-WEBSHOP-EU-CENTRAL-0000042' });
    expect(cartonFields(data)[1]).toEqual([]);
  });
});
