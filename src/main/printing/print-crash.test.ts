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
 * A label cut off mid-send by a crash is sent again after the restart (deliberately: a lost label
 * is worse than a duplicate), and its record says so: every attempt counted, and the job marked
 * as possibly printed, so the packer looks for the extra copy.
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
    'a label cut off mid-send by kill -9 is sent again after each restart, with every attempt on record and the job marked may-have-printed',
    { timeout: 300_000 },
    async () => {
      printer = await startVirtualPrinter({ mode: 'stall' });
      const dataDir = await tempDataDir();
      const printerId = randomUUID();
      const jobId = randomUUID();

      // The printer stops reading mid-job; the station is killed while its send hangs there. Twice.
      const first = startQueue(dataDir, printerId, jobId);
      await printer.waitForStalls(1, 120_000);
      await first.killHard();
      const second = startQueue(dataDir, printerId);
      await printer.waitForStalls(2, 120_000);
      await second.killHard();
      expect(printer.jobs).toHaveLength(0);

      // The printer is fine again: the restarted station sends the label a third time and it prints.
      printer.setMode('accept');
      const third = startQueue(dataDir, printerId);
      await printer.waitForJobs(1, 120_000);
      await expect.poll(() => third.updates.at(-1)?.state, { timeout: 60_000 }).toBe('printed');
      // The resend is the third attempt, counted as it starts, and the job already carries the mark.
      expect(third.updates[0]).toMatchObject({
        id: jobId,
        state: 'sending',
        attempts: 3,
        mayHavePrinted: true,
        lastError: expect.stringContaining('may have printed'),
      });
      await third.killHard();

      // The record on disk: three attempts, marked, printed; the printer captured the same bytes again.
      const store = await JobStore.open(dataDir);
      const job = store.get(jobId)!.job;
      await store.close();
      expect(job).toMatchObject({ state: 'printed', attempts: 3, mayHavePrinted: true, attemptStartedAt: null, duplicateVoidedAt: null });
      const payload = printer.jobs[0]!;
      expect(payload.toString('latin1')).toContain('Cut off mid-send');
      expect(payload.subarray(0, printer.stalled[0]!.length)).toEqual(printer.stalled[0]);
      expect(printer.stalled[1]).toEqual(printer.stalled[0]);

      // The packer found the extra copy and voids it: on record, and the label stays the job's.
      const settings = stationSettings([tcpPrinter(printer.port, { id: printerId })]);
      const print = await createPrintService({ dataDir, getSettings: () => settings, sscc: await testSsccAllocator(dataDir) });
      try {
        expect(await print.voidDuplicate(jobId)).toMatchObject({
          state: 'printed',
          mayHavePrinted: true,
          duplicateVoidedAt: expect.any(String),
        });
      } finally {
        await print.close();
      }
    },
  );

  it('refuses to void a duplicate of a label that was never cut off', async () => {
    printer = await startVirtualPrinter();
    const dataDir = await tempDataDir();
    const settings = stationSettings([tcpPrinter(printer.port)], {});
    const print = await createPrintService({ dataDir, getSettings: () => settings, sscc: await testSsccAllocator(dataDir) });
    try {
      const job = await print.print({ template: 'test-label', printerId: settings.printers[0]!.id, data: { message: 'once' } });
      expect(job).toMatchObject({ state: 'printed', attempts: 1, mayHavePrinted: false });
      await expect(print.voidDuplicate(job.id)).rejects.toMatchObject({ code: 'print_job_no_duplicate' });
    } finally {
      await print.close();
    }
  });
});
