import { randomUUID } from 'node:crypto';
import { appendFile, chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PrintJob } from '../../../shared/contract/printing';
import type { PrinterConfig } from '../../../shared/contract/settings';
import { printJob } from '../../../shared/contract/testing/print-job';
import { stationSettings, tcpPrinter, tempDataDir } from '../testing/fixtures';
import { startVirtualPrinter } from '../testing/virtual-printer';
import type { BeforeFirstByte, TransportOptions } from '../transport/send-to-printer';
import { JobStore } from './job-store';
import { PrintQueue } from './print-queue';

/**
 * A send cut off by a restart: whether it may have printed depends on whether it had reached the
 * printer. The restart is a second store and queue opened on the same data directory while the
 * first one's send hangs (every change is on disk before it counts, as after a kill -9).
 */
const open: PrintQueue[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((q) => q.close()));
});

const printer: PrinterConfig = tcpPrinter(9100, { id: randomUUID(), name: 'Zebra dock' });
const settings = stationSettings([printer]);
type Send = (p: PrinterConfig, payload: Uint8Array, beforeFirstByte: BeforeFirstByte) => Promise<void>;

const newJob = (): PrintJob => printJob({ printerId: printer.id, printerName: printer.name });

async function queueOn(dataDir: string, send: Send) {
  const store = await JobStore.open(dataDir);
  const queue = new PrintQueue({ store, getSettings: () => settings, send, backoff: { baseMs: 600_000, maxMs: 600_000 } });
  return { store, queue };
}

const source = (job: PrintJob) =>
  ({ request: { template: 'test-label', data: { message: 'hi' } }, context: { printedAt: job.createdAt } }) as const;

/** The job's records in the journal, in order: its state, and whether its send had reached the printer. */
async function journalOf(dataDir: string, jobId: string): Promise<[string, boolean][]> {
  const text = await readFile(join(dataDir, 'print-queue', 'jobs.jsonl'), 'utf8');
  return text
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { job: PrintJob }).job)
    .filter((j) => j.id === jobId)
    .map((j) => [j.state, j.attemptConnectedAt !== null]);
}

/** One job sent by a queue with the real transport to `to`. */
async function sendOnce(to: PrinterConfig, transport: TransportOptions = {}) {
  const dataDir = await tempDataDir();
  const store = await JobStore.open(dataDir);
  const queue = new PrintQueue({
    store,
    getSettings: () => stationSettings([to]),
    transport,
    backoff: { baseMs: 600_000, maxMs: 600_000 },
  });
  open.push(queue);
  const job = { ...newJob(), printerId: to.id, printerName: to.name };
  await store.add({ job, dpi: 203 }, source(job), Buffer.from('^XA^XZ'));
  return { dataDir, job: await queue.attempt(job.id) };
}

/** A station whose send of one label hangs where `hang` says; the restarted station's printer takes everything. */
async function cutOffAndRestart(hang: 'connecting' | 'writing') {
  const dataDir = await tempDataDir();
  const first = await queueOn(dataDir, async (_p, _b, beforeFirstByte) => {
    if (hang === 'writing') await beforeFirstByte();
    await new Promise(() => undefined); // the station dies here
  });
  const job = newJob();
  await first.store.add({ job, dpi: 203 }, source(job), Buffer.from('^XA^XZ'));
  void first.queue.attempt(job.id);
  const onDisk = hang === 'writing' ? (j: PrintJob) => j.attemptConnectedAt !== null : (j: PrintJob) => j.state === 'sending';
  await expect.poll(() => onDisk(first.store.get(job.id)!.job)).toBe(true);
  await first.store.close(); // what it wrote is on disk; its send never ends

  const sent: string[] = [];
  const second = await queueOn(dataDir, async (_p, payload, beforeFirstByte) => {
    await beforeFirstByte();
    sent.push(Buffer.from(payload).toString());
  });
  open.push(second.queue);
  await second.queue.recover();
  return { job: () => second.store.get(job.id)!.job, sent };
}

