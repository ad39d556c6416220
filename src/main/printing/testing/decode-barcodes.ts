import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { prepareZXingModule, readBarcodes, type ReadResult } from 'zxing-wasm/reader';

/** A barcode as a scanner would report it: symbology identifier plus the raw text (FNC1 as GS). */
export interface DecodedBarcode {
  format: string;
  /** e.g. ]C0 Code 128, ]C1 GS1-128, ]Q1 QR, ]d1 DataMatrix. */
  symbologyIdentifier: string;
  text: string;
  /** Top edge, in image pixels: lets tests check which barcode is lowest. */
  top: number;
  left: number;
}

let ready: Promise<unknown> | null = null;

/** zxing-wasm fetches its .wasm from a CDN unless given the bytes; read them from node_modules. */
function loadReader(): Promise<unknown> {
  ready ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasmPath = require.resolve('zxing-wasm/reader/zxing_reader.wasm');
    const bytes = await readFile(wasmPath);
    const wasmBinary = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    return prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true });
  })();
  return ready;
}

/** Decodes every barcode in a PNG, top to bottom. */
export async function decodeBarcodes(png: Uint8Array): Promise<DecodedBarcode[]> {
  await loadReader();
  const results: ReadResult[] = await readBarcodes(png, { formats: [], tryHarder: true, maxNumberOfSymbols: 20, textMode: 'Plain' });
  return results
    .filter((r) => r.isValid)
    .map((r) => ({
      format: r.format,
      symbologyIdentifier: r.symbologyIdentifier,
      text: r.text,
      top: Math.min(r.position.topLeft.y, r.position.topRight.y),
      left: Math.min(r.position.topLeft.x, r.position.bottomLeft.x),
    }))
    .sort((a, b) => a.top - b.top);
}
