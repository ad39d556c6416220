import { join } from 'node:path';
import { buildSscc } from '../../../shared/domain/gs1';
import { readJsonFile, writeFileAtomic } from '../queue/atomic-file';

/**
 * Hands out SSCC serial references from a counter kept in dataDir. The counter is written (and
 * fsynced) before a serial is returned, so a crash can skip a serial but never reuse one.
 * Serials are counted per extension digit + company prefix: changing the prefix starts its own range.
 */
export interface SsccAllocator {
  allocate(settings: { extensionDigit: number; companyPrefix: string }): Promise<string>;
}

interface CounterFile {
  version: 1;
  /** "extensionDigit:companyPrefix" -> the next unused serial. */
  next: Record<string, number>;
}

export async function openSsccAllocator(dataDir: string): Promise<SsccAllocator> {
  const path = join(dataDir, 'sscc-counter.json');
  const state: CounterFile = (await readJsonFile<CounterFile>(path)) ?? { version: 1, next: {} };
  // Allocations run one at a time so two labels can never read the same counter value.
  let chain: Promise<unknown> = Promise.resolve();
  return {
    allocate(settings) {
      const run = chain.then(async () => {
        const key = `${settings.extensionDigit}:${settings.companyPrefix}`;
        const serial = state.next[key] ?? 1;
        const sscc = buildSscc(settings.extensionDigit, settings.companyPrefix, serial); // throws when the range is used up
        state.next[key] = serial + 1;
        await writeFileAtomic(path, JSON.stringify(state));
        return sscc;
      });
      chain = run.catch(() => {});
      return run;
    },
  };
}
