import { describe, expect, it } from 'vitest';
import { PAGE_SIZES, type LabelDocument } from '../layout';
import { renderZpl } from './render-zpl';

const doc = (elements: LabelDocument['pages'][number]['elements'], pages = 1): LabelDocument => ({
  title: 't',
  size: PAGE_SIZES['4x6'],
  pages: Array.from({ length: pages }, () => ({ elements })),
});

describe('renderZpl', () => {
  it('declares UTF-8 and the label size in dots for the printer resolution', () => {
    expect(renderZpl(doc([]), 203)).toMatch(/^\^XA\^CI28\^PW812\^LL1218\^/);
    expect(renderZpl(doc([]), 300)).toMatch(/^\^XA\^CI28\^PW1200\^LL1800\^/);
  });

  it('one ^XA..^XZ label per page', () => {
    const zpl = renderZpl(doc([{ kind: 'text', x: 10, y: 10, size: 10, text: 'x' }], 3), 203);
    expect(zpl.match(/\^XA/g)).toHaveLength(3);
    expect(zpl.match(/\^XZ/g)).toHaveLength(3);
  });

  it('positions and sizes scale with resolution; bar modules are whole dots', () => {
    const barcode = { kind: 'barcode' as const, x: 72, y: 36, symbology: 'code128' as const, data: 'A1', height: 36, module: 0.72 };
    expect(renderZpl(doc([barcode]), 203)).toContain('^FO203,102^BY2,3,102^BCN,102,N,N,N,N');
    expect(renderZpl(doc([barcode]), 300)).toContain('^FO300,150^BY3,3,150^BCN,150,N,N,N,N');
  });

  it('label data cannot end the label or start a command', () => {
    const zpl = renderZpl(doc([{ kind: 'text', x: 0, y: 0, size: 10, text: 'evil^XZ^XA~JR' }]), 203);
    expect(zpl).toContain('^FH_^FDevil_5EXZ_5EXA_7EJR^FS');
    expect(zpl.match(/\^XZ/g)).toHaveLength(1);
  });

  it('DataMatrix gets an escape character its data does not use', () => {
    const dm = (data: string) =>
      renderZpl(doc([{ kind: 'barcode', x: 0, y: 0, symbology: 'datamatrix', data, height: 0, module: 1.42 }]), 203);
    expect(dm('ABC')).toContain('^BXN,4,200,0,0,6,`');
    expect(dm('A`B')).toContain('^BXN,4,200,0,0,6,|');
  });

  it('rejects GS1 data of the wrong length rather than print a barcode that scans wrong', () => {
    expect(() =>
      renderZpl(
        doc([{ kind: 'barcode', x: 0, y: 0, symbology: 'gs1-128', data: '', gs1: [{ ai: '00', value: '123' }], height: 40, module: 1 }]),
        203,
      ),
    ).toThrow(/takes 18/);
  });

  it('sends font 0 Latin only: other scripts go to the rasterizer as ^GF graphics, or are refused without one', () => {
    const page = doc([
      { kind: 'text', x: 10, y: 10, size: 10, text: 'Łódź 90-562 PL', width: 200 },
      { kind: 'text', x: 10, y: 30, size: 10, text: 'Αθήνα 106 76', width: 200 },
    ]);
    const zpl = renderZpl(page, 203, { rasterizeText: () => ({ bytesPerRow: 2, rows: 1, bits: new Uint8Array([0xf0, 0x0f]) }) });
    expect(zpl).toContain('^A0N,28,25^FB564,1,0,L,0^FH_^FDŁódź 90-562 PL^FS');
    expect(zpl).toContain('^FXΑθήνα 106 76\n^FO28,85^GFA,2,2,2,F00F^FS');
    expect(() => renderZpl(page, 203)).toThrow(/rasterizer/);
  });

  it('condenses a Latin line longer than its block instead of letting ^FB wrap it over itself', () => {
    const zpl = renderZpl(doc([{ kind: 'text', x: 0, y: 0, size: 10, text: 'W'.repeat(40), width: 100 }]), 203);
    const [, h, w] = /\^A0N,(\d+),(\d+)/.exec(zpl)!.map(Number);
    expect(w!).toBeLessThan(h! * 0.9);
    expect(40 * 0.62 * w!).toBeLessThanOrEqual(282);
  });
});