describe('a send cut off by a restart', () => {
  it('while still connecting wrote nothing: it is not asked about, it is sent again by itself', async () => {
    const after = await cutOffAndRestart('connecting');
    expect(after.job()).toMatchObject({ mayHavePrinted: false, attemptStartedAt: null, attemptConnectedAt: null });
    expect(after.job().state).not.toBe('unconfirmed');
    await expect.poll(() => after.job().state).toBe('printed');
    expect(after.job()).toMatchObject({ attempts: 2, mayHavePrinted: false, lastError: null });
    expect(after.sent).toEqual(['^XA^XZ']);
  });

  it('once it reached the printer may have printed: it waits for a person to say, and is not sent', async () => {
    const after = await cutOffAndRestart('writing');
    expect(after.job()).toMatchObject({
      state: 'unconfirmed',
      attempts: 1,
      mayHavePrinted: true,
      unsureCause: 'station-stopped',
      attemptStartedAt: null,
      attemptConnectedAt: null,
      nextAttemptAt: null,
      lastError: 'The station stopped while sending this label, so it may have printed',
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(after.sent).toEqual([]);
  });

  it('from before reaching the printer was recorded is as unsure as it was then: it waits for a person', async () => {
    const dataDir = await tempDataDir();
    const { attemptConnectedAt: _c, ...old } = {
      ...newJob(),
      state: 'sending' as const,
      attempts: 1,
      attemptStartedAt: new Date().toISOString(),
    };
    await (await JobStore.open(dataDir)).close();
    await appendFile(join(dataDir, 'print-queue', 'jobs.jsonl'), `${JSON.stringify({ seq: 1, job: old, dpi: 203 })}\n`);
    const sent: string[] = [];
    const restarted = await queueOn(dataDir, async () => void sent.push('sent'));
    open.push(restarted.queue);
    await restarted.queue.recover();
    expect(restarted.store.get(old.id)!.job).toMatchObject({ state: 'unconfirmed', mayHavePrinted: true, nextAttemptAt: null });
    await new Promise((r) => setTimeout(r, 200));
    expect(sent).toEqual([]);
  });
});

describe('reaching the printer', () => {
  it('is on disk before the first byte goes out over TCP, and never when the printer cannot be reached', async () => {
    const vp = await startVirtualPrinter();
    try {
      const sent = await sendOnce(tcpPrinter(vp.port));
      expect(sent.job.state).toBe('printed');
      expect(await journalOf(sent.dataDir, sent.job.id)).toEqual([
        ['queued', false],
        ['sending', false],
        ['sending', true],
        ['printed', false],
      ]);
    } finally {
      await vp.close();
    }
    const refused = await sendOnce(tcpPrinter(vp.port));
    expect(refused.job.state).toBe('retrying');
    expect(await journalOf(refused.dataDir, refused.job.id)).toEqual([
      ['queued', false],
      ['sending', false],
      ['retrying', false],
    ]);
  });

  it('is on disk before lp can spool the job (CUPS)', async () => {
    const dir = await tempDataDir();
    const lp = join(dir, 'lp');
    // The stand-in lp keeps the journal as it was when lp started.
    const dataDir = await tempDataDir();
    await writeFile(
      lp,
      `#!/bin/sh\ncp "${dataDir}/print-queue/jobs.jsonl" "${dir}/journal"\ncat > /dev/null\necho "request id is Zebra_1-42 (1 file(s))"\n`,
    );
    await chmod(lp, 0o755);
    const cups: PrinterConfig = { ...printer, id: randomUUID(), connection: { kind: 'cups', queue: 'Zebra_1' } };
    const store = await JobStore.open(dataDir);
    const queue = new PrintQueue({ store, getSettings: () => stationSettings([cups]), transport: { cups: { lpCommand: lp } } });
    open.push(queue);
    const job = { ...newJob(), printerId: cups.id };
    await store.add({ job, dpi: 203 }, source(job), Buffer.from('^XA^XZ'));
    expect((await queue.attempt(job.id)).state).toBe('printed');
    const atLp = (await readFile(join(dir, 'journal'), 'utf8')).trim().split('\n');
    expect((JSON.parse(atLp.at(-1)!) as { job: PrintJob }).job).toMatchObject({ state: 'sending', attemptConnectedAt: expect.any(String) });
  });
});
