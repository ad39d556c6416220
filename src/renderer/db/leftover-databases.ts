/**
 * IndexedDB databases an older version of this station left behind, which nothing reads any more:
 * RxDB's replication plugin kept a copy of every pulled document's checkpoint state in a
 * collection of its own (`rx-replication-meta-…`, as large as the orders themselves) until the pull
 * became our own (pull-replication.ts). Removed once the station's database is open; a removal
 * that fails (another tab still holds it) only leaves the disk used until the next start.
 */
export async function removeLeftoverDatabases(dbName: string): Promise<string[]> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return [];
  // RxDB's Dexie storage names each collection's database `rxdb-dexie-<database>--<schema version>--<collection>`.
  const prefix = `rxdb-dexie-${dbName}--`;
  const leftover = (await indexedDB.databases())
    .map((d) => d.name ?? '')
    .filter((name) => name.startsWith(prefix) && name.includes('--rx-replication-meta-'));
  await Promise.all(
    leftover.map(
      (name) =>
        new Promise<void>((resolve) => {
          const deleting = indexedDB.deleteDatabase(name);
          deleting.onsuccess = deleting.onerror = deleting.onblocked = () => resolve();
        }),
    ),
  );
  return leftover;
}
