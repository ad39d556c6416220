import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { SsccBlockRequest } from '../../../shared/api/sscc-blocks';
import { buildSscc, isValidGs1Number } from '../../../shared/domain/gs1';
import { writeFileAtomic } from '../queue/atomic-file';
import { tempDataDir } from '../testing/fixtures';
import { fakeSsccServer } from '../testing/sscc-blocks';
import { openSsccAllocator } from './sscc-allocator';

const settings = { extensionDigit: 3, companyPrefix: '0614141' };
const unreachable = () => Promise.reject(new Error('offline'));

describe('SSCC allocator', () => {
  it('numbers labels only from the blocks the server gave it: distinct, valid, for concurrent labels', async () => {
    const server = fakeSsccServer(500_000_000);
    const allocator = await openSsccAllocator(await tempDataDir(), { fetchBlock: server.fetchBlock });
    const ssccs = await Promise.all(Array.from({ length: 25 }, () => allocator.allocate(settings)));
    expect([...ssccs].sort()).toEqual(Array.from({ length: 25 }, (_, i) => buildSscc(3, '0614141', 500_000_000 + i)).sort());
    for (const s of ssccs) expect(isValidGs1Number(s)).toBe(true);
    // Two stations with the same settings but their own blocks never print the same SSCC (the floor's bug).
    const other = await openSsccAllocator(await tempDataDir(), { fetchBlock: server.fetchBlock });
    expect(await other.allocate(settings)).toBe(buildSscc(3, '0614141', 500_001_000));
  });

  it('asks for the next block ahead of need, while it still has serials, one request at a time', async () => {
    const server = fakeSsccServer(1, 10);
    const fetchBlock = vi.fn(server.fetchBlock);
    const allocator = await openSsccAllocator(await tempDataDir(), { fetchBlock, lowWater: 5 });
    await allocator.refill(settings); // at start or enrolment: one block, 10 serials
    expect(fetchBlock).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 5; i++) await allocator.allocate(settings); // 5 left: not below the mark yet
    expect(fetchBlock).toHaveBeenCalledTimes(1);
    await allocator.allocate(settings); // 4 left: the next block is asked for in the background
    await vi.waitFor(() => expect(fetchBlock).toHaveBeenCalledTimes(2));
    const rest = [];
    for (let i = 0; i < 14; i++) rest.push(await allocator.allocate(settings));
    expect(rest.at(-1)).toBe(buildSscc(3, '0614141', 20));
  });

  it('offline with serials left keeps printing; offline with none left refuses, never duplicates', async () => {
    const dataDir = await tempDataDir();
    const online = await openSsccAllocator(dataDir, { fetchBlock: fakeSsccServer(1, 3).fetchBlock, lowWater: 0 });
    expect(await online.allocate(settings)).toBe(buildSscc(3, '0614141', 1));
    const offline = await openSsccAllocator(dataDir, { fetchBlock: unreachable, lowWater: 0 });
    expect([await offline.allocate(settings), await offline.allocate(settings)]).toEqual([2, 3].map((n) => buildSscc(3, '0614141', n)));
    await expect(offline.allocate(settings)).rejects.toMatchObject({
      code: 'sscc_numbers_used_up',
      status: 409,
      message: 'No SSCC numbers left at this station: it must reach the server once to get more',
    });
  });

  it('reports what is left and, below the mark offline, that no refill comes; a refill clears it', async () => {
    const server = fakeSsccServer(1, 10);
    const changes: SsccBlockRequest[] = [];
    const allocator = await openSsccAllocator(await tempDataDir(), {
      fetchBlock: server.fetchBlock,
      lowWater: 5,
      onChange: (r) => changes.push(r),
    });
    await allocator.refill(settings);
    expect(allocator.stock(settings)).toEqual({ remaining: 10, lowWater: 5, refillFailed: null });
    server.reachable = false;
    for (let i = 0; i < 5; i++) await allocator.allocate(settings);
    expect(allocator.stock(settings)).toEqual({ remaining: 5, lowWater: 5, refillFailed: null }); // at the mark: nothing asked yet
    changes.length = 0;
    await allocator.allocate(settings); // 4 left: the refill it starts fails
    await vi.waitFor(() => expect(allocator.stock(settings)).toEqual({ remaining: 4, lowWater: 5, refillFailed: 'no-server' }));
    expect(changes).toEqual([settings, settings]); // the serial taken, then the refill failed
    expect(allocator.stock({ extensionDigit: 4, companyPrefix: '0614141' })).toMatchObject({ remaining: 0, refillFailed: null });
    // Back online: the next refill (the station asks on reconnecting) brings a block and clears it.
    server.reachable = true;
    await allocator.refill(settings);
    expect(allocator.stock(settings)).toEqual({ remaining: 14, lowWater: 5, refillFailed: null });
    expect(changes.at(-1)).toEqual(settings);
  });

  it('tells a range the server has used up from an offline server, and its last refusal says an admin must set a new range', async () => {
    const server = fakeSsccServer(1, 10, 10); // the whole range is one block
    const allocator = await openSsccAllocator(await tempDataDir(), { fetchBlock: server.fetchBlock, lowWater: 5 });
    for (let i = 0; i < 6; i++) await allocator.allocate(settings);
    await vi.waitFor(() => expect(allocator.stock(settings)).toEqual({ remaining: 4, lowWater: 5, refillFailed: 'range-used-up' }));
    for (let i = 0; i < 4; i++) await allocator.allocate(settings);
    await expect(allocator.allocate(settings)).rejects.toMatchObject({
      code: 'sscc_numbers_used_up',
      message:
        'No SSCC numbers left at this station, and the server has none left in this range: an admin must set a new extension digit or company prefix in the label settings',
    });
  });

  it('continues after a restart and never reuses a serial; a crash mid-write skips at most', async () => {
    const dataDir = await tempDataDir();
    let crash = false;
    const write = async (p: string, data: string) => {
      if (!crash) return writeFileAtomic(p, data);
      await writeFile(`${p}.12345.tmp`, data.slice(0, 9)); // died before the rename
      throw new Error('killed');
    };
    const first = await openSsccAllocator(dataDir, { fetchBlock: fakeSsccServer().fetchBlock, write });
    expect(await first.allocate(settings)).toBe(buildSscc(3, '0614141', 1));
    crash = true;
    await expect(first.allocate(settings)).rejects.toThrow('killed');
    const restarted = await openSsccAllocator(dataDir, { fetchBlock: unreachable });
    expect(await restarted.allocate(settings)).toBe(buildSscc(3, '0614141', 2));
    expect(await restarted.allocate(settings)).toBe(buildSscc(3, '0614141', 3));
  });

  it('keeps blocks per company prefix and extension digit, and asks for the range in use', async () => {
    const server = fakeSsccServer();
    const allocator = await openSsccAllocator(await tempDataDir(), { fetchBlock: server.fetchBlock });
    await allocator.allocate(settings);
    expect(await allocator.allocate({ extensionDigit: 3, companyPrefix: '123456789012' })).toBe(buildSscc(3, '123456789012', 1));
    expect(await allocator.allocate({ extensionDigit: 4, companyPrefix: '0614141' })).toBe(buildSscc(4, '0614141', 1));
    expect(await allocator.allocate(settings)).toBe(buildSscc(3, '0614141', 2));
    expect(server.asked).toEqual<SsccBlockRequest[]>([
      settings,
      { extensionDigit: 3, companyPrefix: '123456789012' },
      { extensionDigit: 4, companyPrefix: '0614141' },
    ]);
  });

  it('refuses to start from a blocks file it cannot read rather than guess', async () => {
    const dataDir = await tempDataDir();
    await writeFile(join(dataDir, 'sscc-blocks.json'), '{"version":1,"acc');
    await expect(openSsccAllocator(dataDir, { fetchBlock: unreachable })).rejects.toThrow('refusing to guess');
  });
});
