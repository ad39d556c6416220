import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../printing/queue/atomic-file';

/**
 * Blocks of serials the server handed this station (tracking numbers per carrier account, SSCC
 * serial references per range), kept in one file under the station's data dir. The position is
 * written (and fsynced) before a serial is returned, so a crash or kill -9 can skip a serial but
 * never hand one out twice. A reinstall loses the blocks, never reuses them: the server's counter
 * only moves forward.
 */
export interface SerialBlockStore {
  /** The next unused serial under a key, or null when its blocks are used up. */
  take(key: string): Promise<number | null>;
  /** Keeps a block the server issued under a key (a block already kept is ignored). */
  add(key: string, block: SerialBlock): Promise<void>;
  /** Serials left under a key. */
  remaining(key: string): number;
  /** Whether the server ever gave a block under a key (its position is kept once they are used up). */
  held(key: string): boolean;
}

export interface SerialBlock {
  id: string;
  firstSerial: number;
  lastSerial: number;
}
interface BlockFile {
  version: 1;
  /** key -> its blocks in the order received, and the next serial to hand out ("accounts": the name it had when only carrier accounts had blocks). */
  accounts: Record<string, { blocks: SerialBlock[]; next: number }>;
}

export interface SerialBlockStoreOptions {
  /** Writes the file atomically and durably (tests inject a crash here). */
  write?: (path: string, data: string) => Promise<void>;
}

/** Serials of a block not yet handed out, given the key's next position. */
const leftIn = (b: SerialBlock, next: number) => Math.max(0, b.lastSerial - Math.max(b.firstSerial, next) + 1);

/** `what` names a serial in the refusal to read a damaged file ("tracking number"). */
export async function openSerialBlockStore(path: string, what: string, options: SerialBlockStoreOptions = {}): Promise<SerialBlockStore> {
  const write = options.write ?? writeFileAtomic;
  const state = await readState(path, what);
  let chain: Promise<unknown> = Promise.resolve();
  // One change at a time: two labels can never read the same position.
  const serially = <T>(run: () => Promise<T>): Promise<T> => {
    const result = chain.then(run);
    chain = result.catch(() => undefined);
    return result;
  };
  /** Writes `next` state durably, then makes it this store's state: memory never runs ahead of the disk. */
  async function commit(next: BlockFile): Promise<void> {
    await write(path, JSON.stringify(next));
    state.accounts = next.accounts;
  }

  return {
    take(key) {
      return serially(async () => {
        const a = state.accounts[key];
        const block = a?.blocks.find((b) => leftIn(b, a.next) > 0);
        if (!a || !block) return null;
        const serial = Math.max(block.firstSerial, a.next);
        // Blocks used up are dropped; the position stays so an older block can never be used again.
        const blocks = a.blocks.filter((b) => leftIn(b, serial + 1) > 0);
        await commit({ version: 1, accounts: { ...state.accounts, [key]: { blocks, next: serial + 1 } } });
        return serial;
      });
    },
    add(key, block) {
      return serially(async () => {
        const a = state.accounts[key] ?? { blocks: [], next: 0 };
        if (a.blocks.some((b) => b.id === block.id) || leftIn(block, a.next) === 0) return;
        const stored = { id: block.id, firstSerial: block.firstSerial, lastSerial: block.lastSerial };
        // The server hands blocks out in rising order; keep them so, and take from the lowest.
        const blocks = [...a.blocks, stored].sort((x, y) => x.firstSerial - y.firstSerial);
        await commit({ version: 1, accounts: { ...state.accounts, [key]: { blocks, next: a.next } } });
      });
    },
    remaining(key) {
      const a = state.accounts[key];
      return a ? a.blocks.reduce((n, b) => n + leftIn(b, a.next), 0) : 0;
    },
    held: (key) => state.accounts[key] !== undefined,
  };
}

async function readState(path: string, what: string): Promise<BlockFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, accounts: {} };
    throw err;
  }
  let parsed: Partial<BlockFile> | null = null;
  try {
    parsed = JSON.parse(text) as Partial<BlockFile>;
  } catch {
    /* reported below */
  }
  // Atomic writes leave the old or the new file; anything else is not ours, and guessing could reuse a number.
  if (parsed?.version !== 1 || typeof parsed.accounts !== 'object' || parsed.accounts === null)
    throw new Error(`${path} is not a block file this version can read; refusing to guess (that could reuse a ${what})`);
  return { version: 1, accounts: parsed.accounts };
}
