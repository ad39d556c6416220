import { connect, type Socket } from 'node:net';
import { connectionTrouble } from '../../../shared/words/connection-trouble';
import { PrinterConnectionError } from './printer-error';

export interface RawTcpOptions {
  connectTimeoutMs?: number;
  /** Longest wait for the printer to take the next chunk. */
  idleTimeoutMs?: number;
  /** After the last byte: longest wait for the printer to close its side, i.e. to have read everything. */
  closeTimeoutMs?: number;
  chunkSize?: number;
}

/**
 * Sends a job to a raw TCP (port 9100) printer: connect, write in chunks at the printer's pace,
 * half-close, then wait for the printer to close its side. A printer closes only after reading to
 * our end of stream, so that close is the proof it took the whole job; a reset, a refused
 * connection or a timeout means it did not. Failures say what happened in the packer's words
 * (PrinterConnectionError), with the socket code and phase as the detail for support.
 */
export function sendRawTcp(
  host: string,
  port: number,
  data: Uint8Array,
  options: RawTcpOptions & { beforeFirstByte?: () => Promise<void> } = {},
): Promise<void> {
  // After the last write the kernel may still hold megabytes the printer has yet to read: the close wait is the longer one.
  const { connectTimeoutMs = 3000, idleTimeoutMs = 4000, closeTimeoutMs = 15_000, chunkSize = 16 * 1024 } = options;
  const printer = `The printer at ${host}:${port}`;
  return new Promise<void>((resolve, reject) => {
    const socket: Socket = connect({ host, port });
    let phase: Phase = 'connecting';
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
    const fail = (code: string, technical: string) =>
      finish(
        new PrinterConnectionError(
          said(printer, code, phase),
          `${code} ${technical} (${host}:${port}, while ${phase})`,
          phase === 'closing',
        ),
      );
    const arm = (ms: number, what: string) => {
      clearTimeout(timer);
      timer = setTimeout(() => fail(phase === 'writing' ? STALLED : 'ETIMEDOUT', `${what} within ${ms} ms`), ms);
    };
    arm(connectTimeoutMs, 'no connection');

    socket.on('error', (error: NodeJS.ErrnoException) => fail(error.code ?? 'ERROR', error.message));
    socket.on('end', () => {
      if (phase === 'closing') finish();
      else fail('ECONNRESET', 'printer closed its side before taking the whole job');
    });
    socket.on('close', () => fail('ECONNRESET', 'connection closed'));

    socket.once('connect', async () => {
      try {
        // Connected, nothing written yet: the caller records that before any byte can print.
        await options.beforeFirstByte?.();
      } catch (error) {
        return finish(error as Error);
      }
      if (settled) return;
      phase = 'writing';
      try {
        for (let offset = 0; offset < data.length && !settled; offset += chunkSize) {
          arm(idleTimeoutMs, 'printer took no data');
          const chunk = data.subarray(offset, offset + chunkSize);
          if (!socket.write(chunk)) await waitForDrain(socket);
        }
        if (settled) return;
        phase = 'closing';
        arm(closeTimeoutMs, 'printer did not confirm the end of the job');
        socket.end();
      } catch {
        fail('ECONNRESET', 'connection closed while sending');
      }
    });
  });
}

type Phase = 'connecting' | 'writing' | 'closing';

/** Our own code for a printer that stopped reading part-way (no socket code says that). */
const STALLED = 'STALLED';

/** What the packer reads: after the whole label went out, the printer may have printed it. */
function said(printer: string, code: string, phase: Phase): string {
  // Sent is not read: the bytes may sit in a buffer the printer never read, or it may have printed them.
  if (phase === 'closing')
    return `${printer} ${code === 'ETIMEDOUT' ? 'did not confirm the label' : 'cut the connection'} after all of it was sent, so it may have printed`;
  if (code === STALLED) return `${printer} stopped taking the label part-way: check it for paper out, an open head or a pause`;
  return connectionTrouble(printer, code);
}

function waitForDrain(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      socket.off('close', onClose);
      resolve();
    };
    const onClose = () => {
      socket.off('drain', onDrain);
      reject(new Error('connection closed while sending'));
    };
    socket.once('drain', onDrain);
    socket.once('close', onClose);
  });
}
