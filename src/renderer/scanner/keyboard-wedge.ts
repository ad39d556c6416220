/**
 * Tells a keyboard-wedge scan from typing: a scanner sends its characters faster than a person
 * can type, then Enter. A gap longer than `maxInterKeyMs` starts the buffer over, so whatever a
 * person typed before the scan is not glued to it.
 */
export interface WedgeOptions {
  maxInterKeyMs: number;
  minLength: number;
}

export function createWedgeDetector(options: WedgeOptions, onScan: (code: string) => void) {
  let buffer = '';
  let last = -Infinity;
  return {
    /** Feed a key; returns true when the key completed a scan (so the caller can swallow it). */
    key(key: string, timeStamp: number): boolean {
      const gap = timeStamp - last;
      last = timeStamp;
      if (key === 'Enter') {
        const code = buffer;
        buffer = '';
        if (code.length >= options.minLength && gap <= options.maxInterKeyMs * 4) {
          onScan(code);
          return true;
        }
        return false;
      }
      if (key.length !== 1) return false;
      if (gap > options.maxInterKeyMs) buffer = '';
      buffer += key;
      return false;
    },
  };
}
