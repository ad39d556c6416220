import { useState } from 'react';
import type { SupervisorBackorder, WarehouseOption } from '../../../shared/contract/index';
import type { StationClient } from '../../station-client/index';
import { skuQueuePlace } from '../../../shared/words/queue-words';
import { ageText } from './age';
import { useBackorderStock } from './use-backorder-stock';
import { RowActions } from './RowActions';
import type { SupervisorDesk } from './use-supervisor-desk';

interface Props {
  client: StationClient;
  desk: SupervisorDesk;
  backorder: SupervisorBackorder;
  warehouses: WarehouseOption[];
  /** The backorder of the same SKU just before it, and just after it; null at either end of its SKU's queue. */
  above: string | null;
  below: string | null;
}

/** One backorder: reassign to another warehouse, move up or down its SKU's queue, cancel after confirming. */
export function BackorderRow({ client, desk, backorder: b, warehouses, above, below }: Props) {
  const [target, setTarget] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [why, setWhy] = useState('');
  const label = `${b.quantity} × ${b.sku} for ${b.orderNumber}`;
  const targetName = warehouses.find((w) => w.id === target)?.name ?? '';
  const stock = useBackorderStock(client, b.id);

  return (
    <tr data-testid="backorder" data-order={b.orderNumber}>
      <td>{b.sku}</td>
      <td>{b.quantity}</td>
      <td className="ident">{b.orderNumber}</td>
      <td>{ageText(b.createdAt)}</td>
      <td>
        {b.status === 'allocated' ? 'stock held here' : 'waiting for stock'}
        {b.queue ? <span data-testid="queue-place"> · {skuQueuePlace(b.queue, b.sku)}</span> : null}
      </td>
      <td>
        <RowActions desk={desk} subject={b.id}>
          <button
            aria-label={`Move ${label} up`}
            disabled={!above}
            onClick={() =>
              void desk.act(
                b.id,
                () => client.call('supervisor.reorder-backorder', { backorderId: b.id, direction: 'up', past: above! }),
                `${label} moved up`,
              )
            }
          >
            ↑
          </button>
          <button
            aria-label={`Move ${label} down`}
            disabled={!below}
            onClick={() =>
              void desk.act(
                b.id,
                () => client.call('supervisor.reorder-backorder', { backorderId: b.id, direction: 'down', past: below! }),
                `${label} moved down`,
              )
            }
          >
            ↓
          </button>
          <select
            aria-label={`Warehouse for ${b.orderNumber}`}
            data-testid="reassign-target"
            value={target}
            onFocus={stock.load}
            onPointerDown={stock.load}
            onChange={(e) => setTarget(e.target.value)}
          >
            <option value="">Reassign to…</option>
            {warehouses.map((w) => (
              <option key={w.id} value={w.id} disabled={stock.short(w.id, b.quantity)}>
                {w.code} · {w.name}
                {w.current ? ' (here)' : ''}
                {stock.text(w.id)}
              </option>
            ))}
          </select>
          <button
            disabled={!target}
            onClick={() =>
              void desk.act(
                b.id,
                () =>
                  client.call('supervisor.reassign-backorder', {
                    backorderId: b.id,
                    warehouseId: target,
                    reason: `reassigned to ${targetName} from the supervisor desk`,
                  }),
                `${label} reassigned to ${targetName}`,
              )
            }
          >
            Reassign
          </button>
          {!confirming && <button onClick={() => setConfirming(true)}>Cancel…</button>}
          {confirming && (
            <span className="supervisor__confirm" data-testid="confirm-cancel">
              {/* Opened by Cancel: the reason is the next thing to type. */}
              <input
                autoFocus
                aria-label="Why cancel"
                placeholder="Why (refunded if paid)"
                value={why}
                onChange={(e) => setWhy(e.target.value)}
              />
              <button
                className="danger"
                disabled={!why.trim()}
                onClick={() =>
                  void desk
                    .act(
                      b.id,
                      () => client.call('supervisor.cancel-backorder', { backorderId: b.id, reason: why.trim() }),
                      `${label} cancelled`,
                    )
                    .then(() => setConfirming(false))
                }
              >
                Cancel backorder
              </button>
              <button onClick={() => setConfirming(false)}>Keep it</button>
            </span>
          )}
        </RowActions>
      </td>
    </tr>
  );
}
