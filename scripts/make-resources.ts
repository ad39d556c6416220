/**
 * Makes the app's icons and sounds in resources/ (npx tsx scripts/make-resources.ts). The output
 * is committed; run this again only to change them. Deterministic: the same files every run.
 *
 * Icon: a white parcel with an amber tape band on a rounded dark-blue square, drawn for each size
 * (not scaled down), so 16 px stays legible. Sounds: the scan tones packers know (a short high
 * chirp for a good scan, two rising notes for an order complete, a long low buzz for an error).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodePng } from '../src/documents/png-encode';
import { APP_ICON_SIZES, ICO_SIZES, SOUND_FILES, iconFile } from '../src/documents/app-resources';

const OUT = join(import.meta.dirname, '..', 'resources');

type Rgba = [number, number, number, number];
const BLUE: Rgba = [23, 63, 105, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const AMBER: Rgba = [245, 166, 35, 255];
const SHADE: Rgba = [214, 224, 235, 255];

/** Signed distance to a rounded rectangle centred at (cx, cy): negative inside. */
function roundedRect(x: number, y: number, cx: number, cy: number, halfW: number, halfH: number, r: number): number {
  const qx = Math.abs(x - cx) - (halfW - r);
  const qy = Math.abs(y - cy) - (halfH - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

/** The colour at a point of the unit square (0..1): the design, back to front. */
function colourAt(x: number, y: number): Rgba | null {
  if (roundedRect(x, y, 0.5, 0.5, 0.5, 0.5, 0.2) > 0) return null;
  const box = roundedRect(x, y, 0.5, 0.56, 0.3, 0.24, 0.03) <= 0;
  if (!box) return BLUE;
  if (Math.abs(x - 0.5) <= 0.065) return AMBER; // tape down the middle
  if (y < 0.44) return SHADE; // the lid's flaps
  return WHITE;
}

/** One pixel's RGBA, from 4x4 samples across it, so edges are smooth. */
function pixel(px: number, py: number, size: number): Rgba {
  const n = 4;
  const sum: Rgba = [0, 0, 0, 0];
  for (let s = 0; s < n * n; s++) {
    const c = colourAt((px + ((s % n) + 0.5) / n) / size, (py + (Math.floor(s / n) + 0.5) / n) / size);
    if (!c) continue;
    for (let k = 0; k < 4; k++) sum[k] = sum[k]! + (k < 3 ? c[k]! * c[3] : c[3]);
  }
  const covered = sum[3];
  return covered ? ([sum[0] / covered, sum[1] / covered, sum[2] / covered, covered / (n * n)].map(Math.round) as Rgba) : [0, 0, 0, 0];
}

/** RGBA pixels of the icon at `size`. */
function drawIcon(size: number): Buffer {
  const out = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) out.set(pixel(x, y, size), (y * size + x) * 4);
  return out;
}

/** An .ico holding each size as a PNG (Windows Vista and later read PNG entries; 256 is stored as 0). */
function encodeIco(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const e = Buffer.alloc(16);
    e[0] = size >= 256 ? 0 : size;
    e[1] = size >= 256 ? 0 : size;
    e.writeUInt16LE(1, 4); // colour planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(png.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += png.length;
    return e;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

/** Tones as [frequency Hz, seconds, wave, gain]; a 30 ms gap between them, 5 ms fades so nothing clicks. */
type Tone = [number, number, 'sine' | 'square', number];
const TONES: Record<keyof typeof SOUND_FILES, Tone[]> = {
  success: [[1760, 0.07, 'sine', 0.5]],
  complete: [
    [1320, 0.08, 'sine', 0.5],
    [1760, 0.12, 'sine', 0.5],
  ],
  error: [[180, 0.45, 'square', 0.35]],
};

function encodeWav(tones: Tone[], rate = 44_100): Buffer {
  const samples: number[] = [];
  const fade = Math.round(rate * 0.005);
  for (const [i, [freq, seconds, wave, gain]] of tones.entries()) {
    const count = Math.round(rate * seconds);
    for (let s = 0; s < count; s++) {
      const phase = Math.sin((2 * Math.PI * freq * s) / rate);
      const value = wave === 'sine' ? phase : Math.sign(phase);
      const envelope = Math.min(1, s / fade, (count - 1 - s) / fade);
      samples.push(Math.round(value * gain * envelope * 32767));
    }
    if (i < tones.length - 1) for (let s = 0; s < Math.round(rate * 0.03); s++) samples.push(0);
  }
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((v, i) => data.writeInt16LE(v, i * 2));
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'latin1');
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVE', 8, 'latin1');
  h.write('fmt ', 12, 'latin1');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(1, 22); // mono
  h.writeUInt32LE(rate, 24);
  h.writeUInt32LE(rate * 2, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'latin1');
  h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}

mkdirSync(join(OUT, 'icons'), { recursive: true });
mkdirSync(join(OUT, 'sounds'), { recursive: true });
const pngs = new Map<number, Buffer>();
for (const size of APP_ICON_SIZES) {
  const png = encodePng(size, size, drawIcon(size), 'rgba', 9);
  pngs.set(size, png);
  writeFileSync(join(OUT, iconFile(size)), png);
}
writeFileSync(join(OUT, 'icon.png'), pngs.get(512)!);
writeFileSync(join(OUT, 'icon.ico'), encodeIco(ICO_SIZES.map((size) => ({ size, png: pngs.get(size)! }))));
for (const [name, file] of Object.entries(SOUND_FILES)) writeFileSync(join(OUT, file), encodeWav(TONES[name as keyof typeof SOUND_FILES]));
console.log(`wrote ${APP_ICON_SIZES.length} icons, icon.png, icon.ico and ${Object.keys(SOUND_FILES).length} sounds to ${OUT}`);
