import { useEffect } from 'react';
import { createWedgeDetector } from './keyboard-wedge';

/**
 * Listens for keyboard-wedge scans anywhere on the page, except while the packer is typing in a
 * form field (a scan into a field is typed input there, as the person meant).
 */
export function useScanner(onScan: ((code: string) => void) | null, options = { maxInterKeyMs: 50, minLength: 4 }) {
  useEffect(() => {
    if (!onScan) return;
    const detector = createWedgeDetector(options, onScan);
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
      if (detector.key(e.key, e.timeStamp)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [onScan, options.maxInterKeyMs, options.minLength]);
}
