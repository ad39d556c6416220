import { describe, expect, it } from 'vitest';
import { createSoundPlayer, type SoundContext } from './sounds';

/** A stand-in for the browser's audio context (an outside edge): what was decoded, started and stopped. */
function fakeContext(state: AudioContextState = 'running') {
  const log: string[] = [];
  let sources = 0;
  const ctx = {
    state,
    destination: {} as AudioDestinationNode,
    resume: async () => void log.push('resume'),
    decodeAudioData: async (bytes: ArrayBuffer) => {
      // The bundled files are WAVs: what reaches the decoder is the file, not its data: URL.
      log.push(`decode ${new TextDecoder().decode(new Uint8Array(bytes, 0, 4))}:${new TextDecoder().decode(new Uint8Array(bytes, 8, 4))}`);
      return { duration: 0.1 } as AudioBuffer;
    },
    createBufferSource: () => {
      const n = ++sources;
      return {
        buffer: null,
        onended: null,
        connect: () => undefined,
        start: () => void log.push(`start ${n}`),
        stop: () => void log.push(`stop ${n}`),
      } as unknown as AudioBufferSourceNode;
    },
  };
  return { ctx: ctx as unknown as SoundContext, log };
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

  it('is silent, and throws nothing, where there is no audio', () => {
    const player = createSoundPlayer(() => null);
    expect(() => (player.play('error'), player.prepare())).not.toThrow();
    const failing = createSoundPlayer(() => {
      throw new Error('no audio device');
    });
    expect(() => failing.play('error')).not.toThrow();
  });
});
