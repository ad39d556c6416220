/**
 * Wraps `work` so calls coalesce: at most one run at a time, and calls during a run cause one
 * more run after it (never a lost wake-up, never two runs at once).
 */
export function singleFlight(work: () => Promise<void>, onError: (err: unknown) => void) {
  let running: Promise<void> | null = null;
  let again = false;
  const call = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await work();
        } catch (err) {
          onError(err);
          return;
        }
      } while (again);
    })().finally(() => {
      running = null;
    });
    return running;
  };
  return Object.assign(call, { idle: async () => void (await running) });
}
