import { describe, expect, it } from 'vitest';
import { buildSscc } from '../../domain/gs1';
import { buildLabel, type LayoutRequest } from '../build-label';
import type { LabelContext } from '../label-context';
import { ssccHumanReadable } from '../label-context';
import type { BarcodeElement, LabelDocument, TextElement } from '../layout';

const address = { name: 'Grace Hopper', line1: '1 Main St', city: 'Arlington', region: 'VA', postalCode: '22201', country: 'US' };
const sscc = buildSscc(3, '0614141', 42);
const ctx: LabelContext = { printedAt: '2025-03-14T09:30:00.000Z', sscc: { value: sscc, companyPrefixLength: 7 } };
const lines = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    sku: `SKU-${i}`,
    name: `Item ${i}`,
    quantity: 1,
    location: `B-${String((i * 7) % n).padStart(3, '0')}`,
  }));

const requests: LayoutRequest[] = [
  {
    template: 'shipping-label',
    data: {
      orderNumber: 'DS-1',
      packageId: crypto.randomUUID(),
      packageIndex: 1,
      packageCount: 1,
      shipTo: address,
      carrier: 'UPS',
      service: null,
      trackingNumber: '1Z1',
      weightGrams: null,
    },
  },
  {
    template: 'sscc-label',
    data: {
      orderNumber: 'DS-1',
      packageId: crypto.randomUUID(),
      packageIndex: 1,
      packageCount: 1,
      shipTo: address,
      carrier: null,
      weightGrams: 500,
      contents: { gtin: '09506000134352', count: 3 },
    },
  },
  { template: 'packing-slip', data: { orderNumber: 'DS-1', shipTo: address, lines: lines(3) } },
  {
    template: 'return-label',
    data: { rmaNumber: 'RMA-1', orderNumber: 'DS-1', from: address, returnTo: address, carrier: null, trackingNumber: null, lines: [] },
  },
  { template: 'pick-list', data: { pickListId: 'PL-1', lines: lines(3) } },
  { template: 'test-label', data: { message: 'hi' } },
];

const barcodes = (doc: LabelDocument) => doc.pages.flatMap((p) => p.elements.filter((e): e is BarcodeElement => e.kind === 'barcode'));
const texts = (doc: LabelDocument) => doc.pages.flatMap((p) => p.elements.filter((e): e is TextElement => e.kind === 'text'));

describe('label templates', () => {
  it('shipping-label and packing-slip: "PKG 2 OF 3" once the count is known, "PKG 2" while more boxes may follow', () => {
    const label = requests[0] as Extract<LayoutRequest, { template: 'shipping-label' }>;
    const box = (packageCount: number | null) =>
      texts(buildLabel({ ...label, data: { ...label.data, packageIndex: 2, packageCount } }, ctx)).map((t) => t.text);
    expect(box(3)).toContain('PKG 2 OF 3');
    expect(box(null)).toContain('PKG 2');
    expect(box(null).join(' ')).not.toMatch(/ OF /);
    const slip = (packageCount?: number) =>
      texts(
        buildLabel(
          { template: 'packing-slip', data: { orderNumber: 'DS-1', shipTo: address, lines: lines(1), packageIndex: 2, packageCount } },
          ctx,
        ),
      ).map((t) => t.text);
    expect(slip(3)).toContain('Package 2 of 3');
    expect(slip()).toContain('Package 2');
    expect(slip().join(' ')).not.toMatch(/Package 2 of/);
  });

  for (const request of requests) {
    it(`${request.template}: every element lies on the page`, () => {
      const doc = buildLabel(request, ctx);
      for (const page of doc.pages)
        for (const e of page.elements) {
          expect(e.x).toBeGreaterThanOrEqual(0);
          expect(e.y).toBeGreaterThanOrEqual(0);
          expect(e.y).toBeLessThan(doc.size.height);
          if (e.kind === 'text' && e.width !== undefined) expect(e.x + e.width).toBeLessThanOrEqual(doc.size.width + 0.01);
        }
    });
  }

  for (const template of ['shipping-label', 'sscc-label'] as const) {
    it(`${template}: the SSCC (AI 00) is the lowest barcode, with its human-readable AI in parentheses`, () => {
      const doc = buildLabel(
        requests.find((r) => r.template === template)!,
        ctx,
      );
      const all = barcodes(doc);
      const ssccBarcode = all.find((b) => b.gs1?.[0]?.ai === '00')!;
      expect(ssccBarcode.gs1).toEqual([{ ai: '00', value: sscc }]);
      expect(Math.max(...all.map((b) => b.y))).toBe(ssccBarcode.y);
      expect(texts(doc).map((t) => t.text)).toContain(ssccHumanReadable(sscc, 7));
      expect(ssccHumanReadable(sscc, 7)).toBe(`(00) 3 0614141 000000042 ${sscc[17]}`);
    });
  }

  it('a label that carries an SSCC cannot be built without one', () => {
    expect(() => buildLabel(requests[1]!, { printedAt: ctx.printedAt })).toThrow(/SSCC/);
  });

  it('packing slip: every line printed exactly once across pages, page numbers on each', () => {
    const doc = buildLabel({ template: 'packing-slip', data: { orderNumber: 'DS-1', shipTo: address, lines: lines(75) } }, ctx, 'a4');
    expect(doc.pages.length).toBeGreaterThan(1);
    const skus = texts(doc)
      .map((t) => t.text)
      .filter((t) => /^SKU-\d+$/.test(t));
    expect(skus.sort()).toEqual(
      lines(75)
        .map((l) => l.sku)
        .sort(),
    );
    doc.pages.forEach((page, i) =>
      expect(page.elements.some((e) => e.kind === 'text' && e.text.endsWith(`page ${i + 1} of ${doc.pages.length}`))).toBe(true),
    );
  });

  it('pick list: in walking order by location', () => {
    const doc = buildLabel({ template: 'pick-list', data: { pickListId: 'PL-1', lines: lines(30) } }, ctx);
    const locations = texts(doc)
      .map((t) => t.text)
      .filter((t) => /^B-\d{3}$/.test(t));
    expect(locations).toEqual([...locations].sort());
    expect(locations).toHaveLength(30);
  });
});
