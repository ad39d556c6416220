import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PrinterConfig, PrinterStatus } from '../../../shared/contract/index';
import { PrinterConfig as PrinterConfigSchema } from '../../../shared/contract/settings';
import type { StationPeople, StationUser } from '../../../shared/contract/station';
import { printJob } from '../../../shared/contract/testing/print-job';
import { documentsOf, routeWarning, ROUTED_DOCUMENTS, withoutPrinter, withRoute } from './documents';
import { useStationLocale } from '../../app/station-format';
import { describeJob, duplicateCheck, jobLabel, unconfirmedQuestion } from './job-state';
import { draftToPrinter, EMPTY_DRAFT, validateDraft, type PrinterDraft } from './printer-draft';
import { summariseStatus } from './printer-status-text';
import { actionDone, answered, sendAnswer } from './PrintQueue';
import { askAboutUnconfirmedLabels } from './ask-whether-printed';
import { CHECKING_WHO_ANSWERS, unconfirmedPrompt } from './unconfirmed-prompt';
import { UnconfirmedAnswers } from './UnconfirmedAnswers';
import { useStation } from '../../app/station-store';
import { StationCallError, type StationClient } from '../../station-client/index';

/** What main says of a printer that refuses (shared/words/connection-trouble.ts). */
const SAID = 'The printer at 10.0.0.5:9100 is not answering: check it is switched on and its cable is in';
const ID = '5b0c7f4e-2a7e-4c59-9a3c-1f7b0b7d2f11';
const OTHER = '9d6a1a0e-7d2b-4bb4-8f0a-3c4e2f1a9b22';
const draft = (patch: Partial<PrinterDraft>): PrinterDraft => ({ ...EMPTY_DRAFT, name: 'Zebra 1', host: '10.0.0.5', ...patch });
const printer = (patch: Partial<PrinterConfig> = {}): PrinterConfig => ({
  id: ID,
  name: 'Zebra 1',
  language: 'zpl',
  dpi: 203,
  connection: { kind: 'tcp', host: '10.0.0.5', port: 9100 },
  ...patch,
});

describe('add-printer form', () => {
  it('asks for a host and a port from 1 to 65535 on TCP', () => {
    expect(validateDraft(draft({ host: '' })).host).toMatch(/IP address or host name/);
    expect(validateDraft(draft({ host: '10.0.0.5:9100' })).host).toMatch(/Port field/);
    expect(validateDraft(draft({ host: 'http://printer' })).host).toMatch(/no "http:\/\/"/);
    expect(validateDraft(draft({ host: 'printer.local/status' })).host).toMatch(/no path/);
    for (const port of ['0', '65536', '91.5', '', 'abc']) expect(validateDraft(draft({ port })).port, port).toMatch(/1 to 65535/);
    expect(validateDraft(draft({ port: '65535' }))).toEqual({});
    expect(validateDraft(draft({ host: 'fe80::1' }))).toEqual({});
  });

  it('asks for a queue name on CUPS, and ignores host and port there', () => {
    expect(validateDraft(draft({ connection: 'cups', host: '', port: '', queue: '' })).queue).toMatch(/queue name/);
    expect(validateDraft(draft({ connection: 'cups', queue: 'Office laser' })).queue).toMatch(/no spaces/);
    expect(validateDraft(draft({ connection: 'cups', host: '', port: '', queue: 'Office_laser' }))).toEqual({});
  });

  it('wants a name no other printer has', () => {
    expect(validateDraft(draft({ name: '  ' })).name).toMatch(/name/);
    expect(validateDraft(draft({ name: 'zebra 1 ' }), ['Zebra 1']).name).toMatch(/already a printer named/);
  });

  it('builds printers the settings schema accepts; resolution only for ZPL', () => {
    const zpl = draftToPrinter(draft({ dpi: '300', port: ' 9101 ' }), ID);
    expect(zpl).toEqual({ id: ID, name: 'Zebra 1', language: 'zpl', dpi: 300, connection: { kind: 'tcp', host: '10.0.0.5', port: 9101 } });
    const pdf = draftToPrinter(draft({ name: 'Office', language: 'pdf', connection: 'cups', queue: 'Office_laser', dpi: '300' }), ID);
    expect(pdf).toEqual({ id: ID, name: 'Office', language: 'pdf', dpi: 203, connection: { kind: 'cups', queue: 'Office_laser' } });
    for (const p of [zpl, pdf]) expect(PrinterConfigSchema.parse(p)).toEqual(p);
  });
});

