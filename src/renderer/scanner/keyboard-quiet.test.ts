import { afterEach, describe, expect, it, vi } from 'vitest';
import { noteKey, whenKeyboardQuiet } from './keyboard-quiet';

afterEach(() => vi.useRealTimers());

describe('waiting for the keyboard to be quiet before moving focus', () => {
  it('acts at once after quiet, and waits while keys keep coming (a scan under way)', () => {
    vi.useFakeTimers();
    const acted = vi.fn();
    noteKey(performance.now() - 5_000);
    whenKeyboardQuiet(1_500, acted);
    expect(acted).toHaveBeenCalledTimes(1);

    const later = vi.fn();
    noteKey(performance.now());
    whenKeyboardQuiet(1_500, later);
    vi.advanceTimersByTime(1_000);
    noteKey(performance.now()); // the scan's next key
    vi.advanceTimersByTime(1_000);
    expect(later).not.toHaveBeenCalled();
    vi.advanceTimersByTime(600);
    expect(later).toHaveBeenCalledTimes(1);
  });

  it('can be called off (the prompt went away)', () => {
    vi.useFakeTimers();
    const acted = vi.fn();
    noteKey(performance.now());
    const cancel = whenKeyboardQuiet(1_500, acted);
    cancel();
    vi.advanceTimersByTime(5_000);
    expect(acted).not.toHaveBeenCalled();
  });
});
