import { connect } from 'node:net';
import type { PrinterStatus } from '../../../shared/contract/printing';
import type { PrinterConfig } from '../../../shared/contract/settings';
import { cupsQueueState, type CupsOptions, type CupsQueueState } from '../transport/cups-lp';
import { queryZplHostStatus } from './zpl-host-status';
import { connectionTrouble } from '../../../shared/words/connection-trouble';
import { PrinterConnectionError, printerTrouble } from '../transport/printer-error';

/**
 * Checks a printer: ZPL printers are asked for ~HS, CUPS queues through lpstat, anything else
 * only for whether it accepts a connection (it has no way to say more).
 */
export async function checkPrinter(
  printer: PrinterConfig,
  options: { timeoutMs?: number; cups?: CupsOptions } = {},
): Promise<PrinterStatus> {
  const base = { printerId: printer.id, printerName: printer.name, checkedAt: new Date().toISOString() };
  const c = printer.connection;
  try {
    if (c.kind === 'cups') {
      const q = await cupsQueueState(c.queue, options.cups);
      // lpstat's own line ("printer Zebra_1 disabled since …") is for support; the supervisor reads what it means.
      return {
        ...base,
        reachable: true,
        reported: true,
        ready: q.enabled,
        problems: q.enabled ? [] : ['queue disabled'],
        detail: cupsStateWords(c.queue, q.state),
        technicalDetail: q.detail || null,
      };
    }
    if (printer.language === 'zpl') {
      const hs = await queryZplHostStatus(c.host, c.port, { timeoutMs: options.timeoutMs });
      if (!hs)
        return {
          ...base,
          reachable: true,
          reported: false,
          ready: null,
          problems: [],
          detail: 'It accepts connections but did not say whether it has paper or its head is closed',
          technicalDetail: 'no answer to ~HS (ZPL host status)',
        };
      const problems = [hs.paperOut && 'paper out', hs.paused && 'paused', hs.headOpen && 'head open', hs.ribbonOut && 'ribbon out'].filter(
        (p): p is string => Boolean(p),
      );
      return {
        ...base,
        reachable: true,
        reported: true,
        ready: problems.length === 0,
        problems,
        detail: hs.formatsInBuffer ? `${hs.formatsInBuffer} label(s) waiting in the printer` : null,
      };
    }
    await canConnect(c.host, c.port, options.timeoutMs ?? 2000);
    return { ...base, reachable: true, reported: false, ready: null, problems: [], detail: null };
  } catch (error) {
    const { message, detail } = printerTrouble(error);
    return {
      ...base,
      reachable: false,
      reported: false,
      ready: false,
      problems: ['unreachable'],
      detail: message,
      technicalDetail: detail,
    };
  }
}

/** A CUPS queue's state as a supervisor reads it. */
function cupsStateWords(queue: string, state: CupsQueueState['state']): string | null {
  switch (state) {
    case 'disabled':
      return `The station's print queue "${queue}" is stopped: resume it in the computer's printer settings`;
    case 'printing':
      return `The station's print queue "${queue}" is printing`;
    case 'idle':
      return `The station's print queue "${queue}" is ready`;
    default:
      return null;
  }
}

function canConnect(host: string, port: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const unreachable = (code: string, technical: string) =>
      new PrinterConnectionError(connectionTrouble(`The printer at ${host}:${port}`, code), `${code} ${technical} (${host}:${port})`);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(unreachable('ETIMEDOUT', `no connection within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('connect', () => {
      clearTimeout(timer);
      socket.end();
      resolve();
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(unreachable(e.code ?? 'ERROR', e.message));
    });
  });
}
