import type { Font, PathCommand } from 'fontkit';
import type { TextElement } from '../../../shared/labels/layout';
import type { TextBitmap, TextRasterizer } from '../../../shared/labels/zpl/render-zpl';
import { faceFor, labelFonts } from '../../../documents/label-fonts';
import { loadOnce } from '../../../documents/load-once';

/**
 * Draws a line of text as a 1-bit image with the label fonts, for ZPL text the printer's resident
 * font cannot show (Greek, Cyrillic, CJK): glyph outlines from fontkit, filled by scanline with the
 * non-zero rule at one sample per dot. Sized like the PDF output (em = 0.9 x the cell height) and
 * shrunk to the element's width, never cut.
 */
const fonts = new Map<string, Font>();
const loadFontkit = loadOnce(() => import('fontkit'));
type Face = 'regular' | 'bold' | 'cjk';

/** The text rasterizer, once fontkit is loaded (load-once.ts): renderZpl calls it as it goes. */
export async function textRasterizer(): Promise<TextRasterizer> {
  const { openSync } = await loadFontkit();
  const font = (face: Face): Font => {
    let f = fonts.get(face);
    if (!f) {
      f = openSync(labelFonts()[face]);
      fonts.set(face, f);
    }
    return f;
  };
  return (e, dpi) => rasterizeText(e, dpi, font);
}

type Edge = { x0: number; y0: number; x1: number; y1: number };

function rasterizeText(e: TextElement, dpi: number, font: (face: Face) => Font): TextBitmap {
  const dots = (pt: number) => (pt * dpi) / 72;
  const f = font(faceFor(e.text, e.bold ?? false));
  const run = f.layout(e.text);
  const advance = run.positions.reduce((sum, p) => sum + p.xAdvance, 0);
  const cellHeight = Math.max(10, Math.round(dots(e.size)));
  let em = dots(e.size * 0.9);
  const boxWidth = e.width !== undefined ? Math.round(dots(e.width)) : Math.ceil((advance / f.unitsPerEm) * em) + 2;
  if ((advance / f.unitsPerEm) * em > boxWidth) em = (boxWidth / advance) * f.unitsPerEm;
  const scale = em / f.unitsPerEm;
  const textWidth = advance * scale;
  const startX = e.align === 'right' ? boxWidth - textWidth : e.align === 'center' ? (boxWidth - textWidth) / 2 : 0;
  // Baseline where the PDF puts it: the ascent of a full-size em below the top, whatever the shrink.
  const baseline = (f.ascent / f.unitsPerEm) * dots(e.size * 0.9) - (dots(e.size * 0.9) - em) / 2;

  const edges: Edge[] = [];
  let pen = startX;
  run.glyphs.forEach((glyph, i) => {
    const position = run.positions[i]!;
    const ox = pen + position.xOffset * scale;
    const oy = baseline - position.yOffset * scale;
    outline(glyph.path.commands, (x, y) => [ox + x * scale, oy - y * scale], edges);
    pen += position.xAdvance * scale;
  });

  const bytesPerRow = Math.ceil(boxWidth / 8);
  const rows = Math.max(cellHeight, Math.ceil(baseline - f.descent * scale) + 1);
  const bits = new Uint8Array(bytesPerRow * rows);
  for (let row = 0; row < rows; row++) {
    const y = row + 0.5;
    const crossings: { x: number; winding: number }[] = [];
    for (const edge of edges) {
      if (edge.y0 === edge.y1) continue;
      const [top, bottom] = edge.y0 < edge.y1 ? [edge.y0, edge.y1] : [edge.y1, edge.y0];
      if (y < top || y >= bottom) continue;
      const x = edge.x0 + ((y - edge.y0) / (edge.y1 - edge.y0)) * (edge.x1 - edge.x0);
      crossings.push({ x, winding: edge.y1 > edge.y0 ? 1 : -1 });
    }
    crossings.sort((a, b) => a.x - b.x);
    let winding = 0;
    for (let i = 0; i < crossings.length - 1; i++) {
      winding += crossings[i]!.winding;
      if (winding === 0) continue;
      const from = Math.max(0, Math.round(crossings[i]!.x));
      const to = Math.min(boxWidth, Math.round(crossings[i + 1]!.x));
      for (let x = from; x < to; x++) bits[row * bytesPerRow + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return { bytesPerRow, rows, bits };
}

/** Glyph outline commands to straight edges, curves flattened into short segments. */
function outline(commands: PathCommand[], map: (x: number, y: number) => [number, number], edges: Edge[]): void {
  let start: [number, number] = [0, 0];
  let current: [number, number] = [0, 0];
  const lineTo = (p: [number, number]) => {
    edges.push({ x0: current[0], y0: current[1], x1: p[0], y1: p[1] });
    current = p;
  };
  const steps = 8;
  for (const { command, args } of commands) {
    if (command === 'moveTo') {
      if (current[0] !== start[0] || current[1] !== start[1]) lineTo(start);
      start = current = map(args[0]!, args[1]!);
    } else if (command === 'lineTo') lineTo(map(args[0]!, args[1]!));
    else if (command === 'quadraticCurveTo') {
      const from = current;
      const c = map(args[0]!, args[1]!);
      const to = map(args[2]!, args[3]!);
      for (let s = 1; s <= steps; s++) {
        const t = s / steps;
        const u = 1 - t;
        lineTo([u * u * from[0] + 2 * u * t * c[0] + t * t * to[0], u * u * from[1] + 2 * u * t * c[1] + t * t * to[1]]);
      }
    } else if (command === 'bezierCurveTo') {
      const from = current;
      const c1 = map(args[0]!, args[1]!);
      const c2 = map(args[2]!, args[3]!);
      const to = map(args[4]!, args[5]!);
      for (let s = 1; s <= steps; s++) {
        const t = s / steps;
        const u = 1 - t;
        const a = u * u * u;
        const b = 3 * u * u * t;
        const c = 3 * u * t * t;
        const dd = t * t * t;
        lineTo([a * from[0] + b * c1[0] + c * c2[0] + dd * to[0], a * from[1] + b * c1[1] + c * c2[1] + dd * to[1]]);
      }
    } else if (command === 'closePath') {
      lineTo(start);
    }
  }
  if (current[0] !== start[0] || current[1] !== start[1]) lineTo(start);
}
