import { connect } from 'node:net';
import { connectionTrouble } from '../../../shared/words/connection-trouble';
import { PrinterConnectionError } from '../transport/printer-error';

/** What a Zebra printer reports to ~HS (host status). */
export interface ZplHostStatus {
  paperOut: boolean;
  paused: boolean;
  headOpen: boolean;
  ribbonOut: boolean;
  /** Formats received but not yet printed. */
  formatsInBuffer: number;
  raw: string;
}

/**
 * Asks a ZPL printer for its host status over raw TCP. Resolves null when the printer accepts the
 * connection but does not answer (not every ZPL emulation implements ~HS); rejects when unreachable.
 */
export function queryZplHostStatus(host: string, port: number, options: { timeoutMs?: number } = {}): Promise<ZplHostStatus | null> {
  const timeoutMs = options.timeoutMs ?? 2000;
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    let reply = '';
    let connected = false;
    const done = (result: ZplHostStatus | null | Error) => {
      clearTimeout(timer);
      socket.destroy();
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const unreachable = (code: string, technical: string) =>
      new PrinterConnectionError(connectionTrouble(`The printer at ${host}:${port}`, code), `${code} ${technical} (${host}:${port})`);
    const timer = setTimeout(() => done(connected ? null : unreachable('ETIMEDOUT', `no connection within ${timeoutMs} ms`)), timeoutMs);
    socket.on('connect', () => {
      connected = true;
      socket.write('~HS');
    });
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString('latin1');
      const parsed = parseHostStatus(reply);
      if (parsed) done(parsed);
    });
    socket.on('error', (e: NodeJS.ErrnoException) => done(unreachable(e.code ?? 'ERROR', e.message)));
    socket.on('end', () => done(connected ? parseHostStatus(reply) : unreachable('ECONNRESET', 'printer closed the connection')));
  });
}

/** Parses the three STX..ETX strings of a ~HS reply; null until all three have arrived. */
export function parseHostStatus(text: string): ZplHostStatus | null {
  const strings = [...text.matchAll(/\u0002([^\u0003]*)\u0003/g)].map((m) => m[1]!.split(','));
  if (strings.length < 3) return null;
  const [first, second] = strings as [string[], string[]];
  return {
    paperOut: first[1] === '1',
    paused: first[2] === '1',
    formatsInBuffer: Number(first[4] ?? 0) || 0,
    headOpen: second[2] === '1',
    ribbonOut: second[3] === '1',
    raw: text,
  };
}
