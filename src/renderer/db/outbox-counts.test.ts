import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchOutboxCounts, type OutboxCounts } from './outbox-counts';
import type { StationDatabase } from './station-database';
import { itemVerified, openTestStationDatabase } from './testing/station-db-fixtures';

let db: StationDatabase | null = null;
afterEach(async () => {
  await db?.close();
  db = null;
});

describe('the outbox counts the sync bar shows', () => {
  it('are read again after a change only once the pause comes, once for all the changes made meanwhile', async () => {
    db = await openTestStationDatabase();
    await db.outbox.insert(itemVerified(1, 'rejected'));
    let release: (() => void) | null = null;
    let scanning = false;
    const pause = () => (scanning ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve());
    const shown: OutboxCounts[] = [];
    const stop = watchOutboxCounts(db, pause, (c) => shown.push(c));
    await vi.waitFor(() => expect(shown).toEqual([{ pendingEvents: 0, conflicts: 0, rejected: 1 }]));

    // A burst of scans: three writes, none of them counted while the scanning goes on.
    scanning = true;
    for (const seq of [2, 3, 4]) await db.outbox.insert(itemVerified(seq));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(shown).toHaveLength(1);

    scanning = false;
    release!();
    await vi.waitFor(() => expect(shown.at(-1)).toEqual({ pendingEvents: 3, conflicts: 0, rejected: 1 }));
    // One read for the burst, and one more at most for changes seen while it ran.
    expect(shown.length).toBeLessThanOrEqual(3);
    stop();
  });
});
