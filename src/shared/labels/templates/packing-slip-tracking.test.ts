import { describe, expect, it } from 'vitest';
import { buildLabel } from '../build-label';
import type { LabelContext } from '../label-context';
import type { TextElement } from '../layout';
import { renderZpl } from '../zpl/render-zpl';

const address = { name: 'Grace Hopper', line1: '1 Main St', city: 'Arlington', region: 'VA', postalCode: '22201', country: 'US' };
const ctx: LabelContext = { printedAt: '2026-12-04T09:30:00.000Z' };
const texts = (doc: ReturnType<typeof buildLabel>) =>
  doc.pages.flatMap((p) => p.elements.filter((e): e is TextElement => e.kind === 'text')).map((t) => t.text);

describe('packing slip with lots and serials', () => {
  const data = {
    orderNumber: 'DS-9',
    shipTo: address,
    lines: [
      { sku: 'CAM', name: 'Camera', quantity: 2, tracking: 'SN CAM-000001, CAM-000002' },
      { sku: 'MILK', name: 'Milk', quantity: 3, tracking: 'LOT L-2027 EXP 2027-05-31 x3' },
      { sku: 'MUG', name: 'Mug', quantity: 1 },
    ],
  };

  it('prints every serial and lot with its line, on the 4x6 slip and in its ZPL', () => {
    const doc = buildLabel({ template: 'packing-slip', data }, ctx, '4x6');
    const all = texts(doc).join('\n');
    for (const id of ['CAM-000001', 'CAM-000002', 'L-2027', '2027-05-31']) expect(all).toContain(id);
    expect(texts(doc)).toContain('Mug');
    const zpl = renderZpl(doc, 203);
    for (const id of ['CAM-000001', 'CAM-000002', 'LOT L-2027']) expect(zpl).toContain(id);
  });

  it('keeps a line without lots or serials as it was', () => {
    const plain = buildLabel({ template: 'packing-slip', data: { ...data, lines: [data.lines[2]!] } }, ctx, '4x6');
    expect(texts(plain)).toContain('Mug');
    expect(texts(plain).some((t) => t.includes('SN ') || t.includes('LOT '))).toBe(false);
  });
});
