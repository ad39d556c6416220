import { afterEach, describe, expect, it } from 'vitest';
import { HandlerError } from '../../shared/contract/dispatch';
import type { PrintJob } from '../../shared/contract/printing';
import { buildSscc, isValidGs1Number } from '../../shared/domain/gs1';
import { shippingData, stationSettings, tcpPrinter, tempDataDir } from './testing/fixtures';
import { printServiceHarness } from './testing/print-service-harness';

const harness = printServiceHarness();
afterEach(() => harness.cleanUp());
const { printer, service } = harness;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A carrier's ZPL label of 10 MB: more than a connection's buffers hold, so a printer that drops or stalls does so before every byte is out. */
const BIG_LABEL = Buffer.concat([Buffer.from('^XA^FO50,50^FDbig^FS'), Buffer.alloc(10_000_000, 0x20), Buffer.from('^XZ\n')]);
/** A printer that takes it needs more than a moment to read it all before it confirms. */
const BIG_LABEL_TCP = { tcp: { connectTimeoutMs: 1000, idleTimeoutMs: 1000, closeTimeoutMs: 20_000 } };
const bigCarrierLabel = () =>
  ({ template: 'carrier-label', data: { format: 'zpl', contentBase64: BIG_LABEL.toString('base64'), orderNumber: 'DS-BIG' } }) as const;

async function expectHandlerError(promise: Promise<unknown>, code: string, status: number): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HandlerError);
  expect((error as HandlerError).code).toBe(code);
  expect((error as HandlerError).status).toBe(status);
}

