import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Chromium's feature that keeps IndexedDB in SQLite rather than LevelDB. Measured in Chromium 150
 * here, 10 batches of 1,000 orders with the station's indexes: on LevelDB each put costs more the
 * more the origin holds (0.25 ms in the first batch, 1.2 ms in the tenth: 6.1 s in all), on
 * SQLite a batch takes about 90 ms throughout (0.9 s). A station's first sync is that write.
 * Chrome moves new data stores to it from Chrome 149; Electron leaves it to the app.
 */
export const INDEXEDDB_ON_SQLITE = 'IdbSqliteBackingStore';

export type IndexedDbBackend = 'sqlite' | 'leveldb';

/**
 * The backend a browser profile's IndexedDB must run on: the one its data is in, SQLite for a
 * profile that holds none. Chromium does not migrate between them: started with the other one,
 * it deletes the stores of the first (measured in Chromium 150, both ways), and a station's
 * outbox holds events not yet sent. A profile on LevelDB (a station installed before this) stays
 * on it, as Chrome's own rollout leaves existing stores.
 *
 * `profileDir` holds `IndexedDB`: Electron's sessionData, or `<user-data-dir>/Default` of a Chromium.
 */
export function indexedDbBackendOf(profileDir: string): IndexedDbBackend {
  let stores: string[];
  try {
    stores = readdirSync(join(profileDir, 'IndexedDB'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'sqlite';
    throw err;
  }
  // LevelDB keeps an origin in `<origin>.indexeddb.leveldb` (and its blobs in `.indexeddb.blob`),
  // SQLite in a directory named for the origin alone. Should both be there, LevelDB's is the older.
  return stores.some((name) => name.endsWith('.indexeddb.leveldb')) ? 'leveldb' : 'sqlite';
}

/** Chromium's `--enable-features` entries for a backend (none: LevelDB is its default). */
export function indexedDbFeatures(backend: IndexedDbBackend): string[] {
  return backend === 'sqlite' ? [INDEXEDDB_ON_SQLITE] : [];
}
