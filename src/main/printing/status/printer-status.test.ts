import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tcpPrinter, tempDataDir } from '../testing/fixtures';
import { startVirtualPrinter, type VirtualPrinter } from '../testing/virtual-printer';
import { checkPrinter } from './printer-status';
import { parseHostStatus } from './zpl-host-status';

const printers: VirtualPrinter[] = [];
afterEach(async () => {
  for (const p of printers.splice(0)) await p.close();
});

async function printer(): Promise<VirtualPrinter> {
  const p = await startVirtualPrinter();
  printers.push(p);
  return p;
}

describe('printer status', () => {
  it('parses a Zebra ~HS reply', () => {
    const reply = '\u0002030,1,0,1218,002,0,0,0,000,0,0,0\u0003\r\n\u0002000,0,1,0,0,2,4,0,00000000,1,000\u0003\r\n\u00021234,0\u0003\r\n';
    expect(parseHostStatus(reply)).toMatchObject({ paperOut: true, paused: false, headOpen: true, ribbonOut: false, formatsInBuffer: 2 });
    expect(parseHostStatus(reply.slice(0, 40))).toBeNull();
  });

  it('asks a ZPL printer with ~HS, and the question is not a print job', async () => {
    const vp = await printer();
    const zebra = tcpPrinter(vp.port);
    expect(await checkPrinter(zebra)).toMatchObject({ reachable: true, reported: true, ready: true, problems: [] });
    vp.setStatus({ paperOut: true, headOpen: true });
    expect(await checkPrinter(zebra)).toMatchObject({
      reachable: true,
      reported: true,
      ready: false,
      problems: ['paper out', 'head open'],
    });
    expect(vp.jobs).toHaveLength(0);
  });

  it('says so when a ZPL printer does not answer ~HS, in words ("~HS" only for support)', async () => {
    const vp = await printer();
    vp.setAnswersStatus(false);
    expect(await checkPrinter(tcpPrinter(vp.port), { timeoutMs: 300 })).toMatchObject({
      reachable: true,
      reported: false,
      ready: null,
      detail: 'It accepts connections but did not say whether it has paper or its head is closed',
      technicalDetail: expect.stringContaining('~HS'),
    });
  });

  it('says a CUPS queue’s state in words, lpstat’s own line only for support', async () => {
    const lpstat = join(await tempDataDir(), 'lpstat');
    await writeFile(lpstat, `#!/bin/sh\necho "printer $2 disabled since Fri 14 Mar 2025 - Paused"\n`);
    await chmod(lpstat, 0o755);
    const status = await checkPrinter(
      { ...tcpPrinter(9100), connection: { kind: 'cups', queue: 'Zebra_1' } },
      { cups: { lpstatCommand: lpstat } },
    );
    expect(status).toMatchObject({
      reachable: true,
      ready: false,
      detail: 'The station\'s print queue "Zebra_1" is stopped: resume it in the computer\'s printer settings',
      technicalDetail: 'printer Zebra_1 disabled since Fri 14 Mar 2025 - Paused',
    });
  });

  it('reports an unreachable printer', async () => {
    const vp = await printer();
    vp.setMode('refuse');
    expect(await checkPrinter(tcpPrinter(vp.port))).toMatchObject({ reachable: false, ready: false, problems: ['unreachable'] });
    const port = vp.port;
    await vp.close();
    printers.pop();
    // What to do in words; the socket code for support only.
    expect(await checkPrinter(tcpPrinter(port))).toMatchObject({
      reachable: false,
      detail: `The printer at 127.0.0.1:${port} is not answering: check it is switched on and its cable is in`,
      technicalDetail: expect.stringMatching(/^ECONNREFUSED /),
    });
    expect(await checkPrinter(tcpPrinter(vp.port, { language: 'escpos' }))).toMatchObject({ reachable: false, ready: false });
  });

  it('says a station without CUPS in words, not "lpstat not found"', async () => {
    const status = await checkPrinter(
      { ...tcpPrinter(9100), connection: { kind: 'cups', queue: 'Zebra_1' } },
      { cups: { lpstatCommand: '/nonexistent/lpstat' } },
    );
    expect(status).toMatchObject({ reachable: false, technicalDetail: expect.stringContaining('lpstat not found (ENOENT)') });
    expect(status.detail).toMatch(/^This station has no printing system \(CUPS\) to reach the printer queue "Zebra_1": ask a supervisor/);
  });

  it('for a receipt printer, can only tell that it accepts connections', async () => {
    const vp = await printer();
    expect(await checkPrinter(tcpPrinter(vp.port, { language: 'escpos' }))).toMatchObject({
      reachable: true,
      reported: false,
      ready: null,
    });
    expect(vp.jobs).toHaveLength(0);
  });
});
