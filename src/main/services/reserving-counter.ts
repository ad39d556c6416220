import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../printing/queue/atomic-file';

/**
 * A counter on disk that never hands out a value twice, even across a kill -9 or a power cut,
 * without a disk write per value: it reserves a high-water mark ahead (`reservedThrough`, written
 * atomically and fsynced) and hands out values up to it from memory. A restart continues above
 * the mark, so values reserved but never handed out are skipped (gaps), never reused.
 */
export interface ReservingCounter {
  /** `count` consecutive values, above every value handed out before and above `above`. */
  take(count: number, above?: number): Promise<{ first: number; last: number }>;
  /** From now on (and after any restart), only values above `value` are handed out. */
  raiseFloor(value: number): Promise<void>;
}

export interface ReservingCounterOptions {
  /** How many values each disk write reserves beyond what is needed now. */
  reserveAhead?: number;
  /** Writes the file atomically and durably (tests inject a crash here). */
  write?: (path: string, data: string) => Promise<void>;
}

interface CounterFile {
  version: 1;
  /** No value above this was ever handed out. */
  reservedThrough: number;
}

export async function openReservingCounter(path: string, options: ReservingCounterOptions = {}): Promise<ReservingCounter> {
  const reserveAhead = options.reserveAhead ?? 1000;
  const write = options.write ?? writeFileAtomic;
  let reservedThrough = await readReservedThrough(path);
  let handedThrough = reservedThrough;
  // One operation at a time: two callers can never read the same position.
  let chain: Promise<unknown> = Promise.resolve();
  const serially = <T>(run: () => Promise<T>): Promise<T> => {
    const result = chain.then(run);
    chain = result.catch(() => undefined);
    return result;
  };

  /** Makes `through` durable before anything up to it is handed out. */
  async function reserve(through: number): Promise<void> {
    if (through <= reservedThrough) return;
    const mark = through + reserveAhead;
    if (!Number.isSafeInteger(mark)) throw new Error(`counter ${path} ran out of values`);
    await write(path, JSON.stringify({ version: 1, reservedThrough: mark } satisfies CounterFile));
    reservedThrough = mark;
  }

  return {
    take(count, above = 0) {
      if (!Number.isSafeInteger(count) || count < 1) return Promise.reject(new RangeError(`take ${count}: a count is a positive integer`));
      if (!Number.isSafeInteger(above) || above < 0)
        return Promise.reject(new RangeError(`take above ${above}: not a non-negative integer`));
      return serially(async () => {
        const first = Math.max(handedThrough, above) + 1;
        const last = first + count - 1;
        await reserve(last);
        handedThrough = last;
        return { first, last };
      });
    },
    raiseFloor(value) {
      if (!Number.isSafeInteger(value) || value < 0) return Promise.reject(new RangeError(`floor ${value}: not a non-negative integer`));
      return serially(async () => {
        if (value <= handedThrough) return;
        await reserve(value);
        handedThrough = value;
      });
    },
  };
}

async function readReservedThrough(path: string): Promise<number> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
  // Atomic writes leave the old or the new file, never half of one: anything else is not ours,
  // and guessing a position could hand out a used value.
  let parsed: Partial<CounterFile> | null = null;
  try {
    parsed = JSON.parse(text) as Partial<CounterFile>;
  } catch {
    /* reported below */
  }
  if (parsed?.version !== 1 || !Number.isSafeInteger(parsed.reservedThrough) || parsed.reservedThrough! < 0) {
    throw new Error(
      `${path} is not a counter file this version can read; refusing to guess where it stood (that could hand out a used value)`,
    );
  }
  return parsed.reservedThrough!;
}
