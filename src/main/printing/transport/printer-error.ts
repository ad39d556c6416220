/**
 * A printer (or the station's OS print queue) did not take a job or answer. `message` is what the
 * packer reads: what happened and what to do. `detail` is the technical account (socket code,
 * address, phase, command output) kept for support beside it, never as the headline.
 */
export class PrinterConnectionError extends Error {
  constructor(
    message: string,
    readonly detail: string,
    /**
     * Every byte had been written when the send failed (the printer never confirmed the end): it
     * may well have read the job and printed it, so a retry can print a second copy.
     */
    readonly handedOver = false,
  ) {
    super(message);
  }
}

/** What is kept of any failure: a printer's own words and detail, else the error's message as both. */
export function printerTrouble(error: unknown): { message: string; detail: string | null } {
  if (error instanceof PrinterConnectionError) return { message: error.message, detail: error.detail };
  return { message: error instanceof Error ? error.message : String(error), detail: null };
}
