import { randomUUID } from 'node:crypto';
import type { SsccBlock, SsccBlockRequest } from '../../../shared/api/sscc-blocks';
import { openSsccAllocator, type SsccAllocator } from '../sscc/sscc-allocator';

/** A stand-in for the server's POST /v1/sync/sscc-blocks: consecutive blocks of `size` serials from `first`, per range. */
export function fakeSsccServer(first = 1, size = 1000) {
  const next = new Map<string, number>();
  const asked: SsccBlockRequest[] = [];
  return {
    asked,
    async fetchBlock(range: SsccBlockRequest): Promise<SsccBlock> {
      asked.push(range);
      const key = `${range.extensionDigit}:${range.companyPrefix}`;
      const firstSerial = next.get(key) ?? first;
      next.set(key, firstSerial + size);
      return { id: randomUUID(), ...range, firstSerial, lastSerial: firstSerial + size - 1, issuedAt: new Date().toISOString() };
    },
  };
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
