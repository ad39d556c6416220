import iconv from 'iconv-lite';

/**
 * Encodes a line of text for an Epson-compatible receipt printer. Each line starts and ends in the
 * home code page (PC858, Western European with the euro); characters it lacks switch to a code page
 * that has them (ESC t) and back. Japanese goes out in kanji mode: Shift JIS selected (FS C 1),
 * kanji mode on (FS &) for the run and off (FS .) after it. Returns null when some character has no
 * encoding at all: the caller prints that line as an image instead of printing '?'.
 */
export const HOME_CODE_PAGE = 19;

/** Epson ESC t numbers with their encodings, in the order they are tried. */
const CODE_PAGES: [number, string][] = [
  [HOME_CODE_PAGE, 'cp858'],
  [18, 'cp852'], // Latin 2: Polish, Czech, Hungarian...
  [17, 'cp866'], // Cyrillic
  [14, 'cp737'], // Greek
];

const ESC_T = (n: number) => Buffer.from([0x1b, 0x74, n]);
const KANJI_ON = Buffer.from([0x1c, 0x43, 0x01, 0x1c, 0x26]); // FS C 1 (Shift JIS), FS & (kanji mode)
const KANJI_OFF = Buffer.from([0x1c, 0x2e]); // FS .

export const SELECT_HOME_CODE_PAGE = ESC_T(HOME_CODE_PAGE);
/** Reset (ESC @) and the home code page: before the first line of a receipt. */
export const ESCPOS_INIT = Buffer.concat([Buffer.from([0x1b, 0x40]), SELECT_HOME_CODE_PAGE]);

function encodes(ch: string, encoding: string): Buffer | null {
  const bytes = iconv.encode(ch, encoding);
  return bytes.length === 0 || (bytes.length === 1 && bytes[0] === 0x3f && ch !== '?') ? null : bytes;
}

export function encodeLine(text: string): Buffer | null {
  const out: Buffer[] = [];
  let page = HOME_CODE_PAGE;
  let kanji = false;
  for (const ch of text) {
    if (ch.codePointAt(0)! < 0x80) {
      out.push(Buffer.from(ch, 'latin1'));
      continue;
    }
    const current = CODE_PAGES.find(([n]) => n === page)!;
    const inPage = !kanji ? encodes(ch, current[1]) : null;
    if (inPage) {
      out.push(inPage);
      continue;
    }
    const other = CODE_PAGES.map(([n, enc]) => [n, encodes(ch, enc)] as const).find(([, bytes]) => bytes);
    if (other) {
      if (kanji) out.push(KANJI_OFF);
      kanji = false;
      if (other[0] !== page) out.push(ESC_T(other[0]));
      page = other[0];
      out.push(other[1]!);
      continue;
    }
    const sjis = encodes(ch, 'shift_jis');
    if (!sjis) return null;
    if (!kanji) out.push(KANJI_ON);
    kanji = true;
    out.push(sjis);
  }
  if (kanji) out.push(KANJI_OFF);
  if (page !== HOME_CODE_PAGE) out.push(ESC_T(HOME_CODE_PAGE));
  return Buffer.concat(out);
}
