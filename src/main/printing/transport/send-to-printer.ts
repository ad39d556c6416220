import type { PrinterConfig } from '../../../shared/contract/settings';
import { sendToCups, type CupsOptions } from './cups-lp';
import { sendRawTcp, type RawTcpOptions } from './tcp-raw';

export interface TransportOptions {
  tcp?: RawTcpOptions;
  cups?: CupsOptions;
}

/** Delivers rendered bytes over the printer's configured connection. */
export async function sendToPrinter(
  printer: PrinterConfig,
  payload: Uint8Array,
  options: TransportOptions & { title?: string } = {},
): Promise<void> {
  const connection = printer.connection;
  switch (connection.kind) {
    case 'tcp':
      return sendRawTcp(connection.host, connection.port, payload, options.tcp);
    case 'cups':
      await sendToCups(connection.queue, payload, {
        ...options.cups,
        raw: printer.language !== 'pdf',
        title: options.title ?? 'Dockside label',
      });
      return;
  }
}
