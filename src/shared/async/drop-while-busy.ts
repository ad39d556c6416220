/**
 * Wraps `work` so a call made while a run is in progress is dropped (resolves undefined at once):
 * a double-tapped button acts once. Unlike singleFlight, nothing runs again afterwards, since a
 * second press is not new work.
 */
export function dropWhileBusy<A extends unknown[], R>(work: (...args: A) => Promise<R>) {
  let busy = false;
  return async (...args: A): Promise<R | undefined> => {
    if (busy) return undefined;
    busy = true;
    try {
      return await work(...args);
    } finally {
      busy = false;
    }
  };
}
