import { join } from 'node:path';
import { appResources } from './app-resources';
import { isWide } from '../shared/labels/text-fit';

/**
 * The fonts labels print with (resources/fonts, SIL OFL 1.1): Noto Sans for Latin, Greek and
 * Cyrillic, and a Noto Sans CJK JP subset (JIS X 0208 kanji, kana, KS X 1001 Hangul, GB 2312 hanzi,
 * plus Latin, Greek and Cyrillic) for any text with CJK in it. pdfkit embeds only the glyphs used.
 */
export interface LabelFonts {
  regular: string;
  bold: string;
  cjk: string;
}

let found: LabelFonts | undefined;

/** The fonts in resources/fonts (app-resources.ts finds the folder), or in DOCKSIDE_FONTS_DIR. */
export function labelFonts(): LabelFonts {
  if (found) return found;
  const fontsDir = process.env.DOCKSIDE_FONTS_DIR ?? appResources().fonts;
  found = {
    regular: join(fontsDir, 'NotoSans-Regular.ttf'),
    bold: join(fontsDir, 'NotoSans-Bold.ttf'),
    cjk: join(fontsDir, 'NotoSansCJKjp-Regular-subset.otf'),
  };
  return found;
}

/** Characters Noto Sans has: Latin, Greek, Cyrillic and common punctuation. */
export function inNotoSans(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return c < 0x250 || (c >= 0x370 && c <= 0x4ff) || (c >= 0x2000 && c <= 0x206f) || c === 0x20ac || c === 0x2116;
}

/** The face for a whole string: the CJK font as soon as one character needs it (it has Latin too). */
export function faceFor(text: string, bold: boolean): 'regular' | 'bold' | 'cjk' {
  for (const ch of text) if (isWide(ch) || !inNotoSans(ch)) return 'cjk';
  return bold ? 'bold' : 'regular';
}
