import { join } from 'node:path';
import type { SsccBlock, SsccBlockRequest } from '../../../shared/api/sscc-blocks';
import { HandlerError } from '../../../shared/contract/dispatch';
import { buildSscc } from '../../../shared/domain/gs1';
import { openSerialBlockStore, type SerialBlockStoreOptions } from '../../services/serial-block-store';

type SsccRange = SsccBlockRequest;

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
}

export interface SsccAllocatorOptions extends SerialBlockStoreOptions {
  /** Asks the server for the next block (rejects when it cannot be reached). */
  fetchBlock: (range: SsccRange) => Promise<SsccBlock>;
  /** Below this many serials the station asks for another block: a station going offline then still has hundreds. */
  lowWater?: number;
}

export const SSCC_LOW_WATER = 300;

export async function openSsccAllocator(dataDir: string, options: SsccAllocatorOptions): Promise<SsccAllocator> {
  const blocks = await openSerialBlockStore(join(dataDir, 'sscc-blocks.json'), 'SSCC', options);
  const lowWater = Math.max(1, options.lowWater ?? SSCC_LOW_WATER); // at least: a station with none asks
  const refilling = new Map<string, Promise<void>>();
  const keyOf = (r: SsccRange) => `${r.extensionDigit}:${r.companyPrefix}`;

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
      .catch(() => undefined /* offline or refused: asked again at the next label or reconnect */)
      .finally(() => refilling.delete(key));
    refilling.set(key, run);
    return run;
  }

  return {
    refill,
    async allocate(range) {
      const key = keyOf(range);
      if (blocks.remaining(key) === 0) await refill(range);
      const serial = await blocks.take(key);
      if (serial === null)
        throw new HandlerError(
          'sscc_numbers_used_up',
          'No SSCC numbers left at this station: it must reach the server once to get more',
          409,
        );
      if (blocks.remaining(key) < lowWater) void refill(range);
      return buildSscc(range.extensionDigit, range.companyPrefix, serial);
    },
  };
}
