import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../shared/contract/dispatch';
import type { PrintJob } from '../../shared/contract/index';
import { startVirtualPrinter, type VirtualPrinter } from '../printing/testing/virtual-printer';
import { tcpPrinter } from '../printing/testing/fixtures';
import { fileSecretStore } from './secret-store';
import { createStationServices, type StationServices } from './station-services';
import { writePeopleFile } from './testing/people-file';

/**
 * Roles at the station: every print job records who printed it, and a packer reprints or moves only
 * their own labels; a supervisor any. Through the station services' handlers, dispatched as both
 * transports do, each device with its own sign-in.
 */
const PRIYA = { id: crypto.randomUUID(), name: 'Priya Packer', role: 'packer', pin: '4825' } as const;
const PAT = { id: crypto.randomUUID(), name: 'Pat Packer', role: 'packer', pin: '5931' } as const;
const SAM = { id: crypto.randomUUID(), name: 'Sam Supervisor', role: 'supervisor', pin: '7391' } as const;
type Person = typeof PRIYA | typeof PAT | typeof SAM;
const DESK = crypto.randomUUID();
const HANDHELD = crypto.randomUUID();

const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

async function station(people: Person[]) {
  const dataDir = mkdtempSync(join(tmpdir(), 'dockside-reprint-access-'));
  writePeopleFile(dataDir, people);
  const zebra: VirtualPrinter = await startVirtualPrinter();
  const spare: VirtualPrinter = await startVirtualPrinter();
  running.push(zebra, spare);
  const printers = [tcpPrinter(zebra.port, { name: 'Zebra dock' }), tcpPrinter(spare.port, { name: 'Zebra spare' })];
  const services: StationServices = await createStationServices({
    dataDir,
    secrets: fileSecretStore(dataDir),
    initialSettings: { printers, routes: { 'test-label': printers[0]!.id } },
  });
  running.push(services);
  const call = <T>(name: string, arg: unknown, deviceId = DESK) => dispatch(services.handlers, name, arg, { deviceId }) as Promise<T>;
  const signIn = (p: Person, deviceId = DESK) => call('station.sign-in', { userId: p.id, pin: p.pin }, deviceId);
  const printLabel = (message: string, deviceId = DESK) =>
    call<PrintJob>('printing.print', { template: 'test-label', data: { message } }, deviceId);
  return { call, signIn, printLabel, printers, zebra, spare };
}

