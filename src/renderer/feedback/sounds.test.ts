import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSoundPlayer, REST_AFTER_SILENT_MS, type SoundContext } from './sounds';

/** A stand-in for the browser's audio context (an outside edge): what was decoded, started and stopped. */
function fakeContext(state: AudioContextState = 'running') {
  const log: string[] = [];
  let sources = 0;
  const made: AudioBufferSourceNode[] = [];
  const ctx = {
    state,
    destination: {} as AudioDestinationNode,
    resume: async () => void (log.push('resume'), (ctx.state = 'running')),
    suspend: async () => void (log.push('suspend'), (ctx.state = 'suspended')),
    decodeAudioData: async (bytes: ArrayBuffer) => {
      // The bundled files are WAVs: what reaches the decoder is the file, not its data: URL.
      log.push(`decode ${new TextDecoder().decode(new Uint8Array(bytes, 0, 4))}:${new TextDecoder().decode(new Uint8Array(bytes, 8, 4))}`);
      return { duration: 0.1 } as AudioBuffer;
    },
    createBufferSource: () => {
      const n = ++sources;
      const source = {
        buffer: null,
        onended: null,
        connect: () => undefined,
        start: () => void log.push(`start ${n}`),
        stop: () => void log.push(`stop ${n}`),
      } as unknown as AudioBufferSourceNode;
      made.push(source);
      return source;
    },
  };
  /** The browser says sound `n` (from 1) has played to its end. */
  const end = (n: number) => (made[n - 1]!.onended as () => void)();
  return { ctx: ctx as unknown as SoundContext, log, end };
}
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('sounds', () => {
  it('decodes each bundled file once, and a sound played again during itself starts again as one sound', async () => {
    const { ctx, log } = fakeContext();
    let made = 0;
    const said: string[] = [];
    const player = createSoundPlayer(
      () => (made++, ctx),
      (name) => said.push(name),
    );
    player.play('success');
    await settle();
    expect(log).toEqual(['decode RIFF:WAVE', 'start 1']);
    player.play('success');
    player.play('error');
    await settle();
    expect(log.slice(2)).toEqual(['stop 1', 'start 2', 'decode RIFF:WAVE', 'start 3']);
    player.prepare();
    await settle();
    // Only the one not decoded yet is.
    expect(log.filter((l) => l.startsWith('decode'))).toHaveLength(3);
    expect(made).toBe(1);
    expect(said).toEqual(['success', 'error', 'complete']);
  });

  it('resumes a context the browser suspended until the first key press', async () => {
    const { ctx, log } = fakeContext('suspended');
    createSoundPlayer(() => ctx).play('complete');
    await settle();
    expect(log).toEqual(['resume', 'decode RIFF:WAVE', 'start 1']);
  });

  describe('resting after a silence', () => {
    beforeEach(() => void vi.useFakeTimers());
    afterEach(() => void vi.useRealTimers());

    it('rests the context after a silence, and the next sound wakes it', async () => {
      const { ctx, log, end } = fakeContext();
      const player = createSoundPlayer(() => ctx);
      player.play('success');
      await vi.advanceTimersByTimeAsync(0);
      end(1);
      // A sound before the silence is long enough keeps it running.
      await vi.advanceTimersByTimeAsync(REST_AFTER_SILENT_MS - 1);
      player.play('success');
      await vi.advanceTimersByTimeAsync(REST_AFTER_SILENT_MS);
      // Still sounding (no end yet): never rested under a sound.
      expect(log).toEqual(['decode RIFF:WAVE', 'start 1', 'start 2']);
      end(2);
      await vi.advanceTimersByTimeAsync(REST_AFTER_SILENT_MS);
      expect(log.slice(3)).toEqual(['suspend']);
      expect(ctx.state).toBe('suspended');
      player.play('error');
      await vi.advanceTimersByTimeAsync(0);
      expect(log.slice(4)).toEqual(['resume', 'decode RIFF:WAVE', 'start 3']);
      expect(ctx.state).toBe('running');
    });

    it('rests a context made ready by the first key press once it has been silent', async () => {
      const { ctx, log } = fakeContext();
      createSoundPlayer(() => ctx).prepare();
      await vi.advanceTimersByTimeAsync(REST_AFTER_SILENT_MS - 1);
      expect(ctx.state).toBe('running');
      await vi.advanceTimersByTimeAsync(1);
      expect(log.filter((l) => !l.startsWith('decode'))).toEqual(['suspend']);
    });

    it('wakes the context for a sound asked while its rest is still being taken', async () => {
      const { ctx, log } = fakeContext();
      // The browser takes its time to suspend: the context still says running meanwhile.
      let suspended!: () => void;
      ctx.suspend = () => new Promise<void>((resolve) => (log.push('suspend'), (suspended = resolve)));
      const player = createSoundPlayer(() => ctx);
      player.prepare();
      await vi.advanceTimersByTimeAsync(REST_AFTER_SILENT_MS);
      player.play('success');
      await vi.advanceTimersByTimeAsync(0);
      expect(log).not.toContain('resume');
      (ctx as { state: AudioContextState }).state = 'suspended';
      suspended();
      await vi.advanceTimersByTimeAsync(0);
      // Started on the suspended context, heard once it runs again.
      expect(log.filter((l) => !l.startsWith('decode'))).toEqual(['suspend', 'start 1', 'resume']);
      expect(ctx.state).toBe('running');
    });
  });

  it('is silent, and throws nothing, where there is no audio', () => {
    const player = createSoundPlayer(() => null);
    expect(() => (player.play('error'), player.prepare())).not.toThrow();
    const failing = createSoundPlayer(() => {
      throw new Error('no audio device');
    });
    expect(() => failing.play('error')).not.toThrow();
  });
});
