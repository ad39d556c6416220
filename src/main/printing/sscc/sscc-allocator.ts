import { join } from 'node:path';
import type { SsccBlock, SsccBlockRequest } from '../../../shared/api/sscc-blocks';
import { HandlerError } from '../../../shared/contract/dispatch';
import type { SsccRefillFailure } from '../../../shared/contract/sscc-stock';
import { buildSscc } from '../../../shared/domain/gs1';
import { openSerialBlockStore, type SerialBlockStoreOptions } from '../../services/serial-block-store';
import { NEW_RANGE_NEEDED, RE_ENROL_NEEDED, REFUSAL_TO_SEE, refillFailureOf } from './sscc-refill-failure';

type SsccRange = SsccBlockRequest;

/** What is left of one range at this station and whether more can come. */
export interface SsccRangeStock {
  remaining: number;
  /** The allocator's refill mark: below it, it asks for more. */
  lowWater: number;
  /**
   * Why the last refill failed; null when it succeeded, or none was needed yet. A range held below
   * the mark at start is 'no-server' once the station is known to start offline (startedOffline)
   * until its first refill ends: its reserve was spent offline and nothing came since, so the
   * station warns then, not at its next label. Starting online, that refill decides.
   */
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
  /**
   * The station has no server, or its first attempt to reach it failed: a range held below the mark
   * counts as no server from now until its first refill ends. Not called while that attempt is
   * pending: a station starting online would flash a warning its refill is about to clear.
   */
  startedOffline(): void;
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

/** What the refusal of a label says when none is left, by why no more came. */
const NONE_LEFT: Record<SsccRefillFailure, string> = {
  'no-server': 'No SSCC numbers left at this station: it must reach the server once to get more',
  revoked: `No SSCC numbers left at this station: ${RE_ENROL_NEEDED}`,
  refused: `No SSCC numbers left at this station: ${REFUSAL_TO_SEE}`,
  'range-used-up': `No SSCC numbers left at this station, and the server has none left in this range: ${NEW_RANGE_NEEDED}`,
};

export async function openSsccAllocator(dataDir: string, options: SsccAllocatorOptions): Promise<SsccAllocator> {
  const blocks = await openSerialBlockStore(join(dataDir, 'sscc-blocks.json'), 'SSCC', options);
  const lowWater = Math.max(1, options.lowWater ?? SSCC_LOW_WATER); // at least: a station with none asks
  const refilling = new Map<string, Promise<void>>();
  const refillFailed = new Map<string, SsccRefillFailure>();
  /** Ranges whose refill ended (got more, or failed and remembered why) since the station started. */
  const triedSinceStart = new Set<string>();
  let offlineAtStart = false;
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
        (err: unknown) => void refillFailed.set(key, refillFailureOf(err)),
      )
      .finally(() => {
        triedSinceStart.add(key);
        refilling.delete(key);
        changed(range);
      });
    refilling.set(key, run);
    return run;
  }

  /** Why none is coming: the last refill's failure, or, for a range held below the mark by a station that started offline, no server yet. */
  function whyNoneComes(key: string): SsccRefillFailure | null {
    const spentOffline = offlineAtStart && !triedSinceStart.has(key) && blocks.held(key) && blocks.remaining(key) < lowWater;
    return refillFailed.get(key) ?? (spentOffline ? 'no-server' : null);
  }

  return {
    refill,
    stock: (range) => ({ remaining: blocks.remaining(keyOf(range)), lowWater, refillFailed: whyNoneComes(keyOf(range)) }),
    startedOffline: () => void (offlineAtStart = true),
    async allocate(range) {
      const key = keyOf(range);
      if (blocks.remaining(key) === 0) await refill(range);
      const serial = await blocks.take(key);
      if (serial === null) throw new HandlerError('sscc_numbers_used_up', NONE_LEFT[refillFailed.get(key) ?? 'no-server'], 409);
      changed(range);
      if (blocks.remaining(key) < lowWater) void refill(range);
      return buildSscc(range.extensionDigit, range.companyPrefix, serial);
    },
  };
}
