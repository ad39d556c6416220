import { useState } from 'react';
import type { SupervisorFulfillmentOrder } from '../../../shared/contract/index';
import type { StationClient } from '../../station-client/index';
import { cancelOrderQuestion } from './cancel-order-words';
import type { SupervisorDesk } from './use-supervisor-desk';

/**
 * Cancels the customer's order (the office asked) after asking: the question names the order and
 * what becomes of its units, a reason is required, and Escape or "Keep it" goes back.
 */
export function CancelOrder({ client, desk, fo }: { client: StationClient; desk: SupervisorDesk; fo: SupervisorFulfillmentOrder }) {
  const [asking, setAsking] = useState(false);
  const [why, setWhy] = useState('');
  const [restock, setRestock] = useState(true);
  if (!asking) return <button onClick={() => setAsking(true)}>Cancel order…</button>;

  const cancel = () =>
    void desk
      .act(
        fo.id,
        () => client.call('supervisor.cancel-order', { orderId: fo.orderId, reason: why.trim(), restock }),
        `${fo.orderNumber} cancelled`,
      )
      .then(() => setAsking(false));
  return (
    <span
      className="supervisor__confirm supervisor__confirm--order"
      role="group"
      aria-label={`Cancel ${fo.orderNumber}`}
      data-testid="confirm-cancel-order"
      onKeyDown={(e) => e.key === 'Escape' && setAsking(false)}
    >
      <span className="supervisor__question" data-testid="cancel-question">
        {cancelOrderQuestion(fo, restock)}
      </span>
      {/* Opened by "Cancel order…": the reason is the next thing to type. */}
      <input autoFocus aria-label="Why cancel" placeholder="Why (customer rang…)" value={why} onChange={(e) => setWhy(e.target.value)} />
      <label>
        <input type="checkbox" checked={!restock} onChange={(e) => setRestock(!e.target.checked)} />
        Picked and not fit to sell: write the units off
      </label>
      <button className="danger" disabled={!why.trim()} onClick={cancel}>
        Cancel order
      </button>
      <button onClick={() => setAsking(false)}>Keep it</button>
    </span>
  );
}
