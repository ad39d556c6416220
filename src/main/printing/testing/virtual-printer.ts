import { createServer, type Server, type Socket } from 'node:net';

/**
 * A raw TCP (port 9100 style) printer for tests and the demo: captures every byte it receives,
 * one buffer per connection. It can misbehave on purpose to exercise the print queue.
 */
/**
 * refuse: does not listen, so connecting is refused (ECONNREFUSED), as a printer that is off or
 * rebooting: nothing was sent. (Accepting and resetting at once would race the sender's first
 * write: a label small enough for the socket's buffers would look handed over, so unsure.)
 * silent: reads and prints every job but never closes its side, so the sender never hears it took it.
 * reset-after-job: reads and prints every job, then resets the connection (RST) instead of closing
 * it, as some printers do: the sender cannot tell that from a reset before the printer read it.
 */
export type VirtualPrinterMode = 'accept' | 'refuse' | 'stall' | 'drop' | 'silent' | 'reset-after-job';

/** What the printer reports to ZPL ~HS (host status). */
export interface VirtualPrinterStatus {
  paperOut: boolean;
  paused: boolean;
  headOpen: boolean;
  ribbonOut: boolean;
}

export interface VirtualPrinter {
  readonly port: number;
  readonly host: string;
  /** Completed connections' bytes, in arrival order. */
  readonly jobs: Buffer[];
  /** Connections it accepted, whatever became of them (not those it refused: it does not listen then). */
  readonly connections: number;
  /** The first bytes of each connection that stalled (the printer stopped reading mid-job). */
  readonly stalled: Buffer[];
  /** Resolves once at least `count` connections have stalled mid-job. */
  waitForStalls(count: number, timeoutMs?: number): Promise<void>;
  /** All bytes received so far, as latin1 text (ZPL is ASCII/UTF-8). */
  text(): string;
  setMode(mode: VirtualPrinterMode): void;
  /** Sets what ~HS reports. A connection that sends only ~HS gets the reply and is not a job. */
  setStatus(status: Partial<VirtualPrinterStatus>): void;
  /** Whether ~HS is answered at all (Zebra printers do; some emulations do not). Default true. */
  setAnswersStatus(answers: boolean): void;
  /** Resolves once at least `count` jobs have been captured. */
  waitForJobs(count: number, timeoutMs?: number): Promise<Buffer[]>;
  close(): Promise<void>;
}

export async function startVirtualPrinter(
  options: { port?: number; host?: string; mode?: VirtualPrinterMode } = {},
): Promise<VirtualPrinter> {
  const host = options.host ?? '127.0.0.1';
  let mode: VirtualPrinterMode = options.mode ?? 'accept';
  const jobs: Buffer[] = [];
  const stalledJobs: Buffer[] = [];
  const sockets = new Set<Socket>();
  const waiters: (() => void)[] = [];
  const status: VirtualPrinterStatus = { paperOut: false, paused: false, headOpen: false, ribbonOut: false };
  let answersStatus = true;
  let connections = 0;
  const notify = () => waiters.splice(0).forEach((w) => w());
  const waitUntil = (done: () => boolean, timeoutMs: number, failure: () => string) =>
    new Promise<void>((resolve, reject) => {
      if (done()) return resolve();
      const timer = setTimeout(() => reject(new Error(failure())), timeoutMs);
      const loop = () => {
        if (!done()) return void waiters.push(loop);
        clearTimeout(timer);
        resolve();
      };
      waiters.push(loop);
    });

  // allowHalfOpen: a stalled printer must not close its side when the sender finishes.
  const server: Server = createServer({ allowHalfOpen: true }, (socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    // Drop resets the connection (RST), as a printer that is rebooting does: a plain close (FIN)
    // would look to the sender like a printer that took the job. One accepted just as refusing began, too.
    if (mode === 'refuse') {
      socket.resetAndDestroy();
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    let statusQuery = false;
    let stalled = false;
    socket.on('data', (chunk) => {
      if (mode === 'drop') {
        socket.resetAndDestroy();
        return;
      }
      if (mode === 'stall' || stalled) {
        // Stops reading and never closes: the sender sees its writes back up, then a timeout.
        if (!stalled) {
          stalledJobs.push(chunk);
          notify();
        }
        stalled = true;
        socket.pause();
        return;
      }
      chunks.push(chunk);
      received += chunk.length;
      // Only a short connection can be a status query: a long job is not joined up again per chunk.
      if (answersStatus && received <= 64 && Buffer.concat(chunks).toString('latin1').trim() === '~HS') {
        statusQuery = true;
        socket.write(hostStatusReply(status));
      }
    });
    socket.on('end', () => {
      if (stalled) return;
      if (chunks.length && !statusQuery) {
        jobs.push(Buffer.concat(chunks));
        notify();
      }
      if (mode === 'reset-after-job') socket.resetAndDestroy();
      else if (mode !== 'silent') socket.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  // Refusing is not listening; listening again is on the same port.
  const listening = (on: boolean) => {
    if (on && !server.listening) server.listen(port, host);
    if (!on && server.listening) server.close();
  };
  listening(mode !== 'refuse');

  return {
    port,
    host,
    jobs,
    get connections() {
      return connections;
    },
    text: () => Buffer.concat(jobs).toString('latin1'),
    setMode: (m) => {
      mode = m;
      listening(m !== 'refuse');
    },
    setStatus: (next) => {
      Object.assign(status, next);
    },
    setAnswersStatus: (answers) => {
      answersStatus = answers;
    },
    stalled: stalledJobs,
    waitForJobs: async (count, timeoutMs = 10_000) => {
      await waitUntil(
        () => jobs.length >= count,
        timeoutMs,
        () => `virtual printer got ${jobs.length} of ${count} jobs`,
      );
      return jobs.slice();
    },
    waitForStalls: (count, timeoutMs = 10_000) =>
      waitUntil(
        () => stalledJobs.length >= count,
        timeoutMs,
        () => `virtual printer stalled ${stalledJobs.length} of ${count} times`,
      ),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A ~HS reply as a Zebra sends it: three STX..ETX CR LF strings. String 1 field 2 is paper out,
 * field 3 pause; string 2 field 3 head open, field 4 ribbon out.
 */
function hostStatusReply(s: VirtualPrinterStatus): string {
  const b = (v: boolean) => (v ? '1' : '0');
  const line1 = `030,${b(s.paperOut)},${b(s.paused)},1218,000,0,0,0,000,0,0,0`;
  const line2 = `000,0,${b(s.headOpen)},${b(s.ribbonOut)},0,2,4,0,00000000,1,000`;
  const line3 = '1234,0';
  return [line1, line2, line3].map((l) => `\u0002${l}\u0003\r\n`).join('');
}
