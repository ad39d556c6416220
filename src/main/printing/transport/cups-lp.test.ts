import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDataDir } from '../testing/fixtures';
import { cupsQueueState, sendToCups } from './cups-lp';
import { PrinterConnectionError } from './printer-error';

const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as PrinterConnectionError,
  );

/** Stand-ins for lp/lpstat that record what CUPS would have been given. */
async function fakeLp(exitCode = 0): Promise<{ command: string; dir: string }> {
  const dir = await tempDataDir();
  const command = join(dir, 'lp');
  await writeFile(
    command,
    `#!/bin/sh\nprintf '%s\\n' "$@" > "${dir}/args"\ncat > "${dir}/stdin"\n` +
      (exitCode === 0
        ? `echo "request id is Zebra_1-42 (1 file(s))"\n`
        : `echo "lp: The printer or class does not exist." >&2\nexit ${exitCode}\n`),
  );
  await chmod(command, 0o755);
  return { command, dir };
}

describe('CUPS through lp', () => {
  it('sends printer-language bytes raw and returns the CUPS job id', async () => {
    const lp = await fakeLp();
    const zpl = Buffer.from('^XA^FO10,10^FDHi^FS^XZ');
    const id = await sendToCups('Zebra_1', zpl, { lpCommand: lp.command, raw: true, title: 'Shipping label DS-1' });
    expect(id).toBe('Zebra_1-42');
    expect((await readFile(join(lp.dir, 'args'), 'utf8')).trim().split('\n')).toEqual([
      '-d',
      'Zebra_1',
      '-t',
      'Shipping label DS-1',
      '-o',
      'raw',
      '--',
      '-',
    ]);
    expect((await readFile(join(lp.dir, 'stdin'))).equals(zpl)).toBe(true);
  });

  it('lets CUPS filter a PDF (no -o raw)', async () => {
    const lp = await fakeLp();
    await sendToCups('Office', Buffer.from('%PDF-1.3 ...'), { lpCommand: lp.command, raw: false, title: 'Packing slip' });
    expect(await readFile(join(lp.dir, 'args'), 'utf8')).not.toContain('raw');
  });

  it('says lp and lpstat failures in words, with the command and its message as the detail', async () => {
    const lp = await fakeLp(1);
    const refused = await failure(sendToCups('Nope', Buffer.from('x'), { lpCommand: lp.command, raw: true, title: 't' }));
    expect(refused).toBeInstanceOf(PrinterConnectionError);
    expect(refused?.message).toBe(
      `The station's print queue "Nope" did not take the label: ask a supervisor to check that printer in the computer's printer settings`,
    );
    expect(refused?.detail).toMatch(/failed \(1\): lp: The printer or class does not exist/);
    const missing = await failure(sendToCups('Nope', Buffer.from('x'), { lpCommand: join(lp.dir, 'missing-lp'), raw: true, title: 't' }));
    expect(missing?.message).toMatch(/^This station has no printing system \(CUPS\) to reach the printer queue "Nope": ask a supervisor/);
    expect(missing?.detail).toMatch(/missing-lp not found \(ENOENT\)/);
    // The printer check's lpstat: no "lpstat not found" for the packer.
    const noLpstat = await failure(cupsQueueState('Nope', { lpstatCommand: join(lp.dir, 'lpstat') }));
    expect(noLpstat?.message).toMatch(/^This station has no printing system \(CUPS\)/);
    expect(noLpstat?.message).not.toContain('lpstat');
    expect(noLpstat?.detail).toMatch(/lpstat not found \(ENOENT\)/);
  });

  it('reads queue state from lpstat', async () => {
    const dir = await tempDataDir();
    const lpstat = join(dir, 'lpstat');
    await writeFile(
      lpstat,
      `#!/bin/sh\nif [ "$2" = "Zebra_1" ]; then echo "printer Zebra_1 is idle.  enabled since Fri 14 Mar 2025"; else echo "printer $2 disabled since Fri 14 Mar 2025 -"; fi\n`,
    );
    await chmod(lpstat, 0o755);
    expect(await cupsQueueState('Zebra_1', { lpstatCommand: lpstat })).toMatchObject({ enabled: true, state: 'idle' });
    expect(await cupsQueueState('Other', { lpstatCommand: lpstat })).toMatchObject({ enabled: false, state: 'disabled' });
  });
});
