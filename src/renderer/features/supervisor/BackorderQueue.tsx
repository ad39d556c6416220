import type { SupervisorBackorder, WarehouseOption } from '../../../shared/contract/index';
import type { StationClient } from '../../station-client/index';
import { BackorderRow } from './BackorderRow';
import type { SupervisorDesk } from './use-supervisor-desk';

/**
 * This warehouse's backorders, by SKU, each SKU's in allocation order: a SKU's stock serves only
 * its own backorders, so ↑/↓ move one past its neighbour of the same SKU, never another SKU's.
 */
export function BackorderQueue({
  client,
  desk,
  backorders,
  warehouses,
}: {
  client: StationClient;
  desk: SupervisorDesk;
  backorders: SupervisorBackorder[];
  warehouses: WarehouseOption[];
}) {
  return (
    <section>
      <h3>
        Backorders{' '}
        <span className="count" data-testid="backorder-count">
          {backorders.length}
        </span>
      </h3>
      {backorders.length === 0 ? (
        <p className="muted" data-testid="no-backorders">
          No backorders: every line of this warehouse's orders has stock.
        </p>
      ) : (
        <table data-testid="backorders">
          <thead>
            <tr>
              <th>SKU</th>
              <th>Qty</th>
              <th>Order</th>
              <th>Waiting</th>
              <th>State</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {backorders.map((b, i) => (
              <BackorderRow
                key={b.id}
                client={client}
                desk={desk}
                backorder={b}
                warehouses={warehouses}
                above={sameSku(b, backorders[i - 1])}
                below={sameSku(b, backorders[i + 1])}
              />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The neighbour's id when it is of the same SKU (the list is grouped by SKU), else null: nothing to pass that way. */
const sameSku = (b: SupervisorBackorder, neighbour: SupervisorBackorder | undefined) =>
  neighbour && neighbour.sku === b.sku ? neighbour.id : null;
