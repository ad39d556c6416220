import { classifyScanCode, type ScanCodeKind, type ScanCodeProblem, type ScanCodeVerdict } from '../../shared/domain/scan-code';
import { wedgeTiming, type WedgeConfig } from './wedge-config';

/**
 * Tells a keyboard-wedge scan from typing. A scan is characters arriving at scanner speed and
 * then the terminator (Enter by default), optionally after a configured prefix. Nothing is
 * thrown away on a pause: when the terminator comes, the detector looks back over what arrived.
 * - Keys at most `jitterMs` apart form a run (Bluetooth scanners and busy renderers jitter).
 * - Runs separated by a pause up to `stallMs` (an event-loop stall) join into one code when the
 *   earlier run looks like a scanner's (two or more keys, or the first key after quiet), at most
 *   `maxStalls` times. A person's slow keys each make a run of one and never join.
 * - Of the joined candidates, the longest whose check holds (scan-code.ts) is the scan. Without
 *   one, the whole run of keys is a scan if its code needs no check and its keys averaged under
 *   `paceMs`; otherwise, at that pace, it is a fragment ("scan again"), never a shorter code.
 * - An unfinished scanner run just before (its terminator never came) makes what follows a split
 *   scan too, unless what follows passes its check on its own. Where no field takes the keys, any
 *   key left before a code without a check does (a page too busy to keep the scanner's rhythm can
 *   split off its first characters, even one).
 * - A jittery scanner reads one label twice: the same code again, starting within `rereadMs` of
 *   the last one's terminator, is a reread and is dropped (a person takes longer than that to
 *   present the next unit of the same item), as a scanner's own same-symbol delay would.
 * With a prefix configured the prefix marks where a scan starts, and pace does not matter.
 * Timestamps are the events' own (`KeyboardEvent.timeStamp`), so a late page still sees the
 * scanner's timing; the detector is pure and tests feed it times.
 */
export interface Keystroke<S> {
  /** `KeyboardEvent.key`. */
  key: string;
  time: number;
  /** Where the key's character lands (a form field), or null; a change of place starts over. */
  target?: unknown;
  /** That field as it was just before this key, to put back if this key begins a scan. */
  before?: S | null;
}

export type WedgeOutcome<S> =
  | { kind: 'typing' }
  | { kind: 'scan'; code: string; codeKind: ScanCodeKind; restore: S | null; began: number }
  | { kind: 'reread'; code: string; restore: S | null }
  | WedgeFragment<S>;
export type WedgeFragment<S = unknown> = { kind: 'fragment'; text: string; problem: ScanCodeProblem | 'split'; restore: S | null };

const MODIFIER_KEYS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock', 'NumLock', 'Fn']);
const TERMINATOR_KEYS = new Set(['Enter', 'Tab']);
const MAX_BUFFERED_KEYS = 256;
const TYPING = { kind: 'typing' } as const;

/**
 * `expected`: whether the station vouches for a code (the screen in front expects it, or it is one
 * of this warehouse's item codes: codes-expected.ts), asked only of an all-digit code that fails a
 * GTIN's check digit.
 */
