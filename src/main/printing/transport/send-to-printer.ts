import type { PrinterConfig } from '../../../shared/contract/settings';
import { sendRawTcp, type RawTcpOptions } from './tcp-raw';

export interface TransportOptions {
  tcp?: RawTcpOptions;
}

/** Delivers rendered bytes over the printer's configured connection. */
export async function sendToPrinter(printer: PrinterConfig, payload: Uint8Array, options: TransportOptions = {}): Promise<void> {
  const connection = printer.connection;
  switch (connection.kind) {
    case 'tcp':
      return sendRawTcp(connection.host, connection.port, payload, options.tcp);
    case 'cups':
      throw new Error('CUPS printing is not available yet');
  }
}
