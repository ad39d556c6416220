/**
 * Templates lay text out without font metrics (they are platform-neutral), so they budget with an
 * average glyph width. Generous on purpose: a line that is cut is better than one that overprints.
 */
const AVERAGE_GLYPH_WIDTH = 0.58;

export function maxCharsFor(width: number, size: number): number {
  return Math.max(1, Math.floor(width / (size * AVERAGE_GLYPH_WIDTH)));
}

/** Cuts text to fit one line of `width` points, marking the cut with an ellipsis. */
export function fitLine(text: string, width: number, size: number): string {
  const max = maxCharsFor(width, size);
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  // Plain dots: the ZPL and receipt printer fonts may lack an ellipsis glyph.
  return chars.length <= max ? chars.join('') : `${chars.slice(0, Math.max(1, max - 3)).join('')}...`;
}

/** Word-wraps text into at most `maxLines` lines of `width` points; the last line is cut if needed. */
export function wrapLines(text: string, width: number, size: number, maxLines: number): string[] {
  const max = maxCharsFor(width, size);
  const lines: string[] = [];
  let current = '';
  for (const word of text.replace(/\s+/g, ' ').trim().split(' ')) {
    const candidate = current ? `${current} ${word}` : word;
    if (Array.from(candidate).length <= max) {
      current = candidate;
      continue;
    }
    if (current) lines.push(current);
    current = word;
  }
  if (current) lines.push(current);
  if (lines.length <= maxLines) return lines.map((l) => fitLine(l, width, size));
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = fitLine(`${kept[maxLines - 1]} ${lines.slice(maxLines).join(' ')}`, width, size);
  return kept.map((l) => fitLine(l, width, size));
}