describe('routing', () => {
  it('has a row for every template, carrier labels included (they are routable)', () => {
    expect(ROUTED_DOCUMENTS).toContain('packing-slip');
    expect(ROUTED_DOCUMENTS).toContain('carrier-label');
  });

  it('sets, clears and drops a removed printer’s routes', () => {
    const routes = withRoute({ 'shipping-label': ID }, 'packing-slip', OTHER);
    expect(routes).toEqual({ 'shipping-label': ID, 'packing-slip': OTHER });
    expect(withRoute(routes, 'packing-slip', null)).toEqual({ 'shipping-label': ID });
    expect(withoutPrinter({ ...routes, 'test-label': ID }, ID)).toEqual({ 'packing-slip': OTHER });
    expect(documentsOf({ ...routes, 'test-label': ID }, ID)).toEqual(['shipping-label', 'test-label']);
  });

  it('warns about unprinted shipping labels, removed printers and carrier labels on a receipt printer', () => {
    const receipt = printer({ id: OTHER, name: 'Receipt', language: 'escpos' });
    expect(routeWarning({ printers: [printer()], routes: {} }, 'shipping-label')).toMatch(/cannot print shipping labels/);
    expect(routeWarning({ printers: [], routes: {} }, 'shipping-label')).toBeNull();
    expect(routeWarning({ printers: [printer()], routes: { 'pick-list': OTHER } }, 'pick-list')).toMatch(/no longer set up/);
    expect(routeWarning({ printers: [printer(), receipt], routes: { 'shipping-label': OTHER } }, 'carrier-label')).toMatch(
      /cannot print them/,
    );
    expect(
      routeWarning({ printers: [printer(), receipt], routes: { 'shipping-label': OTHER, 'carrier-label': ID } }, 'carrier-label'),
    ).toBeNull();
  });
});

describe('printer status', () => {
  const base: PrinterStatus = {
    printerId: ID,
    printerName: 'Zebra 1',
    reachable: true,
    reported: true,
    ready: true,
    problems: [],
    detail: null,
    checkedAt: '2025-01-01T00:00:00Z',
  };
  it('reads every answer', () => {
    expect(summariseStatus(base)).toMatchObject({ tone: 'ok', headline: 'Online, ready' });
    expect(summariseStatus({ ...base, ready: false, problems: ['paper out', 'head open'] })).toMatchObject({
      tone: 'problem',
      headline: 'Paper out, head open',
    });
    expect(summariseStatus({ ...base, reported: false, ready: null })).toMatchObject({ tone: 'unknown', headline: 'Online' });
    expect(
      summariseStatus({
        ...base,
        reachable: false,
        reported: false,
        ready: false,
        problems: ['unreachable'],
        detail: SAID,
        technicalDetail: 'ECONNREFUSED connect ECONNREFUSED 10.0.0.5:9100 (10.0.0.5:9100)',
      }),
    ).toEqual({
      tone: 'unreachable',
      headline: 'Unreachable',
      detail: SAID,
      support: 'ECONNREFUSED connect ECONNREFUSED 10.0.0.5:9100 (10.0.0.5:9100)',
    });
  });
});

