import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDataDir } from '../testing/fixtures';
import { cupsQueueState, sendToCups } from './cups-lp';

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

  it('reports lp failures with their message', async () => {
    const lp = await fakeLp(1);
    await expect(sendToCups('Nope', Buffer.from('x'), { lpCommand: lp.command, raw: true, title: 't' })).rejects.toThrow(/does not exist/);
    await expect(sendToCups('Nope', Buffer.from('x'), { lpCommand: join(lp.dir, 'missing-lp'), raw: true, title: 't' })).rejects.toThrow(
      /not found/,
    );
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
