import type { StationSettings } from '../../../shared/contract/settings';
import { createPrintService, type PrintService, type PrintServiceOptions } from '../print-service';
import { testSsccAllocator } from './sscc-blocks';
import { startVirtualPrinter, type VirtualPrinter, type VirtualPrinterMode } from './virtual-printer';

/**
 * Print services and virtual printers for a test file, each closed by `cleanUp` (call it after
 * each test): short timeouts and a long backoff, so retries happen only when a test asks for them.
 */
export function printServiceHarness() {
  const cleanup: (() => Promise<void>)[] = [];
  return {
    async printer(mode: VirtualPrinterMode = 'accept'): Promise<VirtualPrinter> {
      const p = await startVirtualPrinter({ mode });
      cleanup.push(() => p.close());
      return p;
    },
    async service(dataDir: string, settings: StationSettings, extra: Partial<PrintServiceOptions> = {}): Promise<PrintService> {
      const s = await createPrintService({
        dataDir,
        getSettings: () => settings,
        sscc: await testSsccAllocator(dataDir),
        backoff: { baseMs: 600_000, maxMs: 600_000 },
        transport: { tcp: { connectTimeoutMs: 1000, idleTimeoutMs: 300, closeTimeoutMs: 300 } },
        ...extra,
      });
      cleanup.push(() => s.close());
      return s;
    },
    async cleanUp(): Promise<void> {
      for (const fn of cleanup.splice(0).reverse()) await fn();
    },
  };
}