export function createWedgeDetector<S = never>(settings: WedgeConfig, expected?: (digits: string) => boolean) {
  const config: WedgeConfig = expected ? { ...settings, expected } : settings;
  const timing = wedgeTiming(config);
  const terminatorKey = TERMINATOR_KEYS.has(config.suffix) ? config.suffix : null;
  let buffer: Keystroke<S>[] = [];
  /** The last scan: its code, and when its terminator came. */
  let last: { code: string; end: number } | null = null;

  function key(k: Keystroke<S>): WedgeOutcome<S> {
    if (MODIFIER_KEYS.has(k.key)) return TYPING;
    if (k.key === terminatorKey) {
      const keys = buffer;
      buffer = [];
      return unlessReread(judge(keys, k.time), k.time);
    }
    // Backspace, arrows, Escape and the like: a person is editing.
    if (k.key.length !== 1) return reset();
    const last = buffer.at(-1);
    if (last && (k.time - last.time > timing.orphanWindowMs || k.target !== last.target)) buffer = [];
    buffer.push(k);
    if (buffer.length > MAX_BUFFERED_KEYS) buffer.shift();
    if (terminatorKey || !textOf(buffer).endsWith(config.suffix)) return TYPING;
    const suffixStart = buffer.length - config.suffix.length;
    const end = buffer[suffixStart]!.time;
    const outcome = unlessReread(judge(buffer.slice(0, suffixStart), end), end);
    if (outcome.kind !== 'typing') buffer = [];
    return outcome;
  }

  /** A scan of the code scanned last, begun within `rereadMs` of its end, is the same label read twice. */
  function unlessReread(outcome: WedgeOutcome<S>, end: number): WedgeOutcome<S> {
    if (outcome.kind !== 'scan') return outcome;
    const again = last !== null && last.code === outcome.code && outcome.began - last.end <= config.rereadMs;
    last = { code: outcome.code, end };
    return again ? { kind: 'reread', code: outcome.code, restore: outcome.restore } : outcome;
  }

  function reset(): WedgeOutcome<S> {
    buffer = [];
    return TYPING;
  }

  /** The terminator came at `end`: what, of the keys before it, was a scan? */
  function judge(keys: Keystroke<S>[], end: number): WedgeOutcome<S> {
    if (!keys.length) return TYPING;
    const endGap = end - keys.at(-1)!.time;
    if (endGap > timing.stallMs) return TYPING;
    const starts = runStarts(keys);
    const chainRun = chainStart(keys, starts, endGap > timing.jitterMs ? 1 : 0);
    return config.prefix ? judgePrefixed(keys, starts[chainRun]!) : judgeBare(keys, endGap, starts, chainRun);
  }

  function judgeBare(keys: Keystroke<S>[], endGap: number, starts: number[], chainRun: number): WedgeOutcome<S> {
    const froms = starts.slice(chainRun); // longest candidate first
    const verdicts = froms.map((from) => classifyScanCode(textOf(keys.slice(from)), config));
    const checked = verdicts.findIndex((v) => v.whole && v.checked);
    const checkedVerdict = verdicts[checked];
    if (checkedVerdict?.whole) return scan(keys, froms[checked]!, checkedVerdict);
    const from = froms[0]!;
    if (meanGap(keys.slice(from), endGap) > timing.paceMs) return TYPING;
    const orphan = chainRun > 0 ? orphanRun(keys, starts[chainRun - 1]!, from) : null;
    if (orphan !== null) return fragment(keys, orphan, 'split');
    const verdict = verdicts[0]!;
    // Keys just before it that no field took: a busy page or a jittery scanner split the code's first
    // characters off. Without a check the code cannot tell where it starts: scanned again, never taken shorter.
    if (verdict.whole && from > 0 && keys[from]!.target == null) return fragment(keys, 0, 'split');
    if (verdict.whole) return scan(keys, from, verdict);
    return verdict.problem === 'too-short' ? TYPING : fragment(keys, from, verdict.problem);
  }

  function judgePrefixed(keys: Keystroke<S>[], chainFrom: number): WedgeOutcome<S> {
    const at = textOf(keys.slice(chainFrom)).lastIndexOf(config.prefix);
    if (at < 0) {
      // The prefix came before a pause too long to bridge: the scan was split.
      const earlier = textOf(keys.slice(0, chainFrom)).lastIndexOf(config.prefix);
      return earlier < 0 ? TYPING : fragment(keys, earlier, 'split');
    }
    const from = chainFrom + at;
    const verdict = classifyScanCode(textOf(keys.slice(from + config.prefix.length)), config);
    return verdict.whole ? scan(keys, from, verdict) : fragment(keys, from, verdict.problem);
  }

  /** Index of the first run of the candidate chain that ends at the terminator. */
  function chainStart(keys: Keystroke<S>[], starts: number[], stallsSoFar: number): number {
    let run = starts.length - 1;
    let stalls = stallsSoFar;
    while (run > 0 && stalls < timing.maxStalls) {
      const prevFrom = starts[run - 1]!;
      const gap = keys[starts[run]!]!.time - keys[starts[run]! - 1]!.time;
      const length = starts[run]! - prevFrom;
      const afterQuiet = prevFrom === 0 || keys[prevFrom]!.time - keys[prevFrom - 1]!.time > timing.stallMs;
      if (gap > timing.stallMs || (length < 2 && !afterQuiet)) break;
      run--;
      stalls++;
    }
    return run;
  }

  function runStarts(keys: Keystroke<S>[]): number[] {
    const starts = [0];
    for (let i = 1; i < keys.length; i++) if (keys[i]!.time - keys[i - 1]!.time > timing.jitterMs) starts.push(i);
    return starts;
  }

  /** Mean of the gaps at scanner speed (pauses excluded), the terminator's (if any) included; one key has no pace. */
  function meanGap(keys: Keystroke<S>[], endGap: number | null): number {
    if (keys.length < 2) return Infinity;
    const gaps = keys.slice(1).map((k, i) => k.time - keys[i]!.time);
    const fast = (endGap === null ? gaps : [...gaps, endGap]).filter((g) => g <= timing.jitterMs);
    return fast.length ? fast.reduce((a, b) => a + b, 0) / fast.length : Infinity;
  }

  /** The start of the scanner-like run between `from` and `to` that never got its terminator, or null. */
  function orphanRun(keys: Keystroke<S>[], from: number, to: number): number | null {
    const run = keys.slice(from, to);
    return run.length >= config.minLength && meanGap(run, null) <= timing.paceMs ? from : null;
  }

  return { key, reset: () => void reset() };
}

function textOf(keys: Keystroke<unknown>[]): string {
  return keys.map((k) => k.key).join('');
}

function scan<S>(keys: Keystroke<S>[], from: number, verdict: Extract<ScanCodeVerdict, { whole: true }>): WedgeOutcome<S> {
  return { kind: 'scan', code: verdict.code, codeKind: verdict.kind, restore: keys[from]?.before ?? null, began: keys[from]!.time };
}

function fragment<S>(keys: Keystroke<S>[], from: number, problem: ScanCodeProblem | 'split'): WedgeOutcome<S> {
  return { kind: 'fragment', text: textOf(keys.slice(from)), problem, restore: keys[from]?.before ?? null };
}

export type WedgeDetector<S> = ReturnType<typeof createWedgeDetector<S>>;
