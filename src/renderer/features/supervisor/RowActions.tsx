import type { ReactNode } from 'react';
import type { SupervisorDesk } from './use-supervisor-desk';

/**
 * A row's buttons and fields, all off while an action on its subject runs: a disabled fieldset
 * turns off every control inside it, so no button can be forgotten.
 */
export function RowActions({ desk, subject, children }: { desk: SupervisorDesk; subject: string; children: ReactNode }) {
  const busy = desk.busy(subject);
  return (
    <fieldset className="supervisor__actions" disabled={busy} aria-busy={busy}>
      {children}
    </fieldset>
  );
}
