import { useCallback, useRef, useState } from 'react';

/**
 * One action at a time per subject (a print job, a backorder, a task): a second press while one
 * runs does nothing, since it would act again on what the first has changed (a second label, a
 * refusal after a success). `busy` re-renders the subject's buttons off; the ref answers at once.
 */
export function useSingleFlight() {
  const inFlight = useRef(new Set<string>());
  const [busySubjects, setBusySubjects] = useState<ReadonlySet<string>>(new Set());
  const mark = useCallback((subject: string, running: boolean) => {
    if (running) inFlight.current.add(subject);
    else inFlight.current.delete(subject);
    setBusySubjects(new Set(inFlight.current));
  }, []);
  /** Runs `action` unless one runs on `subject` already; false when it did not run. */
  const run = useCallback(
    async (subject: string, action: () => Promise<void>): Promise<boolean> => {
      if (inFlight.current.has(subject)) return false;
      mark(subject, true);
      try {
        await action();
        return true;
      } finally {
        mark(subject, false);
      }
    },
    [mark],
  );
  const busy = useCallback((subject: string) => busySubjects.has(subject), [busySubjects]);
  return { run, busy };
}
