import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Chromium's feature that keeps IndexedDB in SQLite rather than LevelDB. Measured in Chromium 150
 * here, 10 batches of 1,000 orders with the station's indexes: on LevelDB each put costs more the
 * more the origin holds (0.25 ms in the first batch, 1.2 ms in the tenth: 6.1 s in all), on
 * SQLite a batch takes about 90 ms throughout (0.9 s). A station's first sync is that write.
 * Chrome puts new data stores on it from Chrome 149; Electron leaves it to the app.
 */
const INDEXEDDB_ON_SQLITE = 'IdbSqliteBackingStore';

/** The first Chromium whose new data stores Chrome itself puts on SQLite (an earlier one has it behind the flag only). */
export const SQLITE_FOR_NEW_STORES_FROM = 149;

export type IndexedDbBackend = 'sqlite' | 'leveldb';

/**
 * The backend a browser profile's IndexedDB must run on: the one its data is in. Chromium does
 * not migrate between them: started with the other one, it deletes the stores of the first
 * (measured in Chromium 150, both ways), and a station's outbox holds events not yet sent. A
 * profile on LevelDB (a station installed before this) stays on it, as Chrome's own rollout
 * leaves existing stores. A profile that holds none goes on SQLite from the Chromium on which
 * Chrome does the same (`chromiumMajor`: Electron's `process.versions.chrome`).
 *
 * `profileDir` holds `IndexedDB`: Electron's sessionData, or `<user-data-dir>/Default` of a Chromium.
 */
export function indexedDbBackendOf(profileDir: string, chromiumMajor: number): IndexedDbBackend {
  const forNew: IndexedDbBackend = chromiumMajor >= SQLITE_FOR_NEW_STORES_FROM ? 'sqlite' : 'leveldb';
  let stores: string[];
  try {
    stores = readdirSync(join(profileDir, 'IndexedDB'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return forNew;
    throw err;
  }
  // LevelDB keeps an origin in `<origin>.indexeddb.leveldb` (and its blobs in `.indexeddb.blob`),
  // SQLite in a directory named for the origin alone. Should both be there, LevelDB's is the older.
  if (stores.some((name) => name.endsWith('.indexeddb.leveldb'))) return 'leveldb';
  return stores.length ? 'sqlite' : forNew;
}

/** Chromium's `--enable-features` entries for a backend (none: LevelDB is its default). */
export function indexedDbFeatures(backend: IndexedDbBackend): string[] {
  return backend === 'sqlite' ? [INDEXEDDB_ON_SQLITE] : [];
}
