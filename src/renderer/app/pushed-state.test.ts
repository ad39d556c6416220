import { describe, expect, it } from 'vitest';
import { pushedState } from './pushed-state';

describe('pushedState', () => {
  it('applies the snapshot when no push came while it was in flight', async () => {
    const applied: string[] = [];
    const state = pushedState<string>((v) => applied.push(v));
    await state.fetched(async () => 'snapshot');
    expect(applied).toEqual(['snapshot']);
  });

  it('keeps a push that landed before the older snapshot answer', async () => {
    const applied: string[] = [];
    const state = pushedState<string>((v) => applied.push(v));
    let answer!: (v: string) => void;
    const fetching = state.fetched(() => new Promise<string>((r) => (answer = r)));
    state.pushed('config fetched');
    answer('no config yet');
    await fetching;
    expect(applied).toEqual(['config fetched']);
    // Later pushes still apply.
    state.pushed('block added');
    expect(applied.at(-1)).toBe('block added');
  });
});
