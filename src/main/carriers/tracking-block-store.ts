import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TrackingBlock } from '../../shared/carriers/carrier-config';
import { writeFileAtomic } from '../printing/queue/atomic-file';

/**
 * The tracking-number blocks the server handed this station, per carrier account, kept in
 * dataDir. Like the SSCC allocator, the position is written (and fsynced) before a serial is
 * returned, so a crash or kill -9 can skip a serial but never hand one out twice. A reinstall
 * loses the blocks, never reuses them: the server's counter only moves forward.
 */
export interface TrackingBlockStore {
  /** The next unused serial of an account, or null when its blocks are used up. */
  take(accountId: string): Promise<number | null>;
  /** Keeps a block the server issued (a block already kept is ignored). */
  add(block: TrackingBlock): Promise<void>;
  /** Serials left for an account. */
  remaining(accountId: string): number;
  /** Every account with blocks, and what is left of them. */
  accounts(): { accountId: string; remaining: number; blocks: number }[];
}

interface StoredBlock {
  id: string;
  firstSerial: number;
  lastSerial: number;
}
interface BlockFile {
  version: 1;
  /** accountId -> its blocks in the order received, and the next serial to hand out. */
  accounts: Record<string, { blocks: StoredBlock[]; next: number }>;
}

export interface TrackingBlockStoreOptions {
  /** Writes the file atomically and durably (tests inject a crash here). */
  write?: (path: string, data: string) => Promise<void>;
}

/** Serials of a block not yet handed out, given the account's next position. */
const leftIn = (b: StoredBlock, next: number) => Math.max(0, b.lastSerial - Math.max(b.firstSerial, next) + 1);

export async function openTrackingBlockStore(dataDir: string, options: TrackingBlockStoreOptions = {}): Promise<TrackingBlockStore> {
  const path = join(dataDir, 'tracking-blocks.json');
  const write = options.write ?? writeFileAtomic;
  const state = await readState(path);
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
  const remaining = (accountId: string) => {
    const a = state.accounts[accountId];
    return a ? a.blocks.reduce((n, b) => n + leftIn(b, a.next), 0) : 0;
  };

  return {
    take(accountId) {
      return serially(async () => {
        const a = state.accounts[accountId];
        const block = a?.blocks.find((b) => leftIn(b, a.next) > 0);
        if (!a || !block) return null;
        const serial = Math.max(block.firstSerial, a.next);
        // Blocks used up are dropped; the position stays so an older block can never be used again.
        const blocks = a.blocks.filter((b) => leftIn(b, serial + 1) > 0);
        await commit({ version: 1, accounts: { ...state.accounts, [accountId]: { blocks, next: serial + 1 } } });
        return serial;
      });
    },
    add(block) {
      return serially(async () => {
        const a = state.accounts[block.accountId] ?? { blocks: [], next: 0 };
        if (a.blocks.some((b) => b.id === block.id) || leftIn(block, a.next) === 0) return;
        const stored = { id: block.id, firstSerial: block.firstSerial, lastSerial: block.lastSerial };
        // The server hands blocks out in rising order; keep them so, and take from the lowest.
        const blocks = [...a.blocks, stored].sort((x, y) => x.firstSerial - y.firstSerial);
        await commit({ version: 1, accounts: { ...state.accounts, [block.accountId]: { blocks, next: a.next } } });
      });
    },
    remaining,
    accounts: () =>
      Object.entries(state.accounts).map(([accountId, a]) => ({ accountId, remaining: remaining(accountId), blocks: a.blocks.length })),
  };
}

async function readState(path: string): Promise<BlockFile> {
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
    throw new Error(`${path} is not a tracking-block file this version can read; refusing to guess (that could reuse a tracking number)`);
  return { version: 1, accounts: parsed.accounts };
}
