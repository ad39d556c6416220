import { loadOnce } from './load-once';
import { gs1HumanReadable, validateGs1Fields } from '../shared/labels/gs1-element-string';
import type { BarcodeElement } from '../shared/labels/layout';

/** A barcode as modules, from bwip-js: bar/space runs for linear codes, a module grid for 2D codes. */
export type BarcodeModules = { kind: 'linear'; runs: number[] } | { kind: 'matrix'; columns: number; rows: number; cells: number[] };

const BCID = { code128: 'code128', 'gs1-128': 'gs1-128', qrcode: 'qrcode', datamatrix: 'datamatrix' } as const;

export const loadBwip = loadOnce(async () => (await import('bwip-js/node')).default);
type Bwip = Awaited<ReturnType<typeof loadBwip>>;

/** `barcodeModules` once bwip-js is loaded (load-once.ts). */
export async function barcodeModulesMaker(): Promise<(e: BarcodeElement) => BarcodeModules> {
  const bwip = await loadBwip();
  return (e) => barcodeModules(bwip, e);
}

function barcodeModules(bwip: Bwip, e: BarcodeElement): BarcodeModules {
  const text = e.symbology === 'gs1-128' ? gs1Text(e) : e.data;
  const options: Record<string, unknown> = { bcid: BCID[e.symbology], text };
  if (e.symbology === 'qrcode') options.eclevel = 'M';
  const [symbol] = bwip.raw(options as unknown as Parameters<Bwip['raw']>[0]) as unknown as RawSymbol[];
  if (!symbol) throw new Error(`bwip-js returned no ${e.symbology} symbol`);
  if ('sbs' in symbol) return { kind: 'linear', runs: symbol.sbs };
  return { kind: 'matrix', columns: symbol.pixx, rows: symbol.pixy, cells: symbol.pixs };
}

type RawSymbol = { sbs: number[] } | { pixs: number[]; pixx: number; pixy: number };

function gs1Text(e: BarcodeElement): string {
  if (!e.gs1) throw new Error('gs1-128 barcode without GS1 fields');
  validateGs1Fields(e.gs1);
  // bwip-js reads the parenthesised form and inserts FNC1 where GS1 needs it.
  return gs1HumanReadable(e.gs1);
}

/** Module width in points, snapped to whole printer dots (a bar of 2.4 dots prints as 2 or 3). */
export function snapModule(points: number, dpi: number): number {
  const dots = Math.max(1, Math.round((points * dpi) / 72));
  return (dots * 72) / dpi;
}