describe('print service over raw TCP', () => {
  it('prints a ZPL shipping label with an allocated SSCC as GS1-128', async () => {
    const vp = await printer();
    const zebra = tcpPrinter(vp.port);
    const s = await service(await tempDataDir(), stationSettings([zebra], { 'shipping-label': zebra.id }));

    const job = await s.print({ template: 'shipping-label', data: shippingData() });

    expect(job.state).toBe('printed');
    expect(job.attempts).toBe(1);
    expect(job.format).toBe('zpl');
    expect(job.sscc).toBe(buildSscc(3, '0614141', 1));
    const [bytes] = await vp.waitForJobs(1);
    const zpl = bytes!.toString('utf8');
    expect(zpl.startsWith('^XA^CI28^PW812^LL1218')).toBe(true);
    // GS1-128: start C, FNC1, AI 00 and the SSCC.
    expect(zpl).toContain(`^FH_^FD>;>800${job.sscc}^FS`);
    expect(zpl).toContain('^FH_^FD>:DS-20250314-00042^FS');
    expect(zpl).toContain('^FH_^FD>:1Z999AA10123456784^FS');
  });

  it('allocates a new SSCC serial per label, persisted across a restart', async () => {
    const vp = await printer();
    const zebra = tcpPrinter(vp.port);
    const settings = stationSettings([zebra], { 'shipping-label': zebra.id });
    const dataDir = await tempDataDir();
    const first = await service(dataDir, settings);
    const a = await first.print({ template: 'shipping-label', data: shippingData() });
    const b = await first.print({ template: 'shipping-label', data: shippingData() });
    await first.close();
    const second = await service(dataDir, settings);
    const c = await second.print({ template: 'shipping-label', data: shippingData() });

    const ssccs = [a.sscc, b.sscc, c.sscc];
    expect(ssccs).toEqual([1, 2, 3].map((n) => buildSscc(3, '0614141', n)));
    for (const sscc of ssccs) expect(isValidGs1Number(sscc!)).toBe(true);
  });

  it('uses an SSCC the carton already has instead of allocating one', async () => {
    const vp = await printer();
    const zebra = tcpPrinter(vp.port);
    const s = await service(await tempDataDir(), stationSettings([zebra], { 'shipping-label': zebra.id }));
    const existing = buildSscc(3, '0614141', 777);
    const job = await s.print({ template: 'shipping-label', data: shippingData({ sscc: existing }) });
    expect(job.sscc).toBe(existing);
    await expectHandlerError(
      s.print({ template: 'shipping-label', data: shippingData({ sscc: `${existing.slice(0, 17)}${(Number(existing[17]) + 1) % 10}` }) }),
      'invalid_sscc',
      400,
    );
  });

  it('prints the test label to the printer it names', async () => {
    const vp = await printer();
    const zebra = tcpPrinter(vp.port, { dpi: 300 });
    const s = await service(await tempDataDir(), stationSettings([zebra]));
    const job = await s.print({ template: 'test-label', data: { message: 'Check ^ and ~ and _' }, printerId: zebra.id });
    expect(job.state).toBe('printed');
    expect(job.sscc).toBeNull();
    const zpl = (await vp.waitForJobs(1))[0]!.toString('utf8');
    expect(zpl).toContain('^PW1200^LL1800');
    // Label data cannot inject ZPL commands.
    expect(zpl).toContain('^FDCheck _5E and _7E and _5F^FS');
  });

  it('asks whether a label the printer took whole but never confirmed printed, and never sends it again by itself', async () => {
    const vp = await printer('silent');
    const zebra = tcpPrinter(vp.port);
    const s = await service(await tempDataDir(), stationSettings([zebra], { 'shipping-label': zebra.id }));

    // It printed (the printer has it), but the station cannot know: it waits for the packer, with no next try.
    const job = await s.print({ template: 'shipping-label', data: shippingData() });
    await vp.waitForJobs(1);
    expect(job).toMatchObject({
      state: 'unconfirmed',
      attempts: 1,
      mayHavePrinted: true,
      unsureCause: 'printer-silent',
      printAgainAt: null,
      nextAttemptAt: null,
      lastError: expect.stringMatching(/did not confirm the label after all of it was sent, so it may have printed$/),
    });
    // Retry now and Reprint on the same printer are not the answer: refused, nothing sent.
    await expectHandlerError(s.retryNow(job.id), 'print_job_unconfirmed', 409);
    await expectHandlerError(s.reprint(job.id), 'print_job_unconfirmed', 409);

    // "It printed": settled as printed with no further bytes; one copy, so no extra one to look for.
    vp.setMode('accept');
    const settled = await s.answerUnconfirmed(job.id, 'printed');
    expect(settled).toMatchObject({ state: 'printed', attempts: 1, printedAt: expect.any(String), lastError: null, printAgainAt: null });
    expect(await s.answerUnconfirmed(job.id, 'printed')).toEqual(settled);
    await expectHandlerError(s.answerUnconfirmed(job.id, 'print-again'), 'print_job_not_unconfirmed', 409);
    await expectHandlerError(s.voidDuplicate(job.id), 'print_job_no_duplicate', 409);
    await sleep(300);
    expect(vp.connections).toBe(1);
    expect(vp.jobs).toHaveLength(1);
  });

  it('prints a label once on a printer that resets every connection, with the retry timer running, until the packer answers', async () => {
    const vp = await printer('reset-after-job');
    const zebra = tcpPrinter(vp.port);
    const s = await service(await tempDataDir(), stationSettings([zebra], { 'shipping-label': zebra.id }), {
      backoff: { baseMs: 20, maxMs: 50 },
    });

    // It did print (the printer has it), but a reset after the last byte cannot say so.
    const job = await s.print({ template: 'shipping-label', data: shippingData() });
    expect(job).toMatchObject({
      state: 'unconfirmed',
      attempts: 1,
      mayHavePrinted: true,
      unsureCause: 'printer-silent',
      nextAttemptAt: null,
      lastError: expect.stringMatching(/cut the connection after all of it was sent, so it may have printed$/),
      lastErrorDetail: expect.stringMatching(/while closing/),
    });
    // Dozens of backoff periods later: still the one copy, and the job still waits for the answer.
    await sleep(1500);
    expect(vp.connections).toBe(1);
    expect(vp.jobs).toHaveLength(1);
    expect(s.get(job.id)).toMatchObject({ state: 'unconfirmed', attempts: 1 });

    // "Print it again": exactly one more send. It resets the same way, so the packer is asked again.
    const again = await s.answerUnconfirmed(job.id, 'print-again');
    expect(again).toMatchObject({ state: 'unconfirmed', attempts: 2, printAgainAt: expect.any(String), duplicateVoidedAt: null });
    await sleep(1500);
    expect(vp.connections).toBe(2);
    const [first, second] = await vp.waitForJobs(2);
    expect(second!.equals(first!)).toBe(true);

    // "It printed": two copies with one SSCC may be out, so the queue asks for the extra one to be voided.
    const printed = await s.answerUnconfirmed(job.id, 'printed');
    expect(printed).toMatchObject({ state: 'printed', attempts: 2, mayHavePrinted: true, printAgainAt: again.printAgainAt });
    expect((await s.voidDuplicate(job.id)).duplicateVoidedAt).not.toBeNull();
    await sleep(300);
    expect(vp.connections).toBe(2);
  });

  it('"Print it again" sends a label that may have printed exactly once more', async () => {
    const vp = await printer('reset-after-job');
    const zebra = tcpPrinter(vp.port);
    const s = await service(await tempDataDir(), stationSettings([zebra], { 'shipping-label': zebra.id }), {
      backoff: { baseMs: 20, maxMs: 50 },
    });
    const job = await s.print({ template: 'shipping-label', data: shippingData() });
    expect(job.state).toBe('unconfirmed');

    vp.setMode('accept');
    const printed = await s.answerUnconfirmed(job.id, 'print-again');
    expect(printed).toMatchObject({ state: 'printed', attempts: 2, mayHavePrinted: true, printAgainAt: expect.any(String) });
    await sleep(500);
    expect(vp.connections).toBe(2);
    expect((await vp.waitForJobs(2)).map((b) => b.toString('utf8').includes(`>;>800${job.sscc}`))).toEqual([true, true]);
    // Two copies may exist: the packer keeps one and records the other void.
    await expectHandlerError(s.answerUnconfirmed(job.id, 'print-again'), 'print_job_not_unconfirmed', 409);
    expect((await s.voidDuplicate(job.id)).duplicateVoidedAt).not.toBeNull();
  });

  it('keeps a label that may have printed waiting for the answer across a restart of the print service', async () => {
    const vp = await printer('reset-after-job');
    const zebra = tcpPrinter(vp.port);
    const settings = stationSettings([zebra], { 'shipping-label': zebra.id });
    const dataDir = await tempDataDir();
    const first = await service(dataDir, settings, { backoff: { baseMs: 20, maxMs: 50 } });
    const job = await first.print({ template: 'shipping-label', data: shippingData() });
    expect(job.state).toBe('unconfirmed');
    await first.close();

    // A restart makes every unsent job due at once: not this one.
    const second = await service(dataDir, settings, { backoff: { baseMs: 20, maxMs: 50 } });
    await sleep(1000);
    expect(vp.connections).toBe(1);
    expect(second.listJobs().find((j) => j.id === job.id)).toMatchObject({ state: 'unconfirmed', attempts: 1, mayHavePrinted: true });

    vp.setMode('accept');
    expect(await second.answerUnconfirmed(job.id, 'print-again')).toMatchObject({ state: 'printed', attempts: 2 });
    expect(vp.connections).toBe(2);
  });

  it('moves a label that may have printed to another printer as "print it again": the copy knows two may exist', async () => {
    const resetting = await printer('reset-after-job');
    const spare = await printer();
    const zebra = tcpPrinter(resetting.port);
    const other = { ...tcpPrinter(spare.port), id: crypto.randomUUID(), name: 'Zebra 2' };
    const s = await service(await tempDataDir(), stationSettings([zebra, other], { 'shipping-label': zebra.id }));
    const job = await s.print({ template: 'shipping-label', data: shippingData() });
    expect(job.state).toBe('unconfirmed');

    const moved = await s.reprint(job.id, other.id);
    expect(moved).toMatchObject({
      state: 'printed',
      printerId: other.id,
      sscc: job.sscc,
      mayHavePrinted: true,
      printAgainAt: expect.any(String),
    });
    expect(s.get(job.id)).toMatchObject({ state: 'voided', lastError: 'moved to Zebra 2' });
    expect((await s.voidDuplicate(moved.id)).duplicateVoidedAt).not.toBeNull();
    expect(resetting.connections).toBe(1);
  });

  it('does not mark a label the printer refused as may-have-printed', async () => {
    const vp = await printer('refuse');
    const zebra = tcpPrinter(vp.port);
    const s = await service(await tempDataDir(), stationSettings([zebra], { 'shipping-label': zebra.id }));
    expect(await s.print({ template: 'shipping-label', data: shippingData() })).toMatchObject({
      state: 'retrying',
      mayHavePrinted: false,
      // What the queue shows, in words; the technical account is kept beside it for support.
      lastError: expect.stringMatching(new RegExp(`^The printer at 127\\.0\\.0\\.1:${vp.port} .+: check `)),
      lastErrorDetail: expect.stringMatching(new RegExp(`^E[A-Z]+ .*127\\.0\\.0\\.1:${vp.port}`)),
    });
  });

  for (const mode of ['refuse', 'drop', 'stall'] as const) {
    it(`keeps the job waiting when the printer ${mode}s, and prints it once the printer is back`, async () => {
      const vp = await printer(mode);
      const zebra = tcpPrinter(vp.port);
      const s = await service(await tempDataDir(), stationSettings([zebra], { 'shipping-label': zebra.id }), { transport: BIG_LABEL_TCP });

      // Too big for the connection's buffers: the printer drops or stalls before every byte is out.
      const job = await s.print(bigCarrierLabel());
      expect(job).toMatchObject({ state: 'retrying', attempts: 1, mayHavePrinted: false });
      expect(job.lastError).toMatch(/printer/);
      expect(job.nextAttemptAt).not.toBeNull();
      expect((await s.listJobs()).map((j) => [j.id, j.state])).toEqual([[job.id, 'retrying']]);
      expect(vp.jobs).toHaveLength(0);

      vp.setMode('accept');
      const retried = await s.retryNow(job.id);
      expect([retried.state, retried.lastErrorDetail]).toEqual(['printed', null]);
      expect(retried.attempts).toBe(2);
      expect(retried.lastError).toBeNull();
      const received = await vp.waitForJobs(1);
      expect(received[0]!.equals(BIG_LABEL)).toBe(true);
    });

    it(`retries by itself with backoff when the printer ${mode}s before taking every byte, until it takes the job`, async () => {
      const vp = await printer(mode);
      const zebra = tcpPrinter(vp.port);
      const s = await service(await tempDataDir(), stationSettings([zebra], { 'shipping-label': zebra.id }), {
        backoff: { baseMs: 20, maxMs: 50 },
        transport: BIG_LABEL_TCP,
      });
      const updates: PrintJob[] = [];
      s.onJobUpdated((j) => updates.push(j));

      const job = await s.print(mode === 'refuse' ? { template: 'shipping-label', data: shippingData() } : bigCarrierLabel());
      expect(job).toMatchObject({ state: 'retrying', mayHavePrinted: false });
      await expect.poll(() => s.get(job.id).attempts, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
      expect(updates.some((u) => u.state === 'unconfirmed')).toBe(false);
      const printed = new Promise<PrintJob>((resolve) => s.onJobUpdated((j) => j.id === job.id && j.state === 'printed' && resolve(j)));
      vp.setMode('accept');
      const done = await printed;
      expect(done.attempts).toBeGreaterThan(2);
      expect(vp.jobs).toHaveLength(1);
      expect(updates.map((u) => u.state)).toContain('sending');
    });
  }

  it('keeps unsent jobs across a restart and sends them when it comes back', async () => {
    const vp = await printer('refuse');
    const zebra = tcpPrinter(vp.port);
    const settings = stationSettings([zebra], { 'shipping-label': zebra.id });
    const dataDir = await tempDataDir();
    const first = await service(dataDir, settings);
    const a = await first.print({ template: 'shipping-label', data: shippingData({ orderNumber: 'DS-1' }) });
    const b = await first.print({ template: 'shipping-label', data: shippingData({ orderNumber: 'DS-2' }) });
    await first.close();

    vp.setMode('accept');
    const second = await service(dataDir, settings, { backoff: { baseMs: 20, maxMs: 50 } });
    const received = await vp.waitForJobs(2);
    const texts = received.map((r) => r.toString('utf8'));
    expect(texts.some((t) => t.includes('>:DS-1^FS'))).toBe(true);
    expect(texts.some((t) => t.includes('>:DS-2^FS'))).toBe(true);
    await expect
      .poll(async () =>
        (await second.listJobs())
          .filter((j) => j.state === 'printed')
          .map((j) => j.id)
          .sort(),
      )
      .toEqual([a.id, b.id].sort());
  });

  it('reprints the same label (same bytes, same SSCC) and refuses to reprint a voided one', async () => {
    const vp = await printer();
    const zebra = tcpPrinter(vp.port);
    const s = await service(await tempDataDir(), stationSettings([zebra], { 'shipping-label': zebra.id }));
    const job = await s.print({ template: 'shipping-label', data: shippingData() });
    const again = await s.reprint(job.id);
    expect(again.id).not.toBe(job.id);
    expect(again.reprintOf).toBe(job.id);
    expect(again.sscc).toBe(job.sscc);
    expect(again.state).toBe('printed');
    const [first, second] = await vp.waitForJobs(2);
    expect(second!.equals(first!)).toBe(true);

    const voided = await s.void(job.id);
    expect(voided.state).toBe('voided');
    expect(voided.printedAt).not.toBeNull();
    await expectHandlerError(s.reprint(job.id), 'print_job_voided', 409);
    await expectHandlerError(s.retryNow(job.id), 'print_job_voided', 409);
  });

  it('moves a label waiting for a dead printer to another one: same SSCC, the original never prints', async () => {
    const dead = await printer('refuse');
    const spare = await printer();
    const zebra = tcpPrinter(dead.port);
    const other = { ...tcpPrinter(spare.port), id: crypto.randomUUID(), name: 'Zebra 2' };
    const s = await service(await tempDataDir(), stationSettings([zebra, other], { 'shipping-label': zebra.id }));
    const job = await s.print({ template: 'shipping-label', data: shippingData() });
    expect(job.state).toBe('retrying');
    const moved = await s.reprint(job.id, other.id);
    expect(moved).toMatchObject({ state: 'printed', printerId: other.id, reprintOf: job.id, sscc: job.sscc });
    expect((await s.listJobs()).find((j) => j.id === job.id)).toMatchObject({ state: 'voided', lastError: 'moved to Zebra 2' });
    const [label] = await spare.waitForJobs(1);
    expect(label!.toString('utf8')).toContain(job.sscc!.slice(2));
    // The first printer comes back: the moved label does not print a second time there.
    dead.setMode('accept');
    await s.print({ template: 'test-label', data: { message: 'after move' }, printerId: zebra.id });
    const received = await dead.waitForJobs(1);
    expect(received.map((r) => r.toString('utf8').includes('after move'))).toEqual([true]);
    await expectHandlerError(s.reprint(moved.id, crypto.randomUUID()), 'unknown_printer', 404);
  });

  it('voiding a waiting job stops it from printing', async () => {
    const vp = await printer('refuse');
    const zebra = tcpPrinter(vp.port);
    const s = await service(await tempDataDir(), stationSettings([zebra], { 'shipping-label': zebra.id }));
    const job = await s.print({ template: 'shipping-label', data: shippingData() });
    const voided = await s.void(job.id);
    expect(voided.state).toBe('voided');
    expect(voided.nextAttemptAt).toBeNull();
    vp.setMode('accept');
    // A job that does print on this printer proves the voided one was skipped, not just slow.
    await s.print({ template: 'test-label', data: { message: 'after void' }, printerId: zebra.id });
    const received = await vp.waitForJobs(1);
    expect(received).toHaveLength(1);
    expect(received[0]!.toString('utf8')).toContain('after void');
    expect((await s.listJobs()).find((j) => j.id === job.id)?.state).toBe('voided');
  });

  it('answers packer errors as HandlerErrors', async () => {
    const s = await service(await tempDataDir(), stationSettings([]));
    await expectHandlerError(s.print({ template: 'shipping-label', data: shippingData() }), 'no_printer_for_template', 409);
    await expectHandlerError(s.reprint('00000000-0000-4000-8000-000000000000'), 'print_job_not_found', 404);
    await expectHandlerError(s.void('00000000-0000-4000-8000-000000000000'), 'print_job_not_found', 404);
    await expectHandlerError(s.retryNow('00000000-0000-4000-8000-000000000000'), 'print_job_not_found', 404);
    await expectHandlerError(
      s.print({ template: 'test-label', data: { message: 'x' }, printerId: '00000000-0000-4000-8000-000000000001' }),
      'printer_not_found',
      409,
    );
  });

  it('treats a resent request with the same job id as the same job', async () => {
    const vp = await printer();
    const zebra = tcpPrinter(vp.port);
    const s = await service(await tempDataDir(), stationSettings([zebra], { 'shipping-label': zebra.id }));
    const jobId = '7d5b3f0e-8f54-4c2a-9a63-2f0f3d6c9b11';
    const a = await s.print({ template: 'shipping-label', data: shippingData(), jobId });
    const b = await s.print({ template: 'shipping-label', data: shippingData(), jobId });
    expect(b.id).toBe(a.id);
    expect(b.sscc).toBe(a.sscc);
    expect(await s.listJobs()).toHaveLength(1);
  });
});
