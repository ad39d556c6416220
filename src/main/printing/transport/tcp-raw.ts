import { connect, type Socket } from 'node:net';

export interface RawTcpOptions {
  connectTimeoutMs?: number;
  /** Longest wait for the printer to take the next chunk. */
  idleTimeoutMs?: number;
  /** After the last byte: longest wait for the printer to close its side, i.e. to have read everything. */
  closeTimeoutMs?: number;
  chunkSize?: number;
}

export class PrinterConnectionError extends Error {
  /**
   * Every byte had been written when the send failed (the printer never confirmed the end): it
   * may well have read the job and printed it, so a retry can print a second copy.
   */
  constructor(
    message: string,
    readonly handedOver = false,
  ) {
    super(message);
  }
}

/**
 * Sends a job to a raw TCP (port 9100) printer: connect, write in chunks at the printer's pace,
 * half-close, then wait for the printer to close its side. A printer closes only after reading to
 * our end of stream, so that close is the proof it took the whole job; a reset, a refused
 * connection or a timeout means it did not.
 */
export function sendRawTcp(host: string, port: number, data: Uint8Array, options: RawTcpOptions = {}): Promise<void> {
  // After the last write the kernel may still hold megabytes the printer has yet to read: the close wait is the longer one.
  const { connectTimeoutMs = 3000, idleTimeoutMs = 4000, closeTimeoutMs = 15_000, chunkSize = 16 * 1024 } = options;
  return new Promise<void>((resolve, reject) => {
    const socket: Socket = connect({ host, port });
    let phase: 'connecting' | 'writing' | 'closing' = 'connecting';
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve();
    };
    const arm = (ms: number, what: string) => {
      clearTimeout(timer);
      timer = setTimeout(() => finish(new PrinterConnectionError(`${what} (${host}:${port}, ${ms} ms)`, phase === 'closing')), ms);
    };
    arm(connectTimeoutMs, 'printer did not accept the connection in time');

    socket.on('error', (error: NodeJS.ErrnoException) =>
      finish(new PrinterConnectionError(describe(error, host, port, phase), phase === 'closing')),
    );
    socket.on('end', () => {
      if (phase === 'closing') finish();
      else finish(new PrinterConnectionError(`printer closed the connection before taking the whole job (${host}:${port})`));
    });
    socket.on('close', () =>
      finish(new PrinterConnectionError(`connection to ${host}:${port} closed during ${phase}`, phase === 'closing')),
    );

    socket.once('connect', async () => {
      phase = 'writing';
      try {
        for (let offset = 0; offset < data.length && !settled; offset += chunkSize) {
          arm(idleTimeoutMs, 'printer stopped taking data');
          const chunk = data.subarray(offset, offset + chunkSize);
          if (!socket.write(chunk)) await waitForDrain(socket);
        }
        if (settled) return;
        phase = 'closing';
        arm(closeTimeoutMs, 'printer did not confirm the end of the job');
        socket.end();
      } catch (error) {
        finish(error as Error);
      }
    });
  });
}

function waitForDrain(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      socket.off('close', onClose);
      resolve();
    };
    const onClose = () => {
      socket.off('drain', onDrain);
      reject(new PrinterConnectionError('connection closed while sending'));
    };
    socket.once('drain', onDrain);
    socket.once('close', onClose);
  });
}

function describe(error: NodeJS.ErrnoException, host: string, port: number, phase: string): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return `printer refused the connection (${host}:${port}): is it on?`;
    case 'ECONNRESET':
    case 'EPIPE':
      return `printer dropped the connection while ${phase} (${host}:${port})`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `printer unreachable (${host}:${port})`;
    case 'ENOTFOUND':
      return `printer host not found (${host})`;
    default:
      return `${error.code ?? 'error'} talking to printer ${host}:${port}: ${error.message}`;
  }
}
