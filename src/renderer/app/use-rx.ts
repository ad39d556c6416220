import { useEffect, useState } from 'react';
import type { Observable } from 'rxjs';

/** Subscribes a component to an RxDB observable (a query's `$`); `deps` say when to resubscribe. */
export function useObservable<T>(factory: () => Observable<T> | null, initial: T, deps: unknown[]): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    const obs = factory();
    if (!obs) return;
    const sub = obs.subscribe(setValue);
    return () => sub.unsubscribe();
  }, deps);
  return value;
}
