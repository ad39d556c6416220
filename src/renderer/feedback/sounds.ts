import completeData from '../../../resources/sounds/order-complete.wav?inline';
import errorData from '../../../resources/sounds/scan-error.wav?inline';
import successData from '../../../resources/sounds/scan-ok.wav?inline';

/**
 * Distinct sounds a packer can tell apart without looking: a short high chirp for a good scan,
 * two rising notes for an order complete, a long low buzz for an error. They are the files in
 * resources/sounds (scripts/make-resources.ts), bundled into the renderer, so no network.
 *
 * Played through Web Audio from buffers decoded once: starting a buffer costs the scan almost
 * nothing and sounds at once, where an <audio> element seeked back to its start cost about 1.5 ms
 * of the scan's own task and a burst of media events before the next frame (measured, issue 9).
 * The files are inlined (no fetch): a window loaded from file:// (Electron) may not fetch them.
 */
export type SoundName = 'success' | 'error' | 'complete';

const DATA: Record<SoundName, string> = { success: successData, error: errorData, complete: completeData };

const player = createSoundPlayer(
  () => (typeof AudioContext === 'undefined' ? null : new AudioContext()),
  // Recorded on the page, as the last sound is: end-to-end tests see the bundled files decode in a real browser.
  (name) => {
    if (typeof document !== 'undefined') document.documentElement.dataset[`sound${name[0]!.toUpperCase()}${name.slice(1)}`] = 'decoded';
  },
);

export function playSound(name: SoundName): void {
  // Recorded on the page so end-to-end tests can tell which sound played.
  const root = typeof document === 'undefined' ? null : document.documentElement;
  if (root) {
    root.dataset.lastSound = name;
    root.dataset.soundCount = String(Number(root.dataset.soundCount ?? 0) + 1);
  }
  player.play(name);
}

/** Decodes every sound ahead of the first one played (called on the page's first key press or tap). */
export const prepareSounds = (): void => player.prepare();

/** What playSound needs of Web Audio (a test gives its own). */
export type SoundContext = Pick<AudioContext, 'state' | 'resume' | 'suspend' | 'decodeAudioData' | 'createBufferSource' | 'destination'>;

/**
 * A running audio context renders silence without end: its audio thread and the browser's audio
 * service took about 0.8% of a core per page in the storm bench, and on a handheld it keeps the
 * audio device awake on battery. So it rests after this long without a sound; the next scan
 * wakes it (a packer scanning steadily never waits for that).
 */
export const REST_AFTER_SILENT_MS = 10_000;

/**
 * Plays the sounds through one audio context, made when first needed (`newContext`; null: no
 * audio here, and every sound is silent). Each file is decoded once.
 */
export function createSoundPlayer(newContext: () => SoundContext | null, onDecoded: (name: SoundName) => void = () => undefined) {
  let context: SoundContext | null = null;
  const decoded = new Map<SoundName, AudioBuffer>();
  const decoding = new Map<SoundName, Promise<AudioBuffer | null>>();
  const sounding = new Map<SoundName, AudioBufferSourceNode>();
  let resting: ReturnType<typeof setTimeout> | undefined;
  let suspending: Promise<void> | null = null;

  /** Suspends the context once nothing has sounded for REST_AFTER_SILENT_MS. */
  function restWhenSilent(ctx: SoundContext): void {
    clearTimeout(resting);
    resting = setTimeout(() => {
      if (sounding.size || ctx.state !== 'running') return;
      suspending = ctx
        .suspend()
        .catch(() => undefined)
        .finally(() => (suspending = null));
    }, REST_AFTER_SILENT_MS);
  }

  /** Running again: after the first key press or tap (a scan is one), or after a rest, even one still being taken. */
  function wake(ctx: SoundContext): void {
    if (suspending) void suspending.then(() => ctx.resume()).catch(() => undefined);
    else if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
  }

  // Asked again while there is none: audio can appear later (a test's stand-in, a device plugged in).
  const contextNow = () => (context ??= newContext());

  function bufferOf(ctx: SoundContext, name: SoundName): Promise<AudioBuffer | null> {
    let pending = decoding.get(name);
    if (!pending) {
      pending = ctx
        .decodeAudioData(bytesOf(DATA[name]))
        .then((buffer) => (decoded.set(name, buffer), onDecoded(name), buffer))
        .catch(() => null /* an unplayable file: silent, the visible message still shows */);
      decoding.set(name, pending);
    }
    return pending;
  }

  /** A scan during the same sound starts it again, as one sound: every scan is heard, none piles up. */
  function start(ctx: SoundContext, name: SoundName, buffer: AudioBuffer): void {
    sounding.get(name)?.stop();
    const source = ctx.createBufferSource();
    source.buffer = buffer;
    source.connect(ctx.destination);
    source.onended = () => {
      if (sounding.get(name) === source) sounding.delete(name);
      if (!sounding.size) restWhenSilent(ctx);
    };
    sounding.set(name, source);
    source.start();
  }

  return {
    play(name: SoundName): void {
      try {
        const ctx = contextNow();
        if (!ctx) return; // no audio at all: the visible message still shows
        clearTimeout(resting);
        wake(ctx);
        const buffer = decoded.get(name);
        if (buffer) return start(ctx, name, buffer);
        // Not decoded yet (the very first sound): heard as soon as it is.
        void bufferOf(ctx, name).then((b) => b && start(ctx, name, b));
      } catch {
        /* no audio device: the visible message still shows */
      }
    },
    prepare(): void {
      try {
        const ctx = contextNow();
        if (!ctx) return;
        for (const name of Object.keys(DATA) as SoundName[]) void bufferOf(ctx, name);
        restWhenSilent(ctx);
      } catch {
        /* no audio device */
      }
    },
  };
}

/** The bytes of a base64 data: URL (what Vite's ?inline import gives). */
function bytesOf(dataUrl: string): ArrayBuffer {
  const text = atob(dataUrl.slice(dataUrl.indexOf(',') + 1));
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes.buffer;
}
