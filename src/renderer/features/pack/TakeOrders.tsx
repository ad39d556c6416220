import { useState } from 'react';
import { TAKE_AT_MOST } from '../../../shared/sync/lease-protocol';
import type { StationRuntime } from '../../app/station-runtime';
import { useStation } from '../../app/station-store';
import { useObservable } from '../../app/use-rx';
import { countByStatus } from '../../db/by-status';
import { takeOrdersAhead } from './assigned-work';

/**
 * How many orders this station holds, and "Take N orders" from the pool (oldest first) while
 * online, so that offline it still has work: offline it packs only what it holds.
 */
export function TakeOrders({ rt }: { rt: StationRuntime }) {
  const online = useStation((s) => s.sync.connection.online);
  const held = useObservable(() => countByStatus(rt.db.fulfillment_orders, ['in_progress', 'on_hold'], { claimedBy: rt.stationId }), 0, [
    rt,
  ]);
  const [count, setCount] = useState(5);
  const [busy, setBusy] = useState(false);
  async function take() {
    setBusy(true);
    try {
      await takeOrdersAhead(rt, count);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="take-orders" data-testid="take-orders">
      <span>
        Held here{' '}
        <span className="count" data-testid="held-count">
          {held}
        </span>
      </span>
      <label>
        Take
        <input
          type="number"
          min={1}
          max={TAKE_AT_MOST}
          size={3}
          value={count}
          data-testid="take-count"
          onChange={(e) => setCount(Math.min(TAKE_AT_MOST, Math.max(1, Number(e.target.value) || 1)))}
          onKeyDown={(e) => {
            if (e.key === 'Enter') e.currentTarget.blur();
          }}
        />
        orders
      </label>
      <button onClick={() => void take()} disabled={!online || busy} data-testid="take-orders-button">
        {busy ? 'Taking…' : 'Take orders'}
      </button>
      {!online && <span className="muted">Taking orders needs the server</span>}
    </div>
  );
}
