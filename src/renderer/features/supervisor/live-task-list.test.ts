import { describe, expect, it } from 'vitest';
import type { SupervisorTask } from '../../../shared/contract/index';
import type { StationClient } from '../../station-client/index';
import { watchTaskList } from './live-task-list';

/** A station whose task list is answered by hand: `notice` is main saying tasks changed, `answer` ends the oldest ask. */
function station() {
  let notify: (() => void) | null = null;
  const asks: ((tasks: SupervisorTask[] | null) => void)[] = [];
  const client = {
    call: (() =>
      new Promise((resolve, reject) =>
        asks.push((tasks) => (tasks ? resolve(tasks) : reject(new Error('server unreachable')))),
      )) as unknown as StationClient['call'],
    listen: ((name: string, callback: (payload: null) => void) => {
      expect(name).toBe('supervisor.tasks-changed');
      notify = () => callback(null);
      return () => (notify = null);
    }) as StationClient['listen'],
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return {
    client,
    asks,
    notice: () => notify?.(),
    listening: () => notify !== null,
    answer: async (tasks: SupervisorTask[] | null) => {
      asks.shift()!(tasks);
      await settle();
    },
  };
}

const task = (title: string) => ({ id: title, title }) as SupervisorTask;

describe("the supervisor desk's live task list", () => {
  it('asks again on each notice; notices during an ask cost one more ask, whose answer is shown last', async () => {
    const s = station();
    const shown: string[][] = [];
    const stop = watchTaskList(s.client, (tasks) => shown.push(tasks.map((t) => t.title)));
    s.notice();
    s.notice();
    s.notice();
    expect(s.asks).toHaveLength(1);
    await s.answer([task('opened')]);
    expect(s.asks).toHaveLength(1);
    await s.answer([task('joined')]);
    expect(s.asks).toHaveLength(0);
    expect(shown).toEqual([['opened'], ['joined']]);

    // Unanswered (the server gone): the list shown stays; the next notice asks again.
    s.notice();
    await s.answer(null);
    expect(shown).toHaveLength(2);
    s.notice();
    await s.answer([]);
    expect(shown.at(-1)).toEqual([]);

    stop();
    expect(s.listening()).toBe(false);
  });

  it('shows nothing after it stopped (the screen left) that was asked before', async () => {
    const s = station();
    const shown: unknown[] = [];
    const stop = watchTaskList(s.client, (tasks) => shown.push(tasks));
    s.notice();
    stop();
    await s.answer([task('late')]);
    expect(shown).toEqual([]);
  });
});
