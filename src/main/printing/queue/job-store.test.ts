import { appendFile, readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PrintJob } from '../../../shared/contract/printing';
import { tempDataDir } from '../testing/fixtures';
import { JobStore, type JobSource } from './job-store';

function job(overrides: Partial<PrintJob> = {}): PrintJob {
  return {
    id: randomUUID(), template: 'test-label', printerId: randomUUID(), printerName: 'P', format: 'zpl', state: 'queued', attempts: 0, lastError: null,
    sscc: null, reference: null, reprintOf: null, createdAt: new Date().toISOString(), printedAt: null, nextAttemptAt: null, title: 'Test', voidedAt: null, purpose: null, purposeRecordedAt: null, ...overrides,
  };
}

const source: JobSource = { request: { template: 'test-label', data: { message: 'hi' } }, context: { printedAt: '2025-01-01T00:00:00.000Z' } };

describe('job store', () => {
  it('replays the journal after a restart: latest state of each job, bytes and source beside it', async () => {
    const dataDir = await tempDataDir();
    const store = await JobStore.open(dataDir);
    const a = job();
    const b = job();
    await store.add({ job: a, dpi: 203 }, source, Buffer.from('^XA a ^XZ'));
    await store.add({ job: b, dpi: 300 }, source, Buffer.from('^XA b ^XZ'));
    await store.update({ ...a, state: 'retrying', attempts: 1, lastError: 'refused' });
    await store.update({ ...b, state: 'printed', attempts: 1 });
    await store.close();

    const reopened = await JobStore.open(dataDir);
    expect(reopened.list(10).map((j) => [j.id, j.state, j.attempts])).toEqual([[b.id, 'printed', 1], [a.id, 'retrying', 1]]);
    expect(reopened.get(b.id)?.dpi).toBe(300);
    expect((await reopened.readPayload(a.id)).toString()).toBe('^XA a ^XZ');
    expect(await reopened.readSource(a.id)).toEqual(source);
    await reopened.close();
  });

  it('ignores a record torn by a crash mid-append', async () => {
    const dataDir = await tempDataDir();
    const store = await JobStore.open(dataDir);
    const a = job();
    await store.add({ job: a, dpi: 203 }, source, Buffer.from('x'));
    await store.close();
    await appendFile(join(dataDir, 'print-queue', 'jobs.jsonl'), '{"seq":2,"job":{"id":"');
    const reopened = await JobStore.open(dataDir);
    expect(reopened.list(10).map((j) => j.id)).toEqual([a.id]);
    // Reopening compacted the journal: the torn line is gone.
    expect((await readFile(join(dataDir, 'print-queue', 'jobs.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(1);
    await reopened.close();
  });

  it('appends one line per change instead of rewriting the queue', async () => {
    const dataDir = await tempDataDir();
    const store = await JobStore.open(dataDir);
    const a = job();
    await store.add({ job: a, dpi: 203 }, source, Buffer.from('x'));
    await store.update({ ...a, state: 'sending' });
    await store.update({ ...a, state: 'printed' });
    const lines = (await readFile(join(dataDir, 'print-queue', 'jobs.jsonl'), 'utf8')).trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { job: PrintJob }).job.state)).toEqual(['queued', 'sending', 'printed']);
    await store.close();
  });
});
