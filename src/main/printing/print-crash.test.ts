import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PrintJob } from '../../shared/contract/index';
import { createPrintService } from './print-service';
import { JobStore } from './queue/job-store';
import { stationSettings, tcpPrinter, tempDataDir } from './testing/fixtures';
import { startVirtualPrinter, type VirtualPrinter } from './testing/virtual-printer';
import { testSsccAllocator } from './testing/sscc-blocks';

/**
 * A label cut off mid-send by a crash may have printed: after the restart it is not sent again by
 * itself, it waits (unconfirmed) for the packer to say whether it printed, and its record says so:
 * the attempt counted, and the job marked as possibly printed.
 */
const children = new Set<ChildProcess>();
let printer: VirtualPrinter | undefined;
afterEach(async () => {
  for (const c of children) c.kill('SIGKILL');
  children.clear();
  await printer?.close();
});

/** The station's print queue in its own process, reporting each job update. */
function startQueue(dataDir: string, printerId: string, jobId?: string) {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(import.meta.dirname, 'testing/print-crash-child.ts'),
      dataDir,
      String(printer!.port),
      printerId,
      ...(jobId ? [jobId] : []),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.add(child);
  const updates: PrintJob[] = [];
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    const lines = out.split('\n');
    out = lines.pop()!;
    for (const line of lines) if (line.startsWith('job ')) updates.push(JSON.parse(line.slice(4)) as PrintJob);
  });
  return {
    updates,
    stderr: () => err,
    /** kill -9: the send on the wire never finishes, nothing gets to clean up. */
    killHard: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
        children.delete(child);
      }),
  };
}

describe('print attempts across a crash', () => {
  it(
    'a label cut off mid-send by kill -9 waits after the restart for the packer to say whether it printed, and prints again only when asked',
    { timeout: 300_000 },
    async () => {
      printer = await startVirtualPrinter({ mode: 'stall' });
      const dataDir = await tempDataDir();
      const printerId = randomUUID();
      const jobId = randomUUID();

      // The printer stops reading mid-job; the station is killed while its send hangs there.
      const first = startQueue(dataDir, printerId, jobId);
      await printer.waitForStalls(1, 120_000);
      await first.killHard();

      // The restarted station makes every unsent job due at once, but not this one: it may have printed.
      printer.setMode('accept');
      const second = startQueue(dataDir, printerId);
      await expect.poll(() => second.updates.find((j) => j.id === jobId), { timeout: 60_000 }).toBeDefined();
      expect(second.updates.find((j) => j.id === jobId)).toMatchObject({
        state: 'unconfirmed',
        attempts: 1,
        attemptStartedAt: null,
        nextAttemptAt: null,
        mayHavePrinted: true,
        unsureCause: 'station-stopped',
        lastError: 'The station stopped while sending this label, so it may have printed',
        lastErrorDetail: expect.stringMatching(/cut off by a station restart/),
      });
      await new Promise((r) => setTimeout(r, 1500));
      expect(printer.connections).toBe(1);
      expect(printer.jobs).toHaveLength(0);
      await second.killHard();

      // The record on disk says the same: one attempt, marked, waiting.
      const store = await JobStore.open(dataDir);
      expect(store.get(jobId)!.job).toMatchObject({ state: 'unconfirmed', attempts: 1, mayHavePrinted: true, printAgainAt: null });
      await store.close();

      // The packer finds no label at the printer and answers "Print it again": sent once, and it prints.
      const settings = stationSettings([tcpPrinter(printer.port, { id: printerId })]);
      const print = await createPrintService({ dataDir, getSettings: () => settings, sscc: await testSsccAllocator(dataDir) });
      try {
        expect(await print.answerUnconfirmed(jobId, 'print-again')).toMatchObject({
          state: 'printed',
          attempts: 2,
          mayHavePrinted: true,
          printAgainAt: expect.any(String),
          duplicateVoidedAt: null,
        });
        const payload = printer.jobs[0]!;
        expect(printer.jobs).toHaveLength(1);
        expect(payload.toString('latin1')).toContain('Cut off mid-send');
        expect(payload.subarray(0, printer.stalled[0]!.length)).toEqual(printer.stalled[0]);
        // Two copies may exist if the cut-off one came out after all: the packer voids the extra one.
        expect(await print.voidDuplicate(jobId)).toMatchObject({ state: 'printed', duplicateVoidedAt: expect.any(String) });
      } finally {
        await print.close();
      }
    },
  );

  it('refuses to void a duplicate of, or print again, a label that was never cut off', async () => {
    printer = await startVirtualPrinter();
    const dataDir = await tempDataDir();
    const settings = stationSettings([tcpPrinter(printer.port)], {});
    const print = await createPrintService({ dataDir, getSettings: () => settings, sscc: await testSsccAllocator(dataDir) });
    try {
      const job = await print.print({ template: 'test-label', printerId: settings.printers[0]!.id, data: { message: 'once' } });
      expect(job).toMatchObject({ state: 'printed', attempts: 1, mayHavePrinted: false });
      await expect(print.voidDuplicate(job.id)).rejects.toMatchObject({ code: 'print_job_no_duplicate' });
      await expect(print.answerUnconfirmed(job.id, 'print-again')).rejects.toMatchObject({ code: 'print_job_not_unconfirmed' });
    } finally {
      await print.close();
    }
  });
});
