import { join } from 'node:path';
import type { SsccBlock, SsccBlockRequest } from '../../../shared/api/sscc-blocks';
import { HandlerError } from '../../../shared/contract/dispatch';
import { buildSscc } from '../../../shared/domain/gs1';
import { openSerialBlockStore, type SerialBlockStoreOptions } from '../../services/serial-block-store';

type SsccRange = SsccBlockRequest;

/** Why the last request for more serials failed: no server (offline, or it failed), or the range itself is used up (409 sscc_numbers_exhausted). */
export type SsccRefillFailure = 'no-server' | 'range-used-up';

/** What is left of one range at this station and whether more can come. */
export interface SsccRangeStock {
  remaining: number;
  /** The allocator's refill mark: below it, it asks for more. */
  lowWater: number;
  /** Why the last refill failed; null when it succeeded, or none was needed yet. */
  refillFailed: SsccRefillFailure | null;
}

/**
 * Hands out SSCCs from serial blocks the server gave this station alone (POST /v1/sync/sscc-blocks),
 * so no two stations ever number a parcel alike. Blocks are kept in dataDir (sscc-blocks.json) and
 * a serial is durable before it is returned: a crash can skip one, never reuse one. Each extension
 * digit + company prefix has its own blocks.
 */
export interface SsccAllocator {
  /** The next SSCC; refused (sscc_numbers_used_up) when none is left and the server cannot be reached. */
  allocate(range: SsccRange): Promise<string>;
  /** Asks the server for blocks while fewer than the low-water mark are left; never throws (offline: next time). */
  refill(range: SsccRange): Promise<void>;
  /** What is left of a range, and why it could not get more (the station warns from this: sscc-stock.ts). */
  stock(range: SsccRange): SsccRangeStock;
}

export interface SsccAllocatorOptions extends SerialBlockStoreOptions {
  /** Asks the server for the next block (rejects when it cannot be reached). */
  fetchBlock: (range: SsccRange) => Promise<SsccBlock>;
  /** Below this many serials the station asks for another block: a station going offline then still has hundreds. */
  lowWater?: number;
  /** A range's stock changed: a serial taken, a refill done or failed. */
  onChange?: (range: SsccRange) => void;
}

export const SSCC_LOW_WATER = 300;

/** The server's refusal when every serial of the range was handed out (src/server/sscc/sscc-block-store.ts). */
const rangeUsedUp = (err: unknown) => err instanceof HandlerError && err.code === 'sscc_numbers_exhausted';
/** What to do once a range is used up: reaching the server again brings nothing. */
export const NEW_RANGE_NEEDED = 'an admin must set a new extension digit or company prefix in the label settings';

export async function openSsccAllocator(dataDir: string, options: SsccAllocatorOptions): Promise<SsccAllocator> {
  const blocks = await openSerialBlockStore(join(dataDir, 'sscc-blocks.json'), 'SSCC', options);
  const lowWater = Math.max(1, options.lowWater ?? SSCC_LOW_WATER); // at least: a station with none asks
  const refilling = new Map<string, Promise<void>>();
  const refillFailed = new Map<string, SsccRefillFailure>();
  const keyOf = (r: SsccRange) => `${r.extensionDigit}:${r.companyPrefix}`;
  const changed = (range: SsccRange) => options.onChange?.(range);

  /** One request at a time per range; two blocks at most per round, so a server that does not move its counter cannot make this spin. */
  function refill(range: SsccRange): Promise<void> {
    const key = keyOf(range);
    const running = refilling.get(key);
    if (running) return running;
    const run = (async () => {
      for (let round = 0; round < 2 && blocks.remaining(key) < lowWater; round++) {
        const block = await options.fetchBlock(range);
        if (block.extensionDigit !== range.extensionDigit || block.companyPrefix !== range.companyPrefix)
          throw new Error('the server answered with a block of another range');
        await blocks.add(key, block);
      }
    })()
      .then(
        () => void refillFailed.delete(key),
        // Offline or refused: asked again at the next label or reconnect; remembered for the warning.
        (err: unknown) => void refillFailed.set(key, rangeUsedUp(err) ? 'range-used-up' : 'no-server'),
      )
      .finally(() => {
        refilling.delete(key);
        changed(range);
      });
    refilling.set(key, run);
    return run;
  }

  return {
    refill,
    stock: (range) => ({ remaining: blocks.remaining(keyOf(range)), lowWater, refillFailed: refillFailed.get(keyOf(range)) ?? null }),
    async allocate(range) {
      const key = keyOf(range);
      if (blocks.remaining(key) === 0) await refill(range);
      const serial = await blocks.take(key);
      if (serial === null)
        throw new HandlerError(
          'sscc_numbers_used_up',
          refillFailed.get(key) === 'range-used-up'
            ? `No SSCC numbers left at this station, and the server has none left in this range: ${NEW_RANGE_NEEDED}`
            : 'No SSCC numbers left at this station: it must reach the server once to get more',
          409,
        );
      changed(range);
      if (blocks.remaining(key) < lowWater) void refill(range);
      return buildSscc(range.extensionDigit, range.companyPrefix, serial);
    },
  };
}
