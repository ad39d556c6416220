/**
 * Node's socket error codes in the words of the person at the station: what happened to the
 * connection and what to do. The one mapping for devices reached at an address (printers, the
 * scale); the code itself belongs in the technical detail kept for support, never the headline.
 */
export const SOCKET_ERROR_CODES = ['ECONNREFUSED', 'EHOSTUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'ENOTFOUND'] as const;
export type SocketErrorCode = (typeof SOCKET_ERROR_CODES)[number];

// Codes that mean the same thing to someone standing at the device.
const SAME_AS: Readonly<Record<string, SocketErrorCode>> = {
  ENETUNREACH: 'EHOSTUNREACH',
  EHOSTDOWN: 'EHOSTUNREACH',
  EAI_AGAIN: 'ENOTFOUND',
  EPIPE: 'ECONNRESET',
  ECONNABORTED: 'ECONNRESET',
};

const WORDS: Readonly<Record<SocketErrorCode, { happened: string; todo: string }>> = {
  ECONNREFUSED: { happened: 'is not answering', todo: 'check it is switched on and its cable is in' },
  EHOSTUNREACH: { happened: 'cannot be reached on the network', todo: 'check it is switched on and its network cable is in' },
  ETIMEDOUT: { happened: 'did not answer in time', todo: 'check it is switched on and its network cable is in' },
  ECONNRESET: { happened: 'cut the connection', todo: 'check it for an error light, a jam or an open cover' },
  ENOTFOUND: { happened: 'cannot be found on the network', todo: 'ask a supervisor to check the address it is set up with' },
};

/** The code as one of SOCKET_ERROR_CODES (its kin folded in), or null for any other. */
export function socketErrorCode(code: string | undefined): SocketErrorCode | null {
  if (!code) return null;
  if ((SOCKET_ERROR_CODES as readonly string[]).includes(code)) return code as SocketErrorCode;
  return SAME_AS[code] ?? null;
}

/**
 * "The printer at 10.0.0.5:9100 is not answering: check it is switched on and its cable is in".
 * `device` names it with its address; a code not in the list reads as not answering.
 */
export function connectionTrouble(device: string, code: string | undefined): string {
  const words = WORDS[socketErrorCode(code) ?? 'ECONNREFUSED'];
  return `${device} ${words.happened}: ${words.todo}`;
}