describe('who may reprint or move a label', () => {
  it("records who printed, and refuses a packer reprinting or moving another person's label", async () => {
    const s = await station([PRIYA, PAT, SAM]);
    await s.signIn(PRIYA);
    const mine = await s.printLabel('Priya 1');
    expect(mine.state).toBe('printed');
    expect(mine.printedBy).toEqual({ id: PRIYA.id, name: PRIYA.name, role: 'packer' });

    // Her own label: she reprints it, and the copy records her too.
    const again = await s.call<PrintJob>('printing.reprint', { jobId: mine.id });
    expect(again).toMatchObject({ reprintOf: mine.id, state: 'printed', printedBy: { id: PRIYA.id } });
    await s.zebra.waitForJobs(2);

    // Pat, on the handheld, may neither reprint it nor move it to the spare printer.
    await s.signIn(PAT, HANDHELD);
    for (const arg of [{ jobId: mine.id }, { jobId: mine.id, printerId: s.printers[1]!.id }]) {
      await expect(s.call('printing.reprint', arg, HANDHELD)).rejects.toMatchObject({
        code: 'print_job_not_yours',
        status: 403,
        message: expect.stringContaining('Priya Packer printed'),
      });
    }
    expect(s.zebra.jobs).toHaveLength(2);
    expect(s.spare.jobs).toHaveLength(0);
    expect(await s.call<PrintJob[]>('printing.list-jobs', {})).toHaveLength(2);

    // A supervisor reprints anyone's label; the copy is theirs.
    await s.signIn(SAM, HANDHELD);
    const bySupervisor = await s.call<PrintJob>('printing.reprint', { jobId: mine.id, printerId: s.printers[1]!.id }, HANDHELD);
    expect(bySupervisor).toMatchObject({ printerName: 'Zebra spare', printedBy: { id: SAM.id, role: 'supervisor' } });
    await s.spare.waitForJobs(1);
  });

  it('refuses a reprint where nobody is signed in, and lets a station nobody is set up on work as itself', async () => {
    const s = await station([PRIYA, SAM]);
    await s.signIn(PRIYA);
    const job = await s.printLabel('Priya 2');
    await expect(s.call('printing.reprint', { jobId: job.id }, HANDHELD)).rejects.toMatchObject({ code: 'sign_in_required', status: 403 });

    const alone = await station([]);
    const own = await alone.printLabel('no people');
    expect(own.printedBy).toBeNull();
    expect((await alone.call<PrintJob>('printing.reprint', { jobId: own.id })).reprintOf).toBe(own.id);
  });

  it('answers "Did it print?" by the same rule, and keeps who answered and when', async () => {
    const s = await station([PRIYA, PAT, SAM]);
    // The printer takes every byte, then resets: the label may have printed.
    s.zebra.setMode('reset-after-job');
    await s.signIn(PRIYA);
    const unsure = await s.printLabel('Priya unsure');
    expect(unsure).toMatchObject({ state: 'unconfirmed', printedBy: { id: PRIYA.id }, answered: null });

    // Pat may say neither: a second copy would carry its SSCC, and "It printed" would settle Priya's label.
    await s.signIn(PAT, HANDHELD);
    for (const answer of ['print-again', 'printed']) {
      await expect(s.call('printing.answer-unconfirmed', { jobId: unsure.id, answer }, HANDHELD)).rejects.toMatchObject({
        code: 'print_job_not_yours',
        status: 403,
        message: `Priya Packer printed ${unsure.title}: a packer answers "Did it print?" only for their own labels. Ask Priya Packer or a supervisor to answer it.`,
      });
    }
    // Nobody signed in on a device: told to sign in.
    await expect(s.call('printing.answer-unconfirmed', { jobId: unsure.id, answer: 'printed' }, crypto.randomUUID())).rejects.toMatchObject(
      {
        code: 'sign_in_required',
        status: 403,
      },
    );
    expect(s.zebra.connections).toBe(1);
    const [stillWaiting] = await s.call<PrintJob[]>('printing.list-jobs', {});
    expect(stillWaiting).toMatchObject({ id: unsure.id, state: 'unconfirmed', attempts: 1, answered: null });

    // Priya says "Print it again": sent once more, and the job keeps that she said so, and when.
    s.zebra.setMode('accept');
    const before = new Date().toISOString();
    const again = await s.call<PrintJob>('printing.answer-unconfirmed', { jobId: unsure.id, answer: 'print-again' });
    expect(again).toMatchObject({
      state: 'printed',
      attempts: 2,
      answered: { answer: 'print-again', by: { id: PRIYA.id, name: PRIYA.name, role: 'packer' } },
    });
    expect(again.answered!.at >= before && again.answered!.at === new Date(again.answered!.at).toISOString()).toBe(true);

    // A supervisor answers for anyone's label: "It printed", confirmed by Sam.
    s.zebra.setMode('reset-after-job');
    const another = await s.printLabel('Priya unsure 2');
    expect(another.state).toBe('unconfirmed');
    await s.signIn(SAM, HANDHELD);
    const confirmed = await s.call<PrintJob>('printing.answer-unconfirmed', { jobId: another.id, answer: 'printed' }, HANDHELD);
    expect(confirmed).toMatchObject({
      state: 'printed',
      attempts: 1,
      answered: { answer: 'printed', by: { id: SAM.id, role: 'supervisor' } },
    });
    expect(confirmed.printedAt).toBe(confirmed.answered!.at);
  });
});
