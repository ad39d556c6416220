import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { extractTar, withoutTarEntries } from './extract-tar';

/** One ustar header block (as PGlite's dump writes them) followed by the body padded to 512 bytes. */
function entry(name: string, type: '0' | '5' | '2', body = '', mode = 0o600): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, 'utf8');
  header.write(`${mode.toString(8).padStart(7, '0')}\0`, 100);
  header.write(`${Buffer.byteLength(body).toString(8).padStart(11, '0')}\0`, 124);
  header.write(type, 156);
  header.write('ustar\u000000', 257);
  const data = Buffer.alloc(Math.ceil(Buffer.byteLength(body) / 512) * 512);
  data.write(body);
  return Buffer.concat([header, data]);
}
const end = Buffer.alloc(1024);

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('extractTar', () => {
  it('writes the directories and files of a dump under the target, absolute names included, with their modes', () => {
    dir = mkdtempSync(join(tmpdir(), 'dockside-untar-'));
    const body = 'x'.repeat(700); // over one block
    extractTar(
      Buffer.concat([entry('/base', '5', '', 0o750), entry('/base/1259', '0', body), entry('/PG_VERSION', '0', '18\n'), end]),
      dir,
    );
    expect(readFileSync(join(dir, 'base/1259'), 'utf8')).toBe(body);
    expect(readFileSync(join(dir, 'PG_VERSION'), 'utf8')).toBe('18\n');
    expect(statSync(join(dir, 'base/1259')).mode & 0o777).toBe(0o600);
  });

  it('refuses an entry that would land outside the target, and one that is neither file nor directory', () => {
    dir = mkdtempSync(join(tmpdir(), 'dockside-untar-'));
    expect(() => extractTar(Buffer.concat([entry('base/../../escaped', '0', 'no'), end]), join(dir, 'inner'))).toThrow(/leaves the target/);
    expect(existsSync(join(dir, 'escaped'))).toBe(false);
    expect(() => extractTar(Buffer.concat([entry('/link', '2'), end]), dir)).toThrow(/only files and directories/);
  });

  it('leaves out the entries asked, and the rest extracts as before', () => {
    dir = mkdtempSync(join(tmpdir(), 'dockside-untar-'));
    const body = 'x'.repeat(700);
    const tar = Buffer.concat([
      entry('/base', '5', '', 0o750),
      entry('/base/1', '5'),
      entry('/base/1/1259', '0', 'gone'),
      entry('/base/5/1259', '0', body),
      end,
    ]);
    const kept = withoutTarEntries(tar, (path) => path === '/base/1' || path.startsWith('/base/1/'));
    expect(kept.length).toBe(tar.length - 512 * 3);
    extractTar(kept, dir);
    expect(readFileSync(join(dir, 'base/5/1259'), 'utf8')).toBe(body);
    expect(existsSync(join(dir, 'base/1'))).toBe(false);
  });
});

describe('the migrated PGlite test servers start from', () => {
  it('holds only the server database: no template0 or template1 files to unpack at every start', () => {
    dir = mkdtempSync(join(tmpdir(), 'dockside-template-'));
    extractTar(readFileSync(inject('pgliteTemplate')), join(dir, 'data'));
    expect(readdirSync(join(dir, 'data/base'))).toHaveLength(1);
  });
});
