import { useState } from 'react';
import { TAKE_AT_MOST } from '../../../shared/sync/lease-protocol';
import type { StationRuntime } from '../../app/station-runtime';
import { useStation } from '../../app/station-store';
import { useObservable } from '../../app/use-rx';
import { countByStatus, listByStatus } from '../../db/by-status';
import { holdReasonsText } from '../../../shared/domain/fulfillment-status';
import type { FulfillmentDocument } from '../../../shared/sync/fulfillment-document';
import { takeOrdersAhead } from './assigned-work';
import { lessShippedHere, shippedHere } from './shipped-here';

const HELD_STATUSES = ['in_progress', 'on_hold'] as const;
/** On-hold orders named beside the count; more are "and N more". */
const ON_HOLD_NAMED = 3;

/**
 * How many orders this station holds, and "Take N orders" from the pool (oldest first) while
 * online, so that offline it still has work: offline it packs only what it holds.
 */
export function TakeOrders({ rt }: { rt: StationRuntime }) {
  const online = useStation((s) => s.sync.connection.online);
  const held = useObservable(() => countByStatus(rt.db.fulfillment_orders, HELD_STATUSES, { claimedBy: rt.stationId }), 0, [rt]);
  // Shipped here while offline: no longer held, though the stored copies say so until the server hears.
  const shipped = useObservable(() => shippedHere(rt.db, rt.stationId), [], [rt]);
  // Held here but on hold: counted, yet not in the list to pack, so named here.
  const onHold = useObservable(
    () => listByStatus(rt.db.fulfillment_orders, ['on_hold'], ON_HOLD_NAMED + 1, { claimedBy: rt.stationId }),
    [],
    [rt],
  );
  // The field keeps what is typed (clearing it to type 3 must not turn it into 1, then 13).
  const [text, setText] = useState('5');
  const count = takeCount(text);
  const [busy, setBusy] = useState(false);
  async function take() {
    setBusy(true);
    try {
      if (count !== null) await takeOrdersAhead(rt, count);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="take-orders" data-testid="take-orders">
      <span>
        Held here{' '}
        <span className="count" data-testid="held-count">
          {lessShippedHere(held, shipped, HELD_STATUSES, rt.stationId)}
        </span>
        {onHold.length > 0 && (
          <span className="muted" data-testid="held-on-hold">
            {' '}
            of which on hold: {onHoldText(onHold.map((d) => d.toJSON() as FulfillmentDocument))}
          </span>
        )}
      </span>
      <label>
        Take
        <input
          type="number"
          min={1}
          max={TAKE_AT_MOST}
          size={3}
          value={text}
          data-testid="take-count"
          aria-invalid={count === null}
          onChange={(e) => setText(e.target.value)}
          onBlur={() => count === null && setText(String(clampedTake(text)))}
          onKeyDown={(e) => {
            if (e.key === 'Enter') e.currentTarget.blur();
          }}
        />
        orders
      </label>
      <button onClick={() => void take()} disabled={!online || busy || count === null} data-testid="take-orders-button">
        {busy ? 'Taking…' : 'Take orders'}
      </button>
      {count === null && (
        <span className="muted" role="status" data-testid="take-count-hint">
          Take 1 to {TAKE_AT_MOST} orders at a time
        </span>
      )}
      {!online && <span className="muted">Taking orders needs the server</span>}
    </div>
  );
}

/** The on-hold orders held here, each with why ("ORD-1042 (incorrect address)"). */
export function onHoldText(docs: readonly Pick<FulfillmentDocument, 'orderNumber' | 'holds'>[], named = ON_HOLD_NAMED): string {
  const names = docs.slice(0, named).map((d) => (d.holds.length ? `${d.orderNumber} (${holdReasonsText(d.holds)})` : d.orderNumber));
  return docs.length > named ? `${names.join(', ')} and more` : names.join(', ');
}

/** How many orders the field asks for: a whole number from 1 to {TAKE_AT_MOST}, else null (Take waits for one). */
export function takeCount(text: string): number | null {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(n) && n >= 1 && n <= TAKE_AT_MOST ? n : null;
}

/** What the field shows once left holding something else: the nearest count it could mean. */
export function clampedTake(text: string): number {
  return Math.min(TAKE_AT_MOST, Math.max(1, Math.round(Number(text)) || 1));
}
