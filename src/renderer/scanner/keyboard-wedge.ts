/**
 * Tells a keyboard-wedge scan from typing: a scanner sends its characters faster than a person
 * can type, then Enter. Keystrokes slower than `maxInterKeyMs` reset the buffer.
 */
export interface WedgeOptions {
  maxInterKeyMs: number;
  minLength: number;
}

export function createWedgeDetector(options: WedgeOptions, onScan: (code: string) => void) {
  let buffer = '';
  let last = 0;
  let slowSeen = false;
  return {
    /** Feed a key; returns true when the key completed a scan (so the caller can swallow it). */
    key(key: string, timeStamp: number): boolean {
      const gap = timeStamp - last;
      last = timeStamp;
      if (key === 'Enter') {
        const code = buffer;
        const wasFast = !slowSeen;
        buffer = '';
        slowSeen = false;
        if (code.length >= options.minLength && wasFast) {
          onScan(code);
          return true;
        }
        return false;
      }
      if (key.length !== 1) return false;
      if (buffer && gap > options.maxInterKeyMs) {
        // A pause: what came before was typing. Start over from this key.
        buffer = '';
        slowSeen = false;
      }
      buffer += key;
      return false;
    },
    /** Configure: the Enter gap itself may be slower (some scanners pause before the suffix). */
    reset() {
      buffer = '';
      slowSeen = false;
    },
  };
}
