import type { BarcodeElement, Gs1Field } from './layout';
import { zplCode128Data, zplGs1128Data } from './zpl/zpl-code128';

/**
 * Symbol sizes in modules, so templates can place barcodes with their quiet zones and choose a size
 * or symbology that fits before anything is printed. Linear widths follow the code sets ZPL is sent
 * (bwip-js, for PDF and receipts, never needs more modules).
 */

/** Quiet zone each side of a linear symbol, in modules (ISO/IEC 15417, GS1 General Specifications). */
export const LINEAR_QUIET_ZONE = 10;
/** Quiet zones of 2D symbols, in modules: QR 4, DataMatrix 1 (we leave 2). */
export const QR_QUIET_ZONE = 4;
export const DATAMATRIX_QUIET_ZONE = 2;

/** Modules of a Code 128 symbol written as ZPL invocation codes (start, data, check and stop). */
function code128ModulesOfZpl(zplData: string): number {
  let symbols = 0;
  let setC = false;
  for (let i = 0; i < zplData.length;) {
    if (zplData[i] === '>') {
      const code = zplData[i + 1];
      if (code === ';') setC = true;
      if (code === ':' || code === '6') setC = false;
      symbols++;
      i += 2;
    } else if (setC) {
      symbols++;
      i += 2;
    } else {
      symbols++;
      i++;
    }
  }
  return symbols * 11 + 11 + 13;
}

export function code128Modules(data: string): number {
  return code128ModulesOfZpl(zplCode128Data(data));
}

export function gs1128Modules(fields: Gs1Field[]): number {
  return code128ModulesOfZpl(zplGs1128Data(fields));
}

/** Byte-mode capacity of QR versions 1-40 at error correction M (ISO/IEC 18004 table 7). */
const QR_BYTES_M = [
  14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412, 450, 504, 560, 624, 666, 711, 779, 857, 911, 997, 1059, 1125, 1190,
  1264, 1370, 1452, 1538, 1628, 1722, 1809, 1911, 1989, 2099, 2213, 2331,
];

export function qrModules(data: string): number {
  const bytes = utf8Bytes(data).length;
  const version = QR_BYTES_M.findIndex((capacity) => capacity >= bytes) + 1;
  if (version === 0) throw new Error(`QR data of ${bytes} bytes is too long`);
  return 17 + 4 * version;
}

/** Square ECC 200 sizes and their data codewords. */
const DATAMATRIX_SIZES: [number, number][] = [
  [10, 3],
  [12, 5],
  [14, 8],
  [16, 12],
  [18, 18],
  [20, 22],
  [22, 30],
  [24, 36],
  [26, 44],
  [32, 62],
  [36, 86],
  [40, 114],
  [44, 144],
  [48, 174],
  [52, 204],
];

export function dataMatrixModules(data: string): number {
  // ASCII encodation: a digit pair or one ASCII character per codeword, two for anything above 127.
  let codewords = 0;
  const chars = utf8Bytes(data);
  for (let i = 0; i < chars.length; i++) {
    const isDigit = (b: number | undefined) => b !== undefined && b >= 0x30 && b <= 0x39;
    if (isDigit(chars[i]) && isDigit(chars[i + 1])) i++;
    codewords += chars[i]! > 127 ? 2 : 1;
  }
  const size = DATAMATRIX_SIZES.find(([, capacity]) => capacity >= codewords);
  if (!size) throw new Error(`DataMatrix data of ${codewords} codewords is too long`);
  return size[0];
}

/** UTF-8 bytes (src/shared has no TextEncoder). */
function utf8Bytes(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

/** Width and height of a barcode element in points, without quiet zones. */
export function barcodeExtent(e: BarcodeElement): { width: number; height: number; quietZone: number } {
  switch (e.symbology) {
    case 'code128':
      return { width: code128Modules(e.data) * e.module, height: e.height, quietZone: LINEAR_QUIET_ZONE * e.module };
    case 'gs1-128':
      return { width: gs1128Modules(e.gs1 ?? []) * e.module, height: e.height, quietZone: LINEAR_QUIET_ZONE * e.module };
    case 'qrcode': {
      const side = qrModules(e.data) * e.module;
      return { width: side, height: side, quietZone: QR_QUIET_ZONE * e.module };
    }
    case 'datamatrix': {
      const side = dataMatrixModules(e.data) * e.module;
      return { width: side, height: side, quietZone: DATAMATRIX_QUIET_ZONE * e.module };
    }
  }
}
