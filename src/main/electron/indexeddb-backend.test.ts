import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexedDbBackendOf, indexedDbFeatures } from './indexeddb-backend';

/** A profile directory holding these IndexedDB entries (directories). */
function profileWith(...stores: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'dockside-profile-'));
  for (const store of stores) mkdirSync(join(dir, 'IndexedDB', store), { recursive: true });
  return dir;
}

describe("the desktop app's IndexedDB backend", () => {
  it('is SQLite for a profile that holds no IndexedDB yet (a new install), from Chromium 149 as in Chrome', () => {
    expect(indexedDbBackendOf(profileWith(), 149)).toBe('sqlite');
    expect(indexedDbBackendOf(profileWith(), 150)).toBe('sqlite');
    expect(indexedDbBackendOf(join(profileWith(), 'not-made-yet'), 150)).toBe('sqlite');
    expect(indexedDbFeatures('sqlite')).toEqual(['IdbSqliteBackingStore']);
  });

  it("is LevelDB for a new install on an earlier Chromium (Electron 41's is 146), where SQLite is behind the flag only", () => {
    expect(indexedDbBackendOf(profileWith(), 146)).toBe('leveldb');
    expect(indexedDbBackendOf(join(profileWith(), 'not-made-yet'), 148)).toBe('leveldb');
  });

  it('stays SQLite for a profile whose stores are SQLite, on any Chromium', () => {
    expect(indexedDbBackendOf(profileWith('file__0/WK35HUPPUMIDK7GQJRGHBF3OZR5IM7FKQDQU2KPJDYHE6IIKL2JA'), 150)).toBe('sqlite');
    expect(indexedDbBackendOf(profileWith('file__0/WK35HUPPUMIDK7GQJRGHBF3OZR5IM7FKQDQU2KPJDYHE6IIKL2JA'), 146)).toBe('sqlite');
  });

  it('stays LevelDB for a profile with a LevelDB store, also beside a SQLite one', () => {
    expect(indexedDbBackendOf(profileWith('file__0.indexeddb.leveldb', 'file__0.indexeddb.blob'), 150)).toBe('leveldb');
    expect(indexedDbBackendOf(profileWith('file__0.indexeddb.leveldb', 'http_127.0.0.1_5173'), 150)).toBe('leveldb');
    expect(indexedDbFeatures('leveldb')).toEqual([]);
  });

  it('refuses to guess when the profile cannot be read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dockside-profile-'));
    writeFileSync(join(dir, 'IndexedDB'), 'not a directory');
    expect(() => indexedDbBackendOf(dir, 150)).toThrow(/ENOTDIR/);
  });
});
