import { encodeGreyPng } from './png-encode';

/**
 * Reads ESC/POS bytes back into what a printer would do with them: lines of text (with the style
 * they were printed in), barcodes, QR codes, raster images (as PNG, to decode) and cuts. Unknown
 * command bytes throw, so a renderer that emits something unexpected fails its tests.
 */
export type EscposItem =
  | { kind: 'text'; text: string; bold: boolean; size: { width: number; height: number }; align: 'left' | 'center' | 'right' }
  | { kind: 'code128'; data: string; module: number; height: number }
  | { kind: 'qrcode'; data: string; cellSize: number; correction: string }
  | { kind: 'image'; width: number; height: number; png: Buffer }
  | { kind: 'cut' };

export function parseEscpos(bytes: Uint8Array): EscposItem[] {
  const items: EscposItem[] = [];
  const state = { bold: false, size: { width: 1, height: 1 }, align: 'left' as 'left' | 'center' | 'right', barcodeWidth: 3, barcodeHeight: 162, qrCell: 3, qrCorrection: 'M', qrData: '' };
  let text: number[] = [];
  const flushText = () => {
    if (text.length === 0) return;
    items.push({ kind: 'text', text: decodeCp858(text), bold: state.bold, size: { ...state.size }, align: state.align });
    text = [];
  };
  let i = 0;
  const need = (n: number) => {
    if (i + n > bytes.length) throw new Error(`ESC/POS truncated at byte ${i}`);
  };
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b === 0x0a) {
      flushText();
      i++;
      continue;
    }
    if (b === 0x1b) {
      need(2);
      const cmd = bytes[i + 1]!;
      flushText();
      switch (cmd) {
        case 0x40: // ESC @ init
          i += 2;
          continue;
        case 0x74: // ESC t n code page
          i += 3;
          continue;
        case 0x45: // ESC E n bold
          state.bold = bytes[i + 2] === 1;
          i += 3;
          continue;
        case 0x61: // ESC a n align
          state.align = (['left', 'center', 'right'] as const)[bytes[i + 2]! % 48] ?? 'left';
          i += 3;
          continue;
        case 0x64: // ESC d n feed n lines
          i += 3;
          continue;
        case 0x21: // ESC ! n print mode
          state.size = { width: bytes[i + 2]! & 0x20 ? 2 : 1, height: bytes[i + 2]! & 0x10 ? 2 : 1 };
          i += 3;
          continue;
        default:
          throw new Error(`unknown ESC command 0x${cmd.toString(16)} at byte ${i}`);
      }
    }
    if (b === 0x1d) {
      need(2);
      const cmd = bytes[i + 1]!;
      flushText();
      switch (cmd) {
        case 0x21: // GS ! n character size
          state.size = { width: ((bytes[i + 2]! >> 4) & 7) + 1, height: (bytes[i + 2]! & 7) + 1 };
          i += 3;
          continue;
        case 0x48: // GS H HRI position
        case 0x66: // GS f HRI font
          i += 3;
          continue;
        case 0x77: // GS w module width
          state.barcodeWidth = bytes[i + 2]!;
          i += 3;
          continue;
        case 0x68: // GS h height
          state.barcodeHeight = bytes[i + 2]!;
          i += 3;
          continue;
        case 0x6b: {
          // GS k m n d1..dn (m >= 65 form)
          const m = bytes[i + 2]!;
          if (m !== 0x49) throw new Error(`barcode type ${m} not expected`);
          const n = bytes[i + 3]!;
          need(4 + n);
          const data = Buffer.from(bytes.subarray(i + 4, i + 4 + n)).toString('latin1');
          if (!data.startsWith('{B')) throw new Error(`Code 128 without a code set B prefix: ${data}`);
          items.push({ kind: 'code128', data: data.slice(2).replace(/\{\{/g, '{'), module: state.barcodeWidth, height: state.barcodeHeight });
          i += 4 + n;
          continue;
        }
        case 0x28: {
          // GS ( k pL pH cn fn [params]: 2D symbols
          need(5);
          if (bytes[i + 2] !== 0x6b) throw new Error(`unknown GS ( command at byte ${i}`);
          const length = bytes[i + 3]! + bytes[i + 4]! * 256;
          need(5 + length);
          const body = bytes.subarray(i + 5, i + 5 + length);
          if (body[0] !== 0x31) throw new Error(`2D symbol ${body[0]} not expected`);
          const fn = body[1];
          if (fn === 0x43) state.qrCell = body[2]!;
          if (fn === 0x45) state.qrCorrection = 'LMQH'[body[2]! - 0x30] ?? '?';
          if (fn === 0x50) state.qrData = Buffer.from(body.subarray(3)).toString('utf8');
          if (fn === 0x51) items.push({ kind: 'qrcode', data: state.qrData, cellSize: state.qrCell, correction: state.qrCorrection });
          i += 5 + length;
          continue;
        }
        case 0x76: {
          // GS v 0 m xL xH yL yH raster bit image
          need(8);
          const widthBytes = bytes[i + 4]! + bytes[i + 5]! * 256;
          const height = bytes[i + 6]! + bytes[i + 7]! * 256;
          need(8 + widthBytes * height);
          const bits = bytes.subarray(i + 8, i + 8 + widthBytes * height);
          const width = widthBytes * 8;
          const grey = new Uint8Array(width * height);
          for (let p = 0; p < width * height; p++) grey[p] = (bits[p >> 3]! >> (7 - (p & 7))) & 1 ? 0 : 255; // rows are whole bytes, so p >> 3 is the byte
          items.push({ kind: 'image', width, height, png: encodeGreyPng(width, height, grey) });
          i += 8 + widthBytes * height;
          continue;
        }
        case 0x56: // GS V m cut
          items.push({ kind: 'cut' });
          i += bytes[i + 2] === 65 || bytes[i + 2] === 66 ? 4 : 3;
          continue;
        case 0x72: // GS r n transmit status (node-thermal-printer's cut asks for paper status)
          i += 3;
          continue;
        default:
          throw new Error(`unknown GS command 0x${cmd.toString(16)} at byte ${i}`);
      }
    }
    if (b < 0x20 && b !== 0x09) throw new Error(`unexpected control byte 0x${b.toString(16)} at ${i}`);
    text.push(b);
    i++;
  }
  flushText();
  return items;
}

/** The text lines only, as printed. */
export function escposText(items: EscposItem[]): string[] {
  return items.filter((i): i is Extract<EscposItem, { kind: 'text' }> => i.kind === 'text').map((i) => i.text);
}

const CP858_HIGH = 'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈ€ÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u00ad±‗¾¶§÷¸°¨·¹³²■\u00a0';

function decodeCp858(bytes: number[]): string {
  return bytes.map((b) => (b < 0x80 ? String.fromCharCode(b) : CP858_HIGH[b - 0x80] ?? '?')).join('');
}
