import { useState } from 'react';
import type { ReturnStationDocument } from '../../../shared/sync/return-document';
import { closeShortConfirmation, unitsMissing } from './missing-units';

/**
 * "Nothing more in the box", asked twice: the first press only shows how many units would be
 * recorded as missing, and the focused confirm button (Enter) closes receiving; Escape or "No"
 * goes back to scanning. A scanner's Enter never reaches the button (use-scanner takes it).
 */
export function CloseReceiving({ doc, close }: { doc: ReturnStationDocument; close: (confirmedMissing: number) => Promise<unknown> }) {
  const [asking, setAsking] = useState(false);
  const missing = unitsMissing(doc);
  if (!asking)
    return (
      <button onClick={() => setAsking(true)} data-testid="close-receiving">
        Nothing more in the box
      </button>
    );
  return (
    <div role="group" aria-label="Close receiving short" onKeyDown={(e) => e.key === 'Escape' && setAsking(false)}>
      <button
        className="primary"
        autoFocus
        onClick={() => void close(missing).finally(() => setAsking(false))}
        data-testid="confirm-close-receiving"
      >
        {closeShortConfirmation(missing)}
      </button>
      <button onClick={() => setAsking(false)} data-testid="cancel-close-receiving">
        No, keep receiving
      </button>
    </div>
  );
}
