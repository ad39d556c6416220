import { useState } from 'react';
import type { StationRuntime } from '../../app/station-runtime';
import { packHereInstead, takeHereWords, useTakeHereOffer } from './take-here-offer';

/**
 * "Pack it here instead", with what it does said before it is done: shown when the order scanned
 * is open at this person's other screen and that screen is gone (take-here-offer.ts).
 */
export function TakeHereOffer({ rt, openByNumber }: { rt: StationRuntime; openByNumber: (orderNumber: string) => Promise<void> }) {
  const offer = useTakeHereOffer((s) => s.offer);
  const [busy, setBusy] = useState(false);
  if (!offer) return null;
  const confirm = async () => {
    setBusy(true);
    try {
      await packHereInstead(rt, openByNumber);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="take-here" role="group" aria-label="Pack it here instead" data-testid="take-here">
      <p>{takeHereWords(offer.orderNumber)}</p>
      <div className="actions">
        <button className="primary" onClick={() => void confirm()} disabled={busy} data-testid="take-here-confirm">
          {busy ? 'Moving it here…' : 'Pack it here instead'}
        </button>
        <button onClick={() => useTakeHereOffer.setState({ offer: null })} disabled={busy} data-testid="take-here-decline">
          Leave it there
        </button>
      </div>
    </div>
  );
}
