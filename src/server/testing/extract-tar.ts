import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';

/**
 * Writes the files and directories of an uncompressed ustar archive (what PGlite's
 * `dumpDataDir('none')` makes) under `dir`. Only plain files and directories: that is all a
 * PGlite dump holds, and anything else is refused rather than skipped.
 */
export function extractTar(tar: Uint8Array, dir: string): void {
  for (const entry of tarEntries(tar)) {
    // Names are absolute inside PGlite's dump ("/base/1/1259"): place them under dir, never above it.
    const relative = normalize(entry.path).replace(/^[/\\]+/, '');
    if (relative.split(sep).includes('..')) throw new Error(`tar entry ${entry.path} leaves the target directory`);
    const target = join(dir, relative);
    if (entry.type === '5') mkdirSync(target, { recursive: true, mode: entry.mode || 0o750 });
    else if (entry.type === '0') {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, entry.body, { mode: entry.mode || 0o600 });
    } else throw new Error(`tar entry ${entry.path} has type ${entry.type}; only files and directories are expected`);
  }
}

/** The archive without the entries `drop` names (by path as stored, "/base/1/1259"), still ending in its two zero blocks. */
export function withoutTarEntries(tar: Uint8Array, drop: (path: string) => boolean): Uint8Array {
  const kept = [...tarEntries(tar)].filter((e) => !drop(e.path)).map((e) => e.whole);
  return Buffer.concat([...kept, new Uint8Array(1024)]);
}

interface TarEntry {
  path: string;
  type: string;
  mode: number;
  body: Uint8Array;
  /** Its header and padded body, as archived. */
  whole: Uint8Array;
}

function* tarEntries(tar: Uint8Array): Generator<TarEntry> {
  const text = (at: number, length: number) => {
    const field = tar.subarray(at, at + length);
    const end = field.indexOf(0);
    return Buffer.from(end < 0 ? field : field.subarray(0, end)).toString('utf8');
  };
  for (let at = 0; at + 512 <= tar.length;) {
    const name = text(at, 100);
    if (!name) return; // the two zero blocks that end an archive
    const prefix = text(at + 345, 155);
    const size = parseInt(text(at + 124, 12).trim() || '0', 8);
    const end = at + 512 + Math.ceil(size / 512) * 512;
    yield {
      path: `${prefix ? `${prefix}/` : ''}${name}`,
      type: text(at + 156, 1) || '0',
      mode: parseInt(text(at + 100, 8).trim() || '644', 8),
      body: tar.subarray(at + 512, at + 512 + size),
      whole: tar.subarray(at, end),
    };
    at = end;
  }
}
