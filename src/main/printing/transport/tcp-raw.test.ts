import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startVirtualPrinter, type VirtualPrinter } from '../testing/virtual-printer';
import { PrinterConnectionError } from './printer-error';
import { sendRawTcp } from './tcp-raw';

/** The failure a send ends with (it must fail). */
async function failure(send: Promise<void>): Promise<PrinterConnectionError> {
  const error = await send.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PrinterConnectionError);
  return error as PrinterConnectionError;
}

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
    // Said in the packer's words; the socket code stays in the detail for support.
    const error = await failure(sendRawTcp('127.0.0.1', port, Buffer.from('^XA^XZ')));
    expect(error.message).toBe(`The printer at 127.0.0.1:${port} is not answering: check it is switched on and its cable is in`);
    expect(error.detail).toMatch(/^ECONNREFUSED .*127\.0\.0\.1:\d+, while connecting/);
    expect(error.handedOver).toBe(false);
  });

  it('fails when the printer drops the connection mid-job', async () => {
    const vp = await printer('drop');
    const error = await failure(sendRawTcp(vp.host, vp.port, randomBytes(256 * 1024)));
    // Whether the kernel had taken every byte before the reset decides which: mid-label, or ambiguous.
    expect(error.message).toMatch(
      /^The printer at .+ cut the connection(: check it for an error light| after all of it was sent, so it may have printed)/,
    );
    expect(error.message).not.toMatch(/E[A-Z]{4,}/);
    expect(vp.jobs).toHaveLength(0);
  });

  it('waits for beforeFirstByte once connected, and writes nothing before it is done', async () => {
    // A printer that counts what it reads as it reads it, and confirms at the end.
    let read = 0;
    const server = createServer({ allowHalfOpen: true }, (socket) => {
      socket.on('data', (chunk: Buffer) => (read += chunk.length));
      socket.on('end', () => socket.end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const job = randomBytes(64 * 1024);
      let readWhileMarking = -1;
      await sendRawTcp('127.0.0.1', port, job, {
        beforeFirstByte: async () => {
          await new Promise((r) => setTimeout(r, 200));
          readWhileMarking = read;
        },
      });
      expect(readWhileMarking).toBe(0);
      expect(read).toBe(job.length);

      // The mark could not be kept: nothing is sent.
      read = 0;
      const refused = sendRawTcp('127.0.0.1', port, job, { beforeFirstByte: () => Promise.reject(new Error('disk full')) });
      await expect(refused).rejects.toThrow('disk full');
      await new Promise((r) => setTimeout(r, 100));
      expect(read).toBe(0);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('never calls beforeFirstByte when the printer cannot be reached', async () => {
    const vp = await printer('accept');
    const port = vp.port;
    await vp.close();
    printers.pop();
    let called = false;
    await failure(sendRawTcp('127.0.0.1', port, Buffer.from('^XA^XZ'), { beforeFirstByte: async () => void (called = true) }));
    expect(called).toBe(false);
  });

  it('times out when the printer stops reading', async () => {
    const vp = await printer('stall');
    const error = await failure(sendRawTcp(vp.host, vp.port, randomBytes(8 * 1024 * 1024), { idleTimeoutMs: 200, closeTimeoutMs: 200 }));
    expect(error.message).toMatch(
      /stopped taking the label part-way: check it for paper out|did not confirm the label after all of it was sent/,
    );
    expect(vp.jobs).toHaveLength(0);
  });
});
