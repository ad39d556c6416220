import { useEffect, useLayoutEffect, useRef } from 'react';
import type { ScannerSettings } from '../../shared/contract/settings';
import { useStation } from '../app/station-store';
import { restoreField, snapshotOf, typingTargetOf, type FieldSnapshot } from './field-snapshot';
import { noteKey } from './keyboard-quiet';
import { isExpectedCode } from './codes-expected';
import { createWedgeDetector } from './keyboard-wedge';
import { scanAgainMessage } from './scan-again-message';
import { DEFAULT_SCANNER_SETTINGS, wedgeConfigOf } from './wedge-config';

/**
 * Listens for keyboard-wedge scans anywhere on the page, a focused form field included: a scan
 * typed into a field is taken back out of it (the field keeps what the person typed) and goes
 * to `onScan`, and its terminator does not reach the field (no form submit, no blur). Part of a
 * code gets "scan again" with the error sound. PIN and password fields are left to the person.
 */
export function useScanner(onScan: ((code: string) => void) | null, settings: ScannerSettings = DEFAULT_SCANNER_SETTINGS) {
  const configKey = JSON.stringify(wedgeConfigOf(settings));
  // The detector outlives a change of screen (a new onScan): a scan under way, and the code read
  // last (a reread of it is dropped), carry over; the scan goes to the screen in front now.
  const deliver = useRef(onScan);
  useLayoutEffect(() => {
    deliver.current = onScan;
  }, [onScan]);
  const listening = onScan !== null;
  useEffect(() => {
    if (!listening) return;
    const detector = createWedgeDetector<FieldSnapshot>(JSON.parse(configKey), isExpectedCode);
    const onKey = (e: KeyboardEvent) => {
      noteKey();
      const field = typingTargetOf(e.target);
      const key = keyOf(e);
      // Shortcuts, held keys, input methods and PINs are a person's.
      if (field === 'private' || key === null || e.repeat || e.isComposing) return detector.reset();
      const outcome = detector.key({ key, time: e.timeStamp, target: field, before: field ? snapshotOf(field) : null });
      if (outcome.kind === 'typing') return;
      e.preventDefault();
      e.stopPropagation();
      if (outcome.restore) restoreField(outcome.restore);
      if (outcome.kind === 'scan') deliver.current?.(outcome.code);
      // One label read twice by a jittery scanner: counted once.
      else if (outcome.kind === 'reread') console.info('scanner read the same label twice: the second read is ignored', outcome.code);
      else useStation.getState().say('error', scanAgainMessage(outcome));
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [listening, configKey]);
}

/** The key as the detector reads it; null for a shortcut. Scanners send GS1's FNC1 as Ctrl+]. */
function keyOf(e: KeyboardEvent): string | null {
  if (e.ctrlKey && !e.altKey && e.key === ']') return '\u001d';
  const altGraph = e.getModifierState?.('AltGraph') ?? false;
  if ((e.ctrlKey || e.altKey || e.metaKey) && !altGraph && e.key.length === 1) return null;
  return e.key;
}
