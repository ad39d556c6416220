import { addRxPlugin } from 'rxdb/plugins/core';
import { RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { Subject } from 'rxjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { keptInMeta } from '../db/kept-number';
import { openStationDatabase, type StationDatabase } from '../db/station-database';
import type { StationClient } from '../station-client/index';
import { watchOpenConflicts } from './open-conflicts';
import { useStation } from './station-store';

addRxPlugin(RxDBDevModePlugin);
const databases: StationDatabase[] = [];
afterEach(async () => {
  vi.useRealTimers();
  useStation.setState(useStation.getInitialState(), true);
  await Promise.all(databases.splice(0).map((db) => db.close()));
});

/** The station's own station_meta, in memory; the same name is the same station after a restart. */
async function stationMeta(name: string) {
  const db = await openStationDatabase(name, wrappedValidateAjvStorage({ storage: getRxStorageMemory() }), { withBins: false });
  databases.push(db);
  return keptInMeta(db, 'open-conflicts');
}

/** A station host whose server answers `answers` in turn; null: offline. */
function hostAnswering(answers: (number | null)[]) {
  const asked: string[] = [];
  const client = {
    call: (async (name: string) => {
      asked.push(name);
      const open = answers.shift();
      if (open === null || open === undefined) throw new Error('server unreachable');
      return { open };
    }) as StationClient['call'],
  };
  return { client, asked };
}

const conflicts = () => useStation.getState().sync.conflicts;

describe("the sync bar's conflicts for a supervisor", () => {
  it("shows the server's count of open tasks, asked again when a push is answered with a conflict and on a timer; offline, the last count stays", async () => {
    vi.useFakeTimers();
    const { client, asked } = hostAnswering([2, 3, null, 0]);
    const conflictedHere = new Subject<number>();
    const watch = watchOpenConflicts(client, conflictedHere, await stationMeta(`conflicts-${crypto.randomUUID()}`), 1000);

    conflictedHere.next(5);
    await vi.waitFor(() => expect(conflicts()).toBe(2));
    conflictedHere.next(6);
    await vi.waitFor(() => expect(conflicts()).toBe(3));
    // The outbox written again with no new conflict (a drain writes thousands): nothing to ask.
    conflictedHere.next(6);
    await vi.advanceTimersByTimeAsync(0);
    expect(asked).toHaveLength(2);
    // Offline: nothing to show but what was shown.
    await vi.advanceTimersByTimeAsync(1000);
    expect(conflicts()).toBe(3);
    // A supervisor resolved them all, elsewhere: the next refresh says so.
    await vi.advanceTimersByTimeAsync(1000);
    expect(conflicts()).toBe(0);
    expect(asked).toEqual(['sync.conflicts', 'sync.conflicts', 'sync.conflicts', 'sync.conflicts']);

    watch.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(asked).toHaveLength(4);
  });

  it('shows the last answer again when the station starts offline, and what the server says once it answers', async () => {
    const name = `conflicts-${crypto.randomUUID()}`;
    const before = watchOpenConflicts(hostAnswering([4]).client, new Subject<number>(), await stationMeta(name), 60_000);
    await before.refresh();
    expect(conflicts()).toBe(4);
    before.stop();
    await Promise.all(databases.splice(0).map((db) => db.close()));
    useStation.setState(useStation.getInitialState(), true);

    // Restarted with the server out of reach: the kept count, not none.
    const offline = hostAnswering([null, 1]);
    const after = watchOpenConflicts(offline.client, new Subject<number>(), await stationMeta(name), 60_000);
    await vi.waitFor(() => expect(conflicts()).toBe(4));
    await after.refresh();
    expect(conflicts()).toBe(4);
    // The server answers again: its count is shown, and kept for the next start.
    await after.refresh();
    expect(conflicts()).toBe(1);
    after.stop();
    await Promise.all(databases.splice(0).map((db) => db.close()));
    useStation.setState(useStation.getInitialState(), true);
    watchOpenConflicts(hostAnswering([]).client, new Subject<number>(), await stationMeta(name), 60_000).stop();
    await vi.waitFor(() => expect(conflicts()).toBe(1));
  });
});
