import { createPrintService } from '../print-service';
import { stationSettings, tcpPrinter } from './fixtures';
import { testSsccAllocator } from './sscc-blocks';

/**
 * Run as a child process by print-crash.test.ts, which kills it with SIGKILL mid-send: a station's
 * print queue on `dataDir` with one TCP printer. With a job id it prints a test label under that
 * id; either way it reports the jobs it starts with and every job update as a line `job <json>`, then runs until killed.
 */
const [dataDir, port, printerId, jobId] = process.argv.slice(2);
const settings = stationSettings([tcpPrinter(Number(port), { id: printerId })], { 'test-label': printerId });
// Long timeouts: on a loaded machine the kill must land while the printer stalls, not after a timeout.
const print = await createPrintService({
  dataDir: dataDir!,
  getSettings: () => settings,
  sscc: await testSsccAllocator(dataDir!),
  transport: { tcp: { idleTimeoutMs: 120_000, closeTimeoutMs: 120_000 } },
  firstAttemptWaitMs: 0,
});
print.onJobUpdated((job) => process.stdout.write(`job ${JSON.stringify(job)}\n`));
// The jobs as the restart left them (recover() saved them before anyone listened).
for (const job of print.listJobs()) process.stdout.write(`job ${JSON.stringify(job)}\n`);
process.stdout.write('ready\n');
if (jobId) void print.print({ template: 'test-label', jobId, data: { message: 'Cut off mid-send' } });
setInterval(() => undefined, 60_000);
