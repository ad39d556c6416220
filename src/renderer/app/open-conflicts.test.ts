import { Subject } from 'rxjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StationClient } from '../station-client/index';
import { watchOpenConflicts } from './open-conflicts';
import { useStation } from './station-store';

afterEach(() => {
  vi.useRealTimers();
  useStation.setState(useStation.getInitialState(), true);
});

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
    const watch = watchOpenConflicts(client, conflictedHere, 1000);

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
});
