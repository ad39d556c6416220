import { randomUUID } from 'node:crypto';
import type { SsccBlock, SsccBlockRequest } from '../../../shared/api/sscc-blocks';
import { HandlerError } from '../../../shared/contract/dispatch';
import { openSsccAllocator, type SsccAllocator } from '../sscc/sscc-allocator';

/**
 * A stand-in for the server's POST /v1/sync/sscc-blocks: consecutive blocks of `size` serials from `first`, per range,
 * up to `last` (then refused as the server-link passes the server's 409 on). `reachable = false`: it fails as offline.
 */
export function fakeSsccServer(first = 1, size = 1000, last = Number.MAX_SAFE_INTEGER) {
  const next = new Map<string, number>();
  const asked: SsccBlockRequest[] = [];
  const server = {
    asked,
    reachable: true,
    async fetchBlock(range: SsccBlockRequest): Promise<SsccBlock> {
      if (!server.reachable) throw new Error('offline');
      asked.push(range);
      const key = `${range.extensionDigit}:${range.companyPrefix}`;
      const firstSerial = next.get(key) ?? first;
      if (firstSerial > last) throw new HandlerError('sscc_numbers_exhausted', 'every SSCC serial of this range has been handed out', 409);
      const lastSerial = Math.min(firstSerial + size - 1, last);
      next.set(key, lastSerial + 1);
      return { id: randomUUID(), ...range, firstSerial, lastSerial, issuedAt: new Date().toISOString() };
    },
  };
  return server;
}

/** The allocator the printing tests print with: its blocks come from a fake server, numbered from 1. */
export function testSsccAllocator(dataDir: string): Promise<SsccAllocator> {
  return openSsccAllocator(dataDir, { fetchBlock: fakeSsccServer().fetchBlock });
}

/** A station data dir that holds a block of the default SSCC range, as an enrolled station does: for stations a test runs without a server. */
export async function holdSsccBlock(
  dataDir: string,
  range: SsccBlockRequest = { extensionDigit: 0, companyPrefix: '0614141' },
): Promise<void> {
  await (await testSsccAllocator(dataDir)).refill(range);
}
