import iconv from 'iconv-lite';
import { encodePng } from '../../../documents/png-encode';

/**
 * Reads ESC/POS bytes back into what a printer would do with them: lines of text (with the style
 * they were printed in), barcodes, QR codes, raster images (as PNG, to decode) and cuts. Text is
 * decoded as the printer would: in the code page selected by ESC t (PC437 after ESC @, which resets
 * it), and as Shift JIS only in kanji mode (FS C 1, FS &). Unknown command bytes throw, so a renderer
 * that emits something unexpected fails its tests.
 */
export type EscposItem =
  | { kind: 'text'; text: string; bold: boolean; size: { width: number; height: number }; align: 'left' | 'center' | 'right' }
  | { kind: 'code128'; data: string; module: number; height: number }
  | { kind: 'qrcode'; data: string; cellSize: number; correction: string }
  | { kind: 'image'; width: number; height: number; png: Buffer }
  | { kind: 'cut' };

interface Parser {
  bytes: Uint8Array;
  i: number;
  items: EscposItem[];
  state: {
    bold: boolean;
    size: { width: number; height: number };
    align: 'left' | 'center' | 'right';
    barcodeWidth: number;
    barcodeHeight: number;
    qrCell: number;
    qrCorrection: string;
    qrData: string;
    codePage: number;
    kanji: boolean;
    kanjiCode: number;
  };
  need(n: number): void;
}

export function parseEscpos(bytes: Uint8Array): EscposItem[] {
  const items: EscposItem[] = [];
  const p: Parser = {
    bytes,
    i: 0,
    items,
    state: {
      bold: false,
      size: { width: 1, height: 1 },
      align: 'left',
      barcodeWidth: 3,
      barcodeHeight: 162,
      qrCell: 3,
      qrCorrection: 'M',
      qrData: '',
      codePage: 0,
      kanji: false,
      kanjiCode: 0,
    },
    need(n) {
      if (this.i + n > bytes.length) throw new Error(`ESC/POS truncated at byte ${this.i}`);
    },
  };
  let text: number[] = [];
  let line = '';
  // Bytes are decoded in the state they were sent in; a line ends at LF or at a barcode, image or cut.
  const decodePending = () => {
    if (text.length > 0) line += decodeText(text, p.state);
    text = [];
  };
  const flushLine = () => {
    decodePending();
    if (line.length > 0) items.push({ kind: 'text', text: line, bold: p.state.bold, size: { ...p.state.size }, align: p.state.align });
    line = '';
  };
  while (p.i < bytes.length) {
    const b = bytes[p.i]!;
    if (b === 0x1b || b === 0x1c) decodePending();
    if (b === 0x0a || b === 0x1d) flushLine();
    if (b === 0x0a) p.i++;
    else if (b === 0x1b) escCommand(p);
    else if (b === 0x1c) fsCommand(p);
    else if (b === 0x1d) gsCommand(p);
    else {
      if (b < 0x20 && b !== 0x09) throw new Error(`unexpected control byte 0x${b.toString(16)} at ${p.i}`);
      text.push(b);
      p.i++;
    }
  }
  flushLine();
  return items;
}

/** FS commands: kanji mode and the kanji code system. */
function fsCommand(p: Parser): void {
  p.need(2);
  const cmd = p.bytes[p.i + 1]!;
  switch (cmd) {
    case 0x26: // FS & kanji mode on
      p.state.kanji = true;
      p.i += 2;
      return;
    case 0x2e: // FS . kanji mode off
      p.state.kanji = false;
      p.i += 2;
      return;
    case 0x43: // FS C n kanji code system
      p.state.kanjiCode = p.bytes[p.i + 2]! % 48;
      p.i += 3;
      return;
    default:
      throw new Error(`unknown FS command 0x${cmd.toString(16)} at byte ${p.i}`);
  }
}

/** ESC commands: style and feed. */
function escCommand(p: Parser): void {
  p.need(2);
  const cmd = p.bytes[p.i + 1]!;
  switch (cmd) {
    case 0x40: // ESC @ init: back to code page 0, kanji mode off
      p.state.codePage = 0;
      p.state.kanji = false;
      p.state.kanjiCode = 0;
      p.state.bold = false;
      p.state.size = { width: 1, height: 1 };
      p.state.align = 'left';
      p.i += 2;
      return;
    case 0x74: // ESC t n code page
      p.state.codePage = p.bytes[p.i + 2]!;
      p.i += 3;
      return;
    case 0x45: // ESC E n bold
      p.state.bold = p.bytes[p.i + 2] === 1;
      p.i += 3;
      return;
    case 0x61: // ESC a n align
      p.state.align = (['left', 'center', 'right'] as const)[p.bytes[p.i + 2]! % 48] ?? 'left';
      p.i += 3;
      return;
    case 0x64: // ESC d n feed n lines
      p.i += 3;
      return;
    case 0x21: // ESC ! n print mode
      p.state.size = { width: p.bytes[p.i + 2]! & 0x20 ? 2 : 1, height: p.bytes[p.i + 2]! & 0x10 ? 2 : 1 };
      p.i += 3;
      return;
    default:
      throw new Error(`unknown ESC command 0x${cmd.toString(16)} at byte ${p.i}`);
  }
}

