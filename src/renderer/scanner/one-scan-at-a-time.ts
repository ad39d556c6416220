import { useStation } from '../app/station-store';
import { scanRhythm, type ScanRhythm } from './scan-rhythm';

/**
 * Scans are handled one at a time, in the order they arrived. A scanner sends the next code
 * faster than the outbox writes the last one; two scans handled side by side would both read
 * the view before either is recorded, and count the same unit as the next one twice.
 */
export function oneScanAtATime(onError: (err: unknown) => void, rhythm?: Pick<ScanRhythm, 'began'>) {
  let last: Promise<void> = Promise.resolve();
  return (handle: () => Promise<void>): Promise<void> => {
    const ended = rhythm?.began();
    last = last
      .then(handle)
      .catch(onError)
      .finally(() => ended?.());
    return last;
  };
}

/** The station's one queue: scanner, badge and typed codes all go through it (and background sync waits for its pauses). */
export const inTurn = oneScanAtATime(sayNotRecorded, scanRhythm);

/** A scan that could not be recorded (refused content, a full disk) is said out loud, never lost in silence. */
export function sayNotRecorded(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  useStation.getState().say('error', `That scan was not recorded: ${message}. Scan again or call a supervisor.`);
}
