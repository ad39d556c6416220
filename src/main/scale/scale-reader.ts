import { open } from 'node:fs/promises';
import { connect } from 'node:net';
import type { ScaleConfig, ScaleConnection, ScaleReading } from '../../shared/contract/scale';
import { HandlerError } from '../../shared/contract/dispatch';
import { NCI, NciProtocolError, parseWeightAnswer } from './nci-protocol';
import { connectionTrouble } from '../../shared/words/connection-trouble';

/** One request and its answer, up to ETX, over whatever carries the serial line. */
type Exchange = (command: string, timeoutMs: number) => Promise<string>;

const ANSWER_LIMIT = 256;

/** Collects bytes until ETX; refuses a line that never ends (a scale streaming another protocol). */
function answerCollector(resolve: (text: string) => void, reject: (e: Error) => void) {
  let buffer = Buffer.alloc(0);
  return (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    const end = buffer.indexOf(NCI.etx);
    if (end >= 0) resolve(buffer.subarray(0, end + 1).toString('latin1'));
    else if (buffer.length > ANSWER_LIMIT)
      reject(new NciProtocolError('the scale sent a long answer without ETX: is it set to the NCI protocol?'));
  };
}

/** A serial-to-TCP bridge (a port server, ser2net): one connection per request, so a dropped link heals by itself. */
function tcpExchange(c: Extract<ScaleConnection, { kind: 'tcp' }>): Exchange {
  return (command, timeoutMs) =>
    new Promise((resolve, reject) => {
      const socket = connect({ host: c.host, port: c.port });
      const done = (fn: () => void) => {
        clearTimeout(timer);
        socket.destroy();
        fn();
      };
      const timer = setTimeout(
        () => done(() => reject(new HandlerError('scale_no_answer', `the scale at ${c.host}:${c.port} did not answer`, 504))),
        timeoutMs,
      );
      socket.on('connect', () => socket.write(command, 'latin1'));
      socket.on(
        'data',
        answerCollector(
          (text) => done(() => resolve(text)),
          (e) => done(() => reject(e)),
        ),
      );
      // What to do in words (connection-trouble.ts); the socket code and message for support.
      socket.on('error', (e: NodeJS.ErrnoException) =>
        done(() =>
          reject(
            new HandlerError('scale_unreachable', connectionTrouble(`The scale at ${c.host}:${c.port}`, e.code), 503, {
              technical: `${e.code ?? 'ERROR'} ${e.message}`,
            }),
          ),
        ),
      );
    });
}

/** A serial port or PTY path, its line settings made by the system (stty); opened for each request. */
function deviceExchange(c: Extract<ScaleConnection, { kind: 'device' }>): Exchange {
  return async (command, timeoutMs) => {
    const file = await open(c.path, 'r+').catch((e: Error) => {
      throw new HandlerError('scale_unreachable', `the scale at ${c.path} cannot be opened: ${e.message}`, 503);
    });
    const stream = file.createReadStream({ autoClose: false });
    try {
      return await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new HandlerError('scale_no_answer', `the scale at ${c.path} did not answer`, 504)),
          timeoutMs,
        );
        const collect = answerCollector(
          (text) => (clearTimeout(timer), resolve(text)),
          (e) => (clearTimeout(timer), reject(e)),
        );
        stream.on('data', (chunk) => collect(chunk as Buffer));
        stream.on('error', (e) => (clearTimeout(timer), reject(e)));
        file.write(command, null, 'latin1').catch(reject);
      });
    } finally {
      stream.destroy();
      await file.close().catch(() => undefined);
    }
  };
}

export interface ScaleReader {
  read(): Promise<ScaleReading>;
}

/**
 * Reads the weight: asks again while the scale is in motion, until it settles or settleMs pass
 * (then the last reading, in motion, is the answer: the packer waits or types the weight).
 */
export function createScaleReader(config: ScaleConfig, o: { pollMs?: number; now?: () => number } = {}): ScaleReader {
  const exchange = config.connection.kind === 'tcp' ? tcpExchange(config.connection) : deviceExchange(config.connection);
  const now = o.now ?? Date.now;
  const pollMs = o.pollMs ?? 150;
  const once = async () => {
    try {
      return parseWeightAnswer(await exchange(NCI.weigh, config.answerTimeoutMs)).reading;
    } catch (e) {
      if (e instanceof NciProtocolError) throw new HandlerError('scale_protocol', e.message, 502);
      throw e;
    }
  };
  return {
    async read() {
      const until = now() + config.settleMs;
      let reading = await once();
      while (reading.state === 'motion' && now() < until) {
        await new Promise((r) => setTimeout(r, pollMs));
        reading = await once();
      }
      return reading;
    },
  };
}

/** The scale.read handler: the station's settings say where the scale is (none: the packer types the weight). */
export function scaleHandlersOf(config: () => ScaleConfig | null) {
  return {
    'scale.read': async () => {
      const c = config();
      if (!c) throw new HandlerError('scale_not_configured', 'no scale is set up at this station: type the weight', 409);
      return createScaleReader(c).read();
    },
  };
}
