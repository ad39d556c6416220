import type { PrinterConfig } from '../../../shared/contract/index';

/** What the "Add a printer" form holds, as typed. */
export interface PrinterDraft {
  name: string;
  language: PrinterConfig['language'];
  connection: PrinterConfig['connection']['kind'];
  host: string;
  port: string;
  queue: string;
  dpi: '203' | '300';
}

export type DraftField = 'name' | 'host' | 'port' | 'queue';
export type DraftErrors = Partial<Record<DraftField, string>>;

export const EMPTY_DRAFT: PrinterDraft = { name: '', language: 'zpl', connection: 'tcp', host: '', port: '9100', queue: '', dpi: '203' };

export const LANGUAGES: Record<PrinterConfig['language'], { label: string; short: string; hint: string }> = {
  zpl: {
    label: 'ZPL label printer (Zebra and compatibles)',
    short: 'ZPL label printer',
    hint: '4×6 thermal labels. Zebras listen on raw TCP port 9100.',
  },
  escpos: {
    label: 'ESC/POS receipt printer',
    short: 'ESC/POS receipt printer',
    hint: 'Slips and labels printed on the receipt roll, then cut.',
  },
  pdf: {
    label: 'PDF through an OS printer',
    short: 'PDF (OS printer)',
    hint: 'Any office printer: slips and lists on A4 or Letter sheets. Usually reached through an OS print queue.',
  },
};

export const CONNECTIONS: Record<PrinterConfig['connection']['kind'], string> = {
  tcp: 'Network (raw TCP)',
  cups: 'OS print queue (CUPS)',
};

/** Resolution matters only where the station renders to printer dots itself: ZPL. */
export function asksForDpi(language: PrinterConfig['language']): boolean {
  return language === 'zpl';
}

/** Inline messages for what the form holds; empty when it can be saved. */
export function validateDraft(draft: PrinterDraft, existingNames: readonly string[] = []): DraftErrors {
  const errors: DraftErrors = {};
  const name = draft.name.trim();
  if (!name) errors.name = 'Give the printer a name packers will recognise.';
  else if (name.length > 100) errors.name = 'Keep the name to 100 characters.';
  else if (existingNames.some((n) => n.trim().toLowerCase() === name.toLowerCase()))
    errors.name = `There is already a printer named ${name}.`;

  if (draft.connection === 'tcp') {
    const host = draft.host.trim();
    if (!host) errors.host = "Enter the printer's IP address or host name.";
    else if (/\s/.test(host)) errors.host = 'A host name cannot contain spaces.';
    else if (host.length > 255) errors.host = 'That host name is too long.';
    else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(host)) errors.host = 'Only the host name or IP address: no "http://" (printers take raw TCP).';
    else if (/[/?#@]/.test(host)) errors.host = 'Only the host name or IP address: no path, "?", "#" or "@".';
    else if (/^[^:[\]]+:\d+$/.test(host)) errors.host = 'Put the port in the Port field.';
    const port = draft.port.trim();
    if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535)
      errors.port = 'Port must be a whole number from 1 to 65535 (Zebras use 9100).';
  } else {
    const queue = draft.queue.trim();
    if (!queue) errors.queue = 'Enter the print queue name, as `lpstat -p` lists it.';
    else if (/[\s/#]/.test(queue)) errors.queue = 'A CUPS queue name has no spaces, "/" or "#".';
    else if (queue.length > 127) errors.queue = 'Keep the queue name to 127 characters.';
  }
  return errors;
}

/** The printer a valid draft describes. */
export function draftToPrinter(draft: PrinterDraft, id: string): PrinterConfig {
  return {
    id,
    name: draft.name.trim(),
    language: draft.language,
    dpi: asksForDpi(draft.language) && draft.dpi === '300' ? 300 : 203,
    connection:
      draft.connection === 'tcp'
        ? { kind: 'tcp', host: draft.host.trim(), port: Number(draft.port.trim()) }
        : { kind: 'cups', queue: draft.queue.trim() },
  };
}

export function describeConnection(connection: PrinterConfig['connection']): string {
  return connection.kind === 'tcp' ? `${connection.host}:${connection.port} (raw TCP)` : `OS queue ${connection.queue}`;
}
