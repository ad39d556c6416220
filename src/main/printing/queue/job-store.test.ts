import { appendFile, readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PrintJob } from '../../../shared/contract/printing';
import { printJob as job } from '../../../shared/contract/testing/print-job';
import { tempDataDir } from '../testing/fixtures';
import { JobStore, type JobSource } from './job-store';

const shipPurpose = (packageId = randomUUID()) => ({
  kind: 'ship-package' as const,
  fulfillmentOrderId: randomUUID(),
  orderId: randomUUID(),
  packageId,
  actor: { kind: 'station' as const, id: randomUUID() },
});

const source: JobSource = {
  request: { template: 'test-label', data: { message: 'hi' } },
  context: { printedAt: '2025-01-01T00:00:00.000Z' },
};

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
    expect(reopened.list(10).map((j) => [j.id, j.state, j.attempts])).toEqual([
      [b.id, 'printed', 1],
      [a.id, 'retrying', 1],
    ]);
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

  it('keeps what a job is for, and whether that was recorded, across a restart', async () => {
    const dataDir = await tempDataDir();
    const store = await JobStore.open(dataDir);
    const purpose = shipPurpose();
    const label = job({ template: 'shipping-label', purpose });
    await store.add({ job: label, dpi: 203 }, source, Buffer.from('x'));
    await store.update({ ...label, state: 'printed' });
    await store.close();

    const reopened = await JobStore.open(dataDir);
    expect(reopened.get(label.id)?.job).toMatchObject({ state: 'printed', purpose, purposeRecordedAt: null });
    expect(reopened.forPurpose(purpose)?.job.id).toBe(label.id);
    const recordedAt = new Date().toISOString();
    await reopened.update({ ...reopened.get(label.id)!.job, purposeRecordedAt: recordedAt });
    await reopened.close();
    expect((await JobStore.open(dataDir)).get(label.id)?.job.purposeRecordedAt).toBe(recordedAt);
  });

  it('reads journal records written before jobs had a purpose as having none', async () => {
    const dataDir = await tempDataDir();
    const store = await JobStore.open(dataDir);
    await store.close();
    const { purpose: _p, purposeRecordedAt: _r, ...old } = job({ state: 'printed' });
    await appendFile(join(dataDir, 'print-queue', 'jobs.jsonl'), `${JSON.stringify({ seq: 1, job: old, dpi: 203 })}\n`);
    const reopened = await JobStore.open(dataDir);
    expect(reopened.get(old.id)?.job).toMatchObject({ purpose: null, purposeRecordedAt: null });
    await reopened.close();
  });

  it('reads unsure sends from before they waited for an answer: one still to be resent now waits, one printed since may have come out twice', async () => {
    const dataDir = await tempDataDir();
    const store = await JobStore.open(dataDir);
    await store.close();
    const printedAt = '2025-01-01T00:05:00.000Z';
    const old = (j: PrintJob) => {
      const { printAgainAt: _a, ...rest } = j;
      return rest;
    };
    const resending = old(job({ state: 'retrying', attempts: 1, mayHavePrinted: true, nextAttemptAt: printedAt }));
    const printedTwice = old(job({ state: 'printed', attempts: 2, mayHavePrinted: true, printedAt }));
    const plain = old(job({ state: 'retrying', attempts: 1, nextAttemptAt: printedAt }));
    const lines = [resending, printedTwice, plain].map((j, i) => JSON.stringify({ seq: i + 1, job: j, dpi: 203 }));
    await appendFile(join(dataDir, 'print-queue', 'jobs.jsonl'), `${lines.join('\n')}\n`);
    const reopened = await JobStore.open(dataDir);
    expect(reopened.get(resending.id)?.job).toMatchObject({ state: 'unconfirmed', nextAttemptAt: null, printAgainAt: null });
    expect(reopened.get(printedTwice.id)?.job).toMatchObject({ state: 'printed', printAgainAt: printedAt, duplicateVoidedAt: null });
    expect(reopened.get(plain.id)?.job).toMatchObject({ state: 'retrying', nextAttemptAt: printedAt, printAgainAt: null });
    await reopened.close();
  });

  it('reads unsure sends from before their cause was kept: a restart mid-send from the words the station said, any other the printer not confirming', async () => {
    const dataDir = await tempDataDir();
    await (await JobStore.open(dataDir)).close();
    const old = (j: PrintJob) => {
      const { unsureCause: _u, ...rest } = j;
      return rest;
    };
    const unsure = { state: 'unconfirmed' as const, attempts: 1, mayHavePrinted: true, printAgainAt: null };
    const restarted = old(job({ ...unsure, lastError: 'The station stopped while sending this label, so it may have printed' }));
    const silent = old(job({ ...unsure, lastError: 'Zebra 1 did not confirm the label after all of it was sent, so it may have printed' }));
    const plain = old(job({ state: 'printed', attempts: 1 }));
    const lines = [restarted, silent, plain].map((j, i) => JSON.stringify({ seq: i + 1, job: j, dpi: 203 }));
    await appendFile(join(dataDir, 'print-queue', 'jobs.jsonl'), `${lines.join('\n')}\n`);
    const reopened = await JobStore.open(dataDir);
    expect(reopened.get(restarted.id)?.job.unsureCause).toBe('station-stopped');
    expect(reopened.get(silent.id)?.job.unsureCause).toBe('printer-silent');
    expect(reopened.get(plain.id)?.job.unsureCause).toBeNull();
    await reopened.close();
  });

  it('reads records from before connecting and answers were kept: a cut-off send stays unsure, nobody is known to have answered', async () => {
    const dataDir = await tempDataDir();
    const store = await JobStore.open(dataDir);
    const by = { id: randomUUID(), name: 'Sam Supervisor', role: 'supervisor' as const };
    const answered = { answer: 'printed' as const, by, at: '2025-01-01T06:12:00.000Z' };
    const kept = job({ state: 'printed', mayHavePrinted: true, answered });
    await store.add({ job: kept, dpi: 203 }, source, Buffer.from('x'));
    await store.close();
    const startedAt = '2025-01-01T00:05:00.000Z';
    const { attemptConnectedAt: _c, answered: _a, ...cutOff } = job({ state: 'sending', attempts: 1, attemptStartedAt: startedAt });
    const { attemptConnectedAt: _c2, answered: _a2, ...settled } = job({ state: 'printed', mayHavePrinted: true, attempts: 1 });
    const lines = [cutOff, settled].map((j, i) => JSON.stringify({ seq: i + 2, job: j, dpi: 203 }));
    await appendFile(join(dataDir, 'print-queue', 'jobs.jsonl'), `${lines.join('\n')}\n`);

    const reopened = await JobStore.open(dataDir);
    // Whether its bytes went out is not known: as unsure as before (recover() asks about it).
    expect(reopened.get(cutOff.id)?.job).toMatchObject({ state: 'sending', attemptStartedAt: startedAt, attemptConnectedAt: startedAt });
    expect(reopened.get(settled.id)?.job).toMatchObject({ attemptConnectedAt: null, answered: null });
    expect(reopened.get(kept.id)?.job.answered).toEqual(answered);
    await reopened.close();
  });

  it("finds a package's live label: a voided one no longer counts, a moved copy does", async () => {
    const dataDir = await tempDataDir();
    const store = await JobStore.open(dataDir);
    const purpose = shipPurpose();
    const original = job({ template: 'shipping-label', purpose });
    await store.add({ job: original, dpi: 203 }, source, Buffer.from('x'));
    expect(store.forPurpose({ ...purpose, packageId: randomUUID() })).toBeUndefined();
    expect(
      store.forPurpose({
        kind: 'package-slip',
        fulfillmentOrderId: purpose.fulfillmentOrderId,
        orderId: purpose.orderId,
        packageId: purpose.packageId,
      }),
    ).toBeUndefined();
    const copy = job({ template: 'shipping-label', purpose, reprintOf: original.id });
    await store.add({ job: copy, dpi: 203 }, source, Buffer.from('x'));
    await store.update({ ...original, state: 'voided' });
    expect(store.forPurpose(purpose)?.job.id).toBe(copy.id);
    await store.update({ ...copy, state: 'voided' });
    expect(store.forPurpose(purpose)).toBeUndefined();
    await store.close();
  });

  it("keeps a relabelled package's voided label as its label across a restart: Ship again gets no third SSCC", async () => {
    const dataDir = await tempDataDir();
    const store = await JobStore.open(dataDir);
    const purpose = shipPurpose();
    const label = job({ template: 'shipping-label', purpose, sscc: '006141410000001234' });
    await store.add({ job: label, dpi: 203 }, source, Buffer.from('x'));
    const relabelled = {
      previousSscc: '006141410000001234',
      sscc: '006141419000000777',
      by: 'Sam',
      stationName: 'Desk',
      at: label.createdAt,
    };
    await store.update({ ...label, state: 'voided', relabelled });
    await store.close();

    const reopened = await JobStore.open(dataDir);
    expect(reopened.get(label.id)?.job.relabelled).toEqual(relabelled);
    expect(reopened.forPurpose(purpose)?.job.id).toBe(label.id);
    await reopened.close();
  });

  it('never forgets a printed label whose package has not been recorded as shipped', async () => {
    const dataDir = await tempDataDir();
    const store = await JobStore.open(dataDir, { keepFinished: 1 });
    const unrecorded = job({ template: 'shipping-label', purpose: shipPurpose(), state: 'printed' });
    const recorded = job({
      template: 'shipping-label',
      purpose: shipPurpose(),
      state: 'printed',
      purposeRecordedAt: new Date().toISOString(),
    });
    const plain = [job({ state: 'printed' }), job({ state: 'printed' })];
    for (const j of [unrecorded, recorded, ...plain]) await store.add({ job: j, dpi: 203 }, source, Buffer.from('x'));
    await store.close();

    // Compaction on open keeps one finished job (the newest) plus the label still waiting to be recorded.
    const reopened = await JobStore.open(dataDir, { keepFinished: 1 });
    expect(
      reopened
        .all()
        .map((s) => s.job.id)
        .sort(),
    ).toEqual([unrecorded.id, plain[1]!.id].sort());
    await reopened.close();
  });
});