describe('print queue states', () => {
  const job = printJob({
    id: ID,
    template: 'shipping-label',
    printerId: ID,
    state: 'retrying',
    attempts: 3,
    lastError: SAID,
    lastErrorDetail: 'ECONNREFUSED connect ECONNREFUSED 10.0.0.5:9100 (10.0.0.5:9100, while connecting)',
    createdAt: '2025-01-01T00:00:00Z',
    nextAttemptAt: '2025-01-01T00:01:00Z',
    title: 'Shipping label',
  });

  it('says what a queue action did: printed where, still waiting and why, or voided', () => {
    const printed = { ...job, state: 'printed' as const, lastError: null, printerName: 'Zebra 2' };
    expect(actionDone('printing.reprint', job, printed)).toEqual(['success', 'Shipping label: printed on Zebra 2']);
    expect(actionDone('printing.retry-now', job, job)).toEqual(['info', `Shipping label: waiting for Zebra 1 (${SAID})`]);
    expect(actionDone('printing.void', job, { ...job, state: 'voided' })).toEqual(['info', 'Voided: Shipping label']);
    // Held behind another job that failed on the printer, it has no reason of its own: its state is said in words, not by name.
    expect(actionDone('printing.retry-now', job, { ...job, lastError: null })).toEqual([
      'info',
      'Shipping label: waiting for Zebra 1 (it waits behind an earlier label that failed on that printer)',
    ]);
    expect(answered('print-again', job, { ...job, state: 'queued', lastError: null })[1]).toBe(
      'Shipping label: waiting for Zebra 1 (it is queued to print)',
    );
  });

  it('says why a job waits in words, keeping the socket code only for support', () => {
    const d = describeJob(job);
    expect(d.headline).toBe('Waiting to retry');
    expect(d.reason).toBe(SAID);
    expect(d.detail).toContain('3 tries');
    expect(d.detail).not.toContain('ECONNREFUSED');
    expect(d.support).toMatch(/^ECONNREFUSED /);
    expect(describeJob({ ...job, lastError: null }).reason).toMatch(/earlier job failed/);
    expect(describeJob({ ...job, state: 'printed', lastError: null, printedAt: '2025-01-01T00:02:00Z' }).headline).toBe('Printed');
    // Voided by the station itself: the queue says why.
    const voided = {
      ...job,
      state: 'voided' as const,
      voidedAt: '2025-01-01T00:03:00Z',
      voidReason: 'ORD-1 was cancelled: do not ship this box',
    };
    expect(describeJob(voided)).toMatchObject({ headline: 'Voided', reason: 'ORD-1 was cancelled: do not ship this box' });
    expect(describeJob({ ...voided, voidReason: null }).reason).toBeNull();
    // Printed, and its parcel relabelled since: the queue says it is replaced, by whom, and where the new one prints.
    const relabelled = {
      ...job,
      state: 'printed' as const,
      lastError: null,
      printedAt: '2025-01-01T00:02:00Z',
      relabelled: {
        previousSscc: '006141410000001234',
        sscc: '006141410000009876',
        by: 'Sam',
        stationName: 'Desk 1',
        at: '2025-01-02T00:00:00Z',
      },
    };
    expect(describeJob(relabelled)).toMatchObject({
      headline: 'Printed',
      reason:
        'Replaced: This parcel was relabelled with SSCC 006141410000009876 by Sam: its old label (SSCC 006141410000001234) must not print again; print the new label from the print queue at Desk 1',
    });
  });

  it('asks whether a label that may have printed did, and says what each answer did', () => {
    const unsure = {
      ...job,
      state: 'unconfirmed' as const,
      mayHavePrinted: true,
      unsureCause: 'printer-silent' as const,
      nextAttemptAt: null,
      sscc: '106141411234567897',
    };
    expect(describeJob(unsure)).toMatchObject({ headline: 'Did it print?', reason: SAID, detail: '3 tries' });
    expect(unconfirmedQuestion(unsure)).toBe(
      'Did Shipping label (SSCC 106141411234567897) come out of Zebra 1? The printer took all of it but did not confirm it, so it is not sent again by itself. Look at the printer: press It printed if it is there, or Print it again if it is not.',
    );
    // Cut off by a station restart after it reached the printer: the question says so, not that the printer was silent.
    expect(unconfirmedQuestion({ ...unsure, unsureCause: 'station-stopped' })).toBe(
      'Did Shipping label (SSCC 106141411234567897) come out of Zebra 1? The station stopped while sending it, so it is not sent again by itself. Look at the printer: press It printed if it is there, or Print it again if it is not.',
    );
    // Asked again after "Print it again": an earlier copy may be there too.
    expect(unconfirmedQuestion({ ...unsure, printAgainAt: '2025-01-01T00:03:00Z' })).toMatch(
      /Print it again if it is not\. It was already printed again once: if two copies are there, keep one and tear up the other\.$/,
    );
    // The question is the note while it is open: no second one about copies.
    expect(duplicateCheck({ ...unsure, printAgainAt: '2025-01-01T00:03:00Z' })).toBeNull();
    const printed = { ...unsure, state: 'printed' as const, lastError: null };
    expect(answered('printed', unsure, printed)).toEqual([
      'info',
      'Shipping label · 106141411234567897: recorded as printed; it is not sent again',
    ]);
    expect(answered('print-again', unsure, printed)).toEqual(['success', 'Shipping label · 106141411234567897: printed again on Zebra 1']);
    expect(answered('print-again', unsure, { ...unsure, state: 'retrying' })).toEqual([
      'info',
      `Shipping label · 106141411234567897: waiting for Zebra 1 (${SAID})`,
    ]);
  });

  describe('asked at once', () => {
    // Test files share the station store (vitest runs without isolation).
    beforeEach(() => useStation.setState(useStation.getInitialState(), true));
    afterEach(() => useStation.setState(useStation.getInitialState(), true));

    it('asks as an error (it needs an OK) when a label becomes unconfirmed, once per send, and about one left so while no page listened', () => {
      useStation.getState().setPeople({ users: [], signedIn: null, refreshedAt: null }); // a station nobody is set up on
      const listeners = new Map<string, (payload: unknown) => void>();
      const client = { listen: (name: string, fn: (payload: unknown) => void) => (listeners.set(name, fn), () => listeners.delete(name)) };
      const stop = askAboutUnconfirmedLabels({ client: client as unknown as StationClient });
      let said = 0;
      const unsubscribe = useStation.subscribe((s, before) => s.message !== before.message && said++);
      const unsure = { ...job, state: 'unconfirmed' as const, mayHavePrinted: true, nextAttemptAt: null };

      listeners.get('printing.job-updated')!({ ...job, state: 'sending' });
      expect(useStation.getState().message).toBeNull();
      listeners.get('printing.job-updated')!(unsure);
      expect(useStation.getState().message).toMatchObject({ kind: 'error', needsAck: true, text: unconfirmedQuestion(unsure) });
      // The same question again (the call's answer after the update): not said, nor sounded, twice.
      listeners.get('printing.job-updated')!(unsure);
      listeners.get('printing.jobs-listed')!([unsure]);
      expect(said).toBe(1);
      // The host restarted while a label was cut off mid-send: the stream opens with it.
      useStation.getState().acknowledge();
      const cutOff = { ...unsure, id: OTHER, title: 'Packing slip', attempts: 1 };
      listeners.get('printing.jobs-listed')!([cutOff, unsure]);
      expect(useStation.getState().message?.text).toBe(unconfirmedQuestion(cutOff));
      unsubscribe();
      stop();
      expect(listeners.size).toBe(0);
    });

    it("tells someone who may not answer (someone else's label) who can, with no answers to press, as an error to OK, once", () => {
      const priya = { id: ID, name: 'Priya Packer', role: 'packer' as const };
      const sam = { id: OTHER, name: 'Sam Packer', role: 'packer' as const };
      const boss = { id: '1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b', name: 'Sue', role: 'supervisor' as const };
      const users = [priya, sam, boss];
      const unsure = {
        ...job,
        state: 'unconfirmed' as const,
        mayHavePrinted: true,
        nextAttemptAt: null,
        title: 'Shipping label ORD-1',
        printedBy: priya,
      };
      const atDevice = (signedIn: StationUser | null) => ({ users, signedIn, refreshedAt: null });
      const told =
        'Shipping label ORD-1, sent by Priya Packer, may have printed on Zebra 1: Priya Packer or a supervisor says whether it did.';
      expect(unconfirmedPrompt(unsure, atDevice(sam))).toEqual({ text: told, mayAnswer: false });
      expect(unconfirmedPrompt(unsure, atDevice(priya))).toEqual({ text: unconfirmedQuestion(unsure), mayAnswer: true });
      expect(unconfirmedPrompt(unsure, atDevice(boss))).toEqual({ text: unconfirmedQuestion(unsure), mayAnswer: true });
      // Nobody set up: the station works as itself.
      expect(unconfirmedPrompt(unsure, { users: [], signedIn: null, refreshedAt: null }).mayAnswer).toBe(true);
      expect(unconfirmedPrompt(unsure, atDevice(null))).toEqual({
        text: 'Shipping label ORD-1, sent by Priya Packer, may have printed on Zebra 1: sign in to say whether it did (Priya Packer or a supervisor can).',
        mayAnswer: false,
      });
      expect(unconfirmedPrompt({ ...unsure, printedBy: null }, atDevice(sam)).text).toBe(
        'Shipping label ORD-1 may have printed on Zebra 1: a supervisor says whether it did (nobody is recorded as sending it).',
      );

      // Pushed to Sam's device: told, with the error sound, waiting for OK; said once.
      useStation.getState().setPeople(atDevice(sam));
      const listeners = new Map<string, (payload: unknown) => void>();
      const client = { listen: (name: string, fn: (payload: unknown) => void) => (listeners.set(name, fn), () => listeners.delete(name)) };
      const stop = askAboutUnconfirmedLabels({ client: client as unknown as StationClient });
      let said = 0;
      const unsubscribe = useStation.subscribe((st, before) => st.message !== before.message && said++);
      listeners.get('printing.job-updated')!(unsure);
      listeners.get('printing.job-updated')!(unsure);
      expect(useStation.getState().message).toMatchObject({ kind: 'error', needsAck: true, text: told });
      expect(said).toBe(1);
      unsubscribe();
      stop();
    });

    it('asks again as the page starts (a reload) about a label main listed as unconfirmed, once who is signed in here is known, in their words', () => {
      const priya = { id: ID, name: 'Priya Packer', role: 'packer' as const };
      const sam = { id: OTHER, name: 'Sam Packer', role: 'packer' as const };
      const unsure = { ...job, state: 'unconfirmed' as const, mayHavePrinted: true, nextAttemptAt: null, printedBy: priya };
      const older = { ...unsure, id: '1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b', title: 'Packing slip' };
      // What the page fetched as it started (printing.list-jobs); main has not said who is signed in yet.
      useStation.getState().setJobs([unsure, older]);
      const client = { listen: () => () => undefined };
      let said = 0;
      const unsubscribe = useStation.subscribe((st, before) => st.message !== before.message && said++);
      const stop = askAboutUnconfirmedLabels({ client: client as unknown as StationClient });
      expect(useStation.getState().message).toBeNull();

      useStation.getState().setPeople({ users: [priya, sam], signedIn: sam, refreshedAt: null });
      expect(useStation.getState().message).toMatchObject({
        kind: 'error',
        needsAck: true,
        text: unconfirmedPrompt(unsure, useStation.getState().people).text,
      });
      expect(useStation.getState().message!.text).toMatch(
        /^Shipping label, sent by Priya Packer, may have printed on Zebra 1: Priya Packer or a supervisor/,
      );
      useStation.getState().setPeople({ users: [priya, sam], signedIn: priya, refreshedAt: null });
      expect(said).toBe(1);
      unsubscribe();
      stop();
    });

    it('offers no answers while who is signed in here is not known yet (the jobs came first): the question, and "Checking who may answer…"', () => {
      const priya = { id: ID, name: 'Priya Packer', role: 'packer' as const };
      const sam = { id: OTHER, name: 'Sam Packer', role: 'packer' as const };
      const unsure = { ...job, state: 'unconfirmed' as const, mayHavePrinted: true, nextAttemptAt: null, printedBy: priya };
      const row = (people: StationPeople | null) =>
        renderToStaticMarkup(createElement(UnconfirmedAnswers, { prompt: unconfirmedPrompt(unsure, people), onAnswer: () => undefined }));

      expect(unconfirmedPrompt(unsure, null)).toEqual({ text: unconfirmedQuestion(unsure), mayAnswer: false, checking: true });
      expect(row(null)).not.toContain('<button');
      expect(row(null)).toContain(CHECKING_WHO_ANSWERS);
      // Once main says: Sam, whose label it is not, is told who answers; Priya gets the answers.
      expect(row({ users: [priya, sam], signedIn: sam, refreshedAt: null })).not.toContain('<button');
      expect(row({ users: [priya, sam], signedIn: priya, refreshedAt: null })).toContain('>It printed</button>');
    });

    it("shows a refused answer (someone else's label) in place of the question, as an error to OK", async () => {
      const unsure = { ...job, state: 'unconfirmed' as const, mayHavePrinted: true, nextAttemptAt: null };
      const refusal =
        'Priya Packer printed Shipping label: a packer answers "Did it print?" only for their own labels. Ask Priya Packer or a supervisor to answer it.';
      const client = { call: () => Promise.reject(new StationCallError('print_job_not_yours', refusal)) };
      useStation.getState().say('error', unconfirmedQuestion(unsure));
      await sendAnswer(client as unknown as StationClient, unsure, 'print-again');
      expect(useStation.getState().message).toMatchObject({ kind: 'error', needsAck: true, text: refusal });
    });
  });

  it('tells the packer what to do about a possible extra copy, and says nothing once it is dealt with', () => {
    const unsure = { ...job, state: 'unconfirmed' as const, mayHavePrinted: true, sscc: '106141411234567897' };
    // Said to have printed at the first unsure send: one copy, nothing to look for.
    expect(duplicateCheck({ ...unsure, state: 'printed', printedAt: '2025-01-01T00:02:00Z' })).toBeNull();
    // Printed again as asked, still being sent: nothing to void yet (another send may make another copy).
    const again = { ...unsure, state: 'retrying' as const, printAgainAt: '2025-01-01T00:01:30Z' };
    expect(duplicateCheck(again)).toEqual({
      note: 'Printed again as asked after a send that may have printed: if both copies come out, keep one shipping label with SSCC 106141411234567897 on the box and tear up the other.',
      voidCopy: false,
    });
    const printed = { ...again, state: 'printed' as const, printedAt: '2025-01-01T00:02:00Z' };
    expect(duplicateCheck(printed)).toEqual({
      note: 'May have printed twice (a send was not confirmed, and it was printed again): keep one shipping label with SSCC 106141411234567897 on the box, tear up any other, then press Void the extra copy.',
      voidCopy: true,
    });
    expect(duplicateCheck({ ...printed, duplicateVoidedAt: '2025-01-01T00:04:00Z' })).toBeNull();
    expect(duplicateCheck({ ...again, state: 'voided', voidedAt: '2025-01-01T00:04:00Z' })).toBeNull();
    expect(duplicateCheck(job)).toBeNull();
  });

  it('lists a reprint as one: its title says "Reprint: " and nothing adds "(reprint)" again', () => {
    const reprint = { ...job, title: 'Reprint: Shipping label ORD-20261205-00001', reprintOf: OTHER, sscc: '106141411234567897' };
    expect(jobLabel(reprint)).toBe('Reprint: Shipping label ORD-20261205-00001 · 106141411234567897');
    expect(jobLabel({ ...job, title: '' })).toBe('Shipping label');
  });

  afterEach(() => useStationLocale.getState().setLocale({ locale: null, timeZone: null }));
  it("says when a job printed or was voided in the station's locale and time zone, not the computer's", () => {
    useStationLocale.getState().setLocale({ locale: 'en-GB', timeZone: 'Asia/Tokyo' });
    expect(describeJob({ ...job, state: 'printed', lastError: null, attempts: 1, printedAt: '2025-01-01T00:02:00Z' }).detail).toBe(
      'at 09:02:00',
    );
    useStationLocale.getState().setLocale({ locale: 'en-US', timeZone: 'America/New_York' });
    expect(describeJob({ ...job, state: 'voided', voidedAt: '2025-01-01T00:03:00Z' }).detail).toBe('at 7:03:00 PM');
  });

  it('says who answered "Did it print?" and when, in the station\'s time zone', () => {
    useStationLocale.getState().setLocale({ locale: 'en-GB', timeZone: 'Europe/London' });
    const sam = { id: OTHER, name: 'Sam', role: 'supervisor' as const };
    const unsure = { ...job, state: 'unconfirmed' as const, mayHavePrinted: true, nextAttemptAt: null, attempts: 1 };
    const confirmed = { ...unsure, state: 'printed' as const, lastError: null, printedAt: '2025-01-01T06:12:00Z' };
    const byAnswer = { answer: 'printed' as const, by: sam, at: '2025-01-01T06:12:00Z' };
    expect(describeJob({ ...confirmed, answered: byAnswer })).toMatchObject({
      headline: 'Printed',
      detail: 'confirmed by Sam at 06:12:00',
    });
    // Nobody signed in (a station with nobody set up): when, still.
    expect(describeJob({ ...confirmed, answered: { ...byAnswer, by: null } }).detail).toBe('confirmed at 06:12:00');
    // Sent again on Sam's word, printed two minutes later; asked again when that send was unsure too.
    const again = { answer: 'print-again' as const, by: sam, at: '2025-01-01T06:10:00Z' };
    expect(describeJob({ ...confirmed, attempts: 2, answered: again }).detail).toBe(
      'at 06:12:00, "Print it again" by Sam at 06:10:00, 2 tries',
    );
    expect(describeJob({ ...unsure, attempts: 2, answered: again }).detail).toBe('"Print it again" by Sam at 06:10:00, 2 tries');
    // Records from before answers were kept: as before.
    expect(describeJob(confirmed).detail).toBe('at 06:12:00');
  });
});
