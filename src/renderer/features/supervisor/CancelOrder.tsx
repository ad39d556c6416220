import { useState } from 'react';
import type { SupervisorCancelPreview, SupervisorFulfillmentOrder } from '../../../shared/contract/index';
import { useStation } from '../../app/station-store';
import { StationCallError, type StationClient } from '../../station-client/index';
import { cancelOrderQuestion } from './cancel-order-words';
import type { SupervisorDesk } from './use-supervisor-desk';

/**
 * Cancels the customer's order (the office asked) after asking: the question, read from the server
 * first, names the order, all its units and what becomes of them, and the money; a reason is
 * required, and Escape or "Keep it" goes back.
 */
export function CancelOrder({ client, desk, fo }: { client: StationClient; desk: SupervisorDesk; fo: SupervisorFulfillmentOrder }) {
  const say = useStation((s) => s.say);
  // What the cancel would do, as the server says it: asking is showing it.
  const [asked, setAsked] = useState<SupervisorCancelPreview | null>(null);
  const [reading, setReading] = useState(false);
  const [why, setWhy] = useState('');
  const [restock, setRestock] = useState(true);
  const close = () => setAsked(null);
  const ask = () => {
    setReading(true);
    void client
      .call('supervisor.cancel-order-preview', { orderId: fo.orderId })
      .then(setAsked, (err: unknown) => say('error', err instanceof StationCallError ? err.message : String(err)))
      .finally(() => setReading(false));
  };
  if (!asked)
    return (
      <button disabled={reading} onClick={ask}>
        Cancel order…
      </button>
    );

  const cancel = () =>
    void desk
      .act(
        fo.id,
        () => client.call('supervisor.cancel-order', { orderId: fo.orderId, reason: why.trim(), restock }),
        `${fo.orderNumber} cancelled`,
      )
      .then(() => close());
  return (
    <span
      className="supervisor__confirm supervisor__confirm--order"
      role="group"
      aria-label={`Cancel ${fo.orderNumber}`}
      data-testid="confirm-cancel-order"
      onKeyDown={(e) => e.key === 'Escape' && close()}
    >
      <span className="supervisor__question" data-testid="cancel-question">
        {cancelOrderQuestion(asked, restock)}
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
      <button onClick={() => close()}>Keep it</button>
    </span>
  );
}
