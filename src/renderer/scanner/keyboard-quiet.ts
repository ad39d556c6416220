/**
 * When the page last had a key (the scanner hook notes each one), so that focus is never moved in
 * the middle of a scan: the keyboard-wedge detector starts over when keys change field, and the
 * rest of a scan could then pass for a shorter code.
 */
let lastKeyAt = Number.NEGATIVE_INFINITY;

/** `at`: performance.now() when the key was handled (a late page errs towards waiting longer). */
export function noteKey(at = performance.now()): void {
  lastKeyAt = at;
}

/** Runs `then` once no key has come for `quietMs`; answers a function that cancels it. */
export function whenKeyboardQuiet(quietMs: number, then: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = () => {
    const wait = lastKeyAt + quietMs - performance.now();
    if (wait <= 0) then();
    else timer = setTimeout(check, wait);
  };
  check();
  return () => clearTimeout(timer);
}
