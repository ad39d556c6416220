import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';

/**
 * Writes the files and directories of an uncompressed ustar archive (what PGlite's
 * `dumpDataDir('none')` makes) under `dir`. Only plain files and directories: that is all a
 * PGlite dump holds, and anything else is refused rather than skipped.
 */
export function extractTar(tar: Uint8Array, dir: string): void {
  const text = (at: number, length: number) => {
    const field = tar.subarray(at, at + length);
    const end = field.indexOf(0);
    return Buffer.from(end < 0 ? field : field.subarray(0, end)).toString('utf8');
  };
  for (let at = 0; at + 512 <= tar.length;) {
    const name = text(at, 100);
    if (!name) break; // the two zero blocks that end an archive
    const prefix = text(at + 345, 155);
    const size = parseInt(text(at + 124, 12).trim() || '0', 8);
    const mode = parseInt(text(at + 100, 8).trim() || '644', 8);
    const type = text(at + 156, 1) || '0';
    // Names are absolute inside PGlite's dump ("/base/1/1259"): place them under dir, never above it.
    const relative = normalize(`${prefix ? `${prefix}/` : ''}${name}`).replace(/^[/\\]+/, '');
    if (relative.split(sep).includes('..')) throw new Error(`tar entry ${name} leaves the target directory`);
    const target = join(dir, relative);
    const body = at + 512;
    if (type === '5') mkdirSync(target, { recursive: true, mode: mode || 0o750 });
    else if (type === '0') {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, tar.subarray(body, body + size), { mode: mode || 0o600 });
    } else throw new Error(`tar entry ${name} has type ${type}; only files and directories are expected`);
    at = body + Math.ceil(size / 512) * 512;
  }
}
