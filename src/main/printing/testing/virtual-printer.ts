import { createServer, type Server, type Socket } from 'node:net';

/**
 * A raw TCP (port 9100 style) printer for tests and the demo: captures every byte it receives,
 * one buffer per connection. It can misbehave on purpose to exercise the print queue.
 */
export type VirtualPrinterMode = 'accept' | 'refuse' | 'stall' | 'drop';

export interface VirtualPrinter {
  readonly port: number;
  readonly host: string;
  /** Completed connections' bytes, in arrival order. */
  readonly jobs: Buffer[];
  /** All bytes received so far, as latin1 text (ZPL is ASCII/UTF-8). */
  text(): string;
  setMode(mode: VirtualPrinterMode): void;
  /** Resolves once at least `count` jobs have been captured. */
  waitForJobs(count: number, timeoutMs?: number): Promise<Buffer[]>;
  close(): Promise<void>;
}

export async function startVirtualPrinter(options: { port?: number; host?: string; mode?: VirtualPrinterMode } = {}): Promise<VirtualPrinter> {
  const host = options.host ?? '127.0.0.1';
  let mode: VirtualPrinterMode = options.mode ?? 'accept';
  const jobs: Buffer[] = [];
  const sockets = new Set<Socket>();
  const waiters: (() => void)[] = [];
  const notify = () => waiters.splice(0).forEach((w) => w());

  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    if (mode === 'refuse') {
      socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => {
      if (mode === 'drop') {
        socket.destroy();
        return;
      }
      if (mode === 'stall') {
        socket.pause();
        return;
      }
      chunks.push(chunk);
    });
    socket.on('end', () => {
      if (chunks.length) {
        jobs.push(Buffer.concat(chunks));
        notify();
      }
      socket.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    port,
    host,
    jobs,
    text: () => Buffer.concat(jobs).toString('latin1'),
    setMode: (m) => {
      mode = m;
    },
    waitForJobs: (count, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (jobs.length >= count) {
            clearTimeout(timer);
            resolve(jobs.slice());
            return true;
          }
          return false;
        };
        const timer = setTimeout(() => reject(new Error(`virtual printer got ${jobs.length} of ${count} jobs`)), timeoutMs);
        if (!check()) {
          const loop = () => {
            if (!check()) waiters.push(loop);
          };
          waiters.push(loop);
        }
      }),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
