import completeUrl from '../../../resources/sounds/order-complete.wav';
import errorUrl from '../../../resources/sounds/scan-error.wav';
import successUrl from '../../../resources/sounds/scan-ok.wav';

/**
 * Distinct sounds a packer can tell apart without looking: a short high chirp for a good scan,
 * two rising notes for an order complete, a long low buzz for an error. They are the files in
 * resources/sounds (scripts/make-resources.ts), bundled with the renderer, so no network.
 */
export type SoundName = 'success' | 'error' | 'complete';

const URLS: Record<SoundName, string> = { success: successUrl, error: errorUrl, complete: completeUrl };
const players = new Map<SoundName, HTMLAudioElement>();

export function playSound(name: SoundName): void {
  // Recorded on the page so end-to-end tests can tell which sound played.
  const root = typeof document === 'undefined' ? null : document.documentElement;
  if (root) {
    root.dataset.lastSound = name;
    root.dataset.soundCount = String(Number(root.dataset.soundCount ?? 0) + 1);
  }
  try {
    let player = players.get(name);
    if (!player) players.set(name, (player = new Audio(URLS[name])));
    // A scan during the previous sound starts it again: every scan is heard.
    player.currentTime = 0;
    void player.play().catch(() => undefined /* no audio device, or not allowed yet: the visible message still shows */);
  } catch {
    /* no audio at all: the visible message still shows */
  }
}
