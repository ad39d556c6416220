import { useEffect } from 'react';
import type { PackController } from '../features/pack/pack-controller';
import { createWedgeDetector } from './keyboard-wedge';

/**
 * Listens for keyboard-wedge scans anywhere on the page, except while the packer is typing in a
 * form field (a scan into a field is typed input there, as the person meant).
 */
export function useScanner(controller: PackController | null, options = { maxInterKeyMs: 50, minLength: 4 }) {
  useEffect(() => {
    if (!controller) return;
    const detector = createWedgeDetector(options, (code) => void controller.onScan(code));
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
      if (detector.key(e.key, e.timeStamp)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [controller, options.maxInterKeyMs, options.minLength]);
}
