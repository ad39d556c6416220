import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSscc, isValidGs1Number } from '../../../shared/domain/gs1';
import { tempDataDir } from '../testing/fixtures';
import { openSsccAllocator } from './sscc-allocator';

const settings = { extensionDigit: 3, companyPrefix: '0614141' };

describe('SSCC allocator', () => {
  it('hands out distinct serials to concurrent labels, with valid check digits', async () => {
    const allocator = await openSsccAllocator(await tempDataDir());
    const ssccs = await Promise.all(Array.from({ length: 25 }, () => allocator.allocate(settings)));
    expect(new Set(ssccs).size).toBe(25);
    expect([...ssccs].sort()).toEqual(Array.from({ length: 25 }, (_, i) => buildSscc(3, '0614141', i + 1)).sort());
    for (const s of ssccs) expect(isValidGs1Number(s)).toBe(true);
  });

  it('continues after a restart and never reuses a serial', async () => {
    const dataDir = await tempDataDir();
    const first = await openSsccAllocator(dataDir);
    const a = await first.allocate(settings);
    const second = await openSsccAllocator(dataDir);
    const b = await second.allocate(settings);
    expect(a).toBe(buildSscc(3, '0614141', 1));
    expect(b).toBe(buildSscc(3, '0614141', 2));
  });

  it('counts each company prefix and extension digit separately', async () => {
    const allocator = await openSsccAllocator(await tempDataDir());
    await allocator.allocate(settings);
    expect(await allocator.allocate({ extensionDigit: 3, companyPrefix: '123456789012' })).toBe(buildSscc(3, '123456789012', 1));
    expect(await allocator.allocate({ extensionDigit: 4, companyPrefix: '0614141' })).toBe(buildSscc(4, '0614141', 1));
    expect(await allocator.allocate(settings)).toBe(buildSscc(3, '0614141', 2));
  });

  it('refuses once the serial range of a long company prefix is used up', async () => {
    const dataDir = await tempDataDir();
    // A 12-digit prefix leaves 4 serial digits: 1..9999. Start near the end.
    await writeFile(join(dataDir, 'sscc-counter.json'), JSON.stringify({ version: 1, next: { '0:123456789012': 9999 } }));
    const allocator = await openSsccAllocator(dataDir);
    expect(await allocator.allocate({ extensionDigit: 0, companyPrefix: '123456789012' })).toBe(buildSscc(0, '123456789012', 9999));
    await expect(allocator.allocate({ extensionDigit: 0, companyPrefix: '123456789012' })).rejects.toThrow(/does not fit/);
  });
});
