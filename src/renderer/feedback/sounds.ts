/**
 * Distinct sounds a packer can tell apart without looking: a short high chirp for a good scan,
 * a long low buzz for an error. Generated with Web Audio, so no files and no network.
 */
export type SoundName = 'success' | 'error' | 'complete';

let ctx: AudioContext | null = null;

export function playSound(name: SoundName): void {
  // Recorded on the page so end-to-end tests can tell which sound played.
  const root = typeof document === 'undefined' ? null : document.documentElement;
  if (root) {
    root.dataset.lastSound = name;
    root.dataset.soundCount = String(Number(root.dataset.soundCount ?? 0) + 1);
  }
  try {
    ctx ??= new AudioContext();
    const tones: [number, number, OscillatorType][] =
      name === 'success'
        ? [[1760, 0.07, 'sine']]
        : name === 'complete'
          ? [
              [1320, 0.08, 'sine'],
              [1760, 0.12, 'sine'],
            ]
          : [[180, 0.45, 'square']];
    let at = ctx.currentTime;
    for (const [freq, seconds, type] of tones) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = type;
      osc.frequency.value = freq;
      gain.gain.value = name === 'error' ? 0.25 : 0.15;
      osc.connect(gain).connect(ctx.destination);
      osc.start(at);
      osc.stop(at + seconds);
      at += seconds + 0.03;
    }
  } catch {
    /* no audio device: the visible message still shows */
  }
}
