import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startVirtualPrinter, type VirtualPrinter } from '../testing/virtual-printer';
import { sendRawTcp } from './tcp-raw';

const printers: VirtualPrinter[] = [];
afterEach(async () => {
  for (const p of printers.splice(0)) await p.close();
});

async function printer(mode: 'accept' | 'refuse' | 'stall' | 'drop'): Promise<VirtualPrinter> {
  const p = await startVirtualPrinter({ mode });
  printers.push(p);
  return p;
}

describe('raw TCP (port 9100)', () => {
  it('delivers a large job intact, in chunks, and resolves only after the printer took it all', async () => {
    const vp = await printer('accept');
    const job = randomBytes(3 * 1024 * 1024 + 17);
    await sendRawTcp(vp.host, vp.port, job, { chunkSize: 64 * 1024, idleTimeoutMs: 60_000, closeTimeoutMs: 60_000 });
    // No waiting: by the time the send resolved, the printer had read to the end.
    expect(vp.jobs).toHaveLength(1);
    expect(vp.jobs[0]!.equals(job)).toBe(true);
  });

  it('fails when the printer refuses the connection', async () => {
    const vp = await printer('refuse');
    await expect(sendRawTcp(vp.host, vp.port, Buffer.from('^XA^XZ'))).rejects.toThrow(/printer/);
  });

  it('fails when nothing listens on the port', async () => {
    const vp = await printer('accept');
    const port = vp.port;
    await vp.close();
    printers.pop();
    await expect(sendRawTcp('127.0.0.1', port, Buffer.from('^XA^XZ'))).rejects.toThrow(/refused/);
  });

  it('fails when the printer drops the connection mid-job', async () => {
    const vp = await printer('drop');
    await expect(sendRawTcp(vp.host, vp.port, randomBytes(256 * 1024))).rejects.toThrow(/dropped|closed/);
    expect(vp.jobs).toHaveLength(0);
  });

  it('times out when the printer stops reading', async () => {
    const vp = await printer('stall');
    await expect(sendRawTcp(vp.host, vp.port, randomBytes(8 * 1024 * 1024), { idleTimeoutMs: 200, closeTimeoutMs: 200 })).rejects.toThrow(
      /stopped taking data|did not confirm/,
    );
    expect(vp.jobs).toHaveLength(0);
  });
});