/** GS commands: sizes, barcodes, 2D symbols, raster images, cuts. */
function gsCommand(p: Parser): void {
  p.need(2);
  const cmd = p.bytes[p.i + 1]!;
  switch (cmd) {
    case 0x21: // GS ! n character size
      p.state.size = { width: ((p.bytes[p.i + 2]! >> 4) & 7) + 1, height: (p.bytes[p.i + 2]! & 7) + 1 };
      p.i += 3;
      return;
    case 0x48: // GS H HRI position
    case 0x66: // GS f HRI font
      p.i += 3;
      return;
    case 0x77: // GS w module width
      p.state.barcodeWidth = p.bytes[p.i + 2]!;
      p.i += 3;
      return;
    case 0x68: // GS h height
      p.state.barcodeHeight = p.bytes[p.i + 2]!;
      p.i += 3;
      return;
    case 0x6b: {
      // GS k m n d1..dn (m >= 65 form)
      const m = p.bytes[p.i + 2]!;
      if (m !== 0x49) throw new Error(`barcode type ${m} not expected`);
      const n = p.bytes[p.i + 3]!;
      p.need(4 + n);
      const data = Buffer.from(p.bytes.subarray(p.i + 4, p.i + 4 + n)).toString('latin1');
      if (!data.startsWith('{B')) throw new Error(`Code 128 without a code set B prefix: ${data}`);
      p.items.push({
        kind: 'code128',
        data: data.slice(2).replace(/\{\{/g, '{'),
        module: p.state.barcodeWidth,
        height: p.state.barcodeHeight,
      });
      p.i += 4 + n;
      return;
    }
    case 0x28: {
      // GS ( k pL pH cn fn [params]: 2D symbols
      p.need(5);
      if (p.bytes[p.i + 2] !== 0x6b) throw new Error(`unknown GS ( command at byte ${p.i}`);
      const length = p.bytes[p.i + 3]! + p.bytes[p.i + 4]! * 256;
      p.need(5 + length);
      const body = p.bytes.subarray(p.i + 5, p.i + 5 + length);
      if (body[0] !== 0x31) throw new Error(`2D symbol ${body[0]} not expected`);
      const fn = body[1];
      if (fn === 0x43) p.state.qrCell = body[2]!;
      if (fn === 0x45) p.state.qrCorrection = 'LMQH'[body[2]! - 0x30] ?? '?';
      if (fn === 0x50) p.state.qrData = Buffer.from(body.subarray(3)).toString('utf8');
      if (fn === 0x51) p.items.push({ kind: 'qrcode', data: p.state.qrData, cellSize: p.state.qrCell, correction: p.state.qrCorrection });
      p.i += 5 + length;
      return;
    }
    case 0x76: {
      // GS v 0 m xL xH yL yH raster bit image
      p.need(8);
      const widthBytes = p.bytes[p.i + 4]! + p.bytes[p.i + 5]! * 256;
      const height = p.bytes[p.i + 6]! + p.bytes[p.i + 7]! * 256;
      p.need(8 + widthBytes * height);
      const bits = p.bytes.subarray(p.i + 8, p.i + 8 + widthBytes * height);
      const width = widthBytes * 8;
      const grey = new Uint8Array(width * height);
      for (let px = 0; px < width * height; px++) grey[px] = (bits[px >> 3]! >> (7 - (px & 7))) & 1 ? 0 : 255; // rows are whole bytes, so px >> 3 is the byte
      p.items.push({ kind: 'image', width, height, png: encodePng(width, height, grey, 'grey') });
      p.i += 8 + widthBytes * height;
      return;
    }
    case 0x56: // GS V m cut
      p.items.push({ kind: 'cut' });
      p.i += p.bytes[p.i + 2] === 65 || p.bytes[p.i + 2] === 66 ? 4 : 3;
      return;
    case 0x72: // GS r n transmit status (node-thermal-printer's cut asks for paper status)
      p.i += 3;
      return;
    default:
      throw new Error(`unknown GS command 0x${cmd.toString(16)} at byte ${p.i}`);
  }
}

/** The text lines only, as printed. */
export function escposText(items: EscposItem[]): string[] {
  return items.filter((i): i is Extract<EscposItem, { kind: 'text' }> => i.kind === 'text').map((i) => i.text);
}

/** Epson ESC t numbers the renderer may select, with their encodings. */
const CODE_PAGES: Record<number, string> = { 0: 'cp437', 2: 'cp850', 14: 'cp737', 16: 'cp1252', 17: 'cp866', 18: 'cp852', 19: 'cp858' };

function decodeText(bytes: number[], state: Parser['state']): string {
  if (state.kanji) {
    if (state.kanjiCode !== 1) throw new Error(`kanji mode with code system ${state.kanjiCode}, expected Shift JIS (FS C 1)`);
    return iconv.decode(Buffer.from(bytes), 'shift_jis');
  }
  const encoding = CODE_PAGES[state.codePage];
  if (!encoding) throw new Error(`text in code page ${state.codePage}, which the parser does not know`);
  return iconv.decode(Buffer.from(bytes), encoding);
}
