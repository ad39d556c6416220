/**
 * Templates lay text out without font metrics (they are platform-neutral), so they budget with
 * estimated advance widths, as a fraction of the text's cell height: Latin, Greek and Cyrillic
 * average about half of it in every font we print with; CJK ideographs, kana and Hangul are square.
 * The estimate only decides where lines wrap: renderers measure (PDF) or condense (ZPL) so a line
 * that is a little longer than estimated still fits its width rather than being cut.
 */
const NARROW_GLYPH_WIDTH = 0.56;
const WIDE_GLYPH_WIDTH = 1.0;

/** CJK ideographs, kana, Hangul and full-width forms: one em wide, two columns on a receipt. */
export function isWide(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0x303e) ||
    (c >= 0x3041 && c <= 0x33ff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xa960 && c <= 0xa97f) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    (c >= 0x20000 && c <= 0x3fffd)
  );
}

/** Estimated width in points of `text` at cell height `size`. */
export function estimateWidth(text: string, size: number): number {
  let ems = 0;
  for (const ch of text) ems += isWide(ch) ? WIDE_GLYPH_WIDTH : NARROW_GLYPH_WIDTH;
  return ems * size;
}

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Cuts text to fit one line of `width` points, marking the cut with plain dots (every printer font has them). */
export function fitLine(text: string, width: number, size: number): string {
  const clean = normalise(text);
  if (estimateWidth(clean, size) <= width) return clean;
  const chars = Array.from(clean);
  let kept = '';
  for (const ch of chars) {
    if (estimateWidth(`${kept}${ch}...`, size) > width) break;
    kept += ch;
  }
  return `${kept || chars[0]}...`;
}

/**
 * Word-wraps text into lines of `width` points. Words longer than a line (and CJK text, which has
 * no spaces) break between characters. With `maxLines`, the last kept line is cut with dots.
 */
export function wrapLines(text: string, width: number, size: number, maxLines = Infinity): string[] {
  const lines: string[] = [];
  let current = '';
  const push = (piece: string, separator: string) => {
    const candidate = current ? `${current}${separator}${piece}` : piece;
    if (estimateWidth(candidate, size) <= width) {
      current = candidate;
      return;
    }
    if (current) lines.push(current);
    current = '';
    // A piece wider than the line on its own breaks between characters.
    for (const ch of piece) {
      if (current && estimateWidth(current + ch, size) > width) {
        lines.push(current);
        current = '';
      }
      current += ch;
    }
  };
  for (const word of normalise(text).split(' ')) {
    if (!word) continue;
    push(word, ' ');
  }
  if (current) lines.push(current);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = fitLine(`${kept[maxLines - 1]} ${lines.slice(maxLines).join(' ')}`, width, size);
  return kept;
}
