import type { PrinterConfig } from '../../../shared/contract/settings';
import { sendToCups, type CupsOptions } from './cups-lp';
import { sendRawTcp, type RawTcpOptions } from './tcp-raw';

export interface TransportOptions {
  tcp?: RawTcpOptions;
  cups?: CupsOptions;
}

/**
 * Called once the printer is reached, before the first byte goes out; the send waits for it (the
 * queue records it on disk, so a send cut off before then is known not to have printed).
 */
export type BeforeFirstByte = () => Promise<void>;

/** Delivers rendered bytes over the printer's configured connection. */
export async function sendToPrinter(
  printer: PrinterConfig,
  payload: Uint8Array,
  options: TransportOptions & { title?: string; beforeFirstByte?: BeforeFirstByte } = {},
): Promise<void> {
  const connection = printer.connection;
  switch (connection.kind) {
    case 'tcp':
      return sendRawTcp(connection.host, connection.port, payload, { ...options.tcp, beforeFirstByte: options.beforeFirstByte });
    case 'cups':
      // lp may spool the job as soon as it starts: from then on it may print.
      await options.beforeFirstByte?.();
      await sendToCups(connection.queue, payload, {
        ...options.cups,
        raw: printer.language !== 'pdf',
        title: options.title ?? 'Dockside label',
      });
      return;
  }
}
