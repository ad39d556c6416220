import { describe, expect, it } from 'vitest';
import type { Database, Queryable } from './database';
import { retryingTransaction } from './retrying-transaction';

function fakeDb(failures: unknown[]): Database & { runs: number } {
  const db = {
    runs: 0,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      db.runs += 1;
      const failure = failures.shift();
      if (failure) throw failure;
      return fn({} as Queryable);
    },
  };
  return db as unknown as Database & { runs: number };
}

describe('retryingTransaction', () => {
  it('runs the transaction again after a deadlock or serialization failure', async () => {
    const db = fakeDb([
      Object.assign(new Error('deadlock detected'), { code: '40P01' }),
      Object.assign(new Error('could not serialize'), { code: '40001' }),
    ]);
    expect(await retryingTransaction(db, async () => 'done')).toBe('done');
    expect(db.runs).toBe(3);
  });

  it('does not retry other errors, and gives up after the last attempt', async () => {
    const other = fakeDb([Object.assign(new Error('unique violation'), { code: '23505' })]);
    await expect(retryingTransaction(other, async () => 'x')).rejects.toThrow('unique violation');
    expect(other.runs).toBe(1);
    const stuck = fakeDb(Array.from({ length: 5 }, () => ({ code: '40P01' })));
    await expect(retryingTransaction(stuck, async () => 'x', 3)).rejects.toEqual({ code: '40P01' });
    expect(stuck.runs).toBe(3);
  });
});
