import type { SupervisorBackorder, WarehouseOption } from '../../../shared/contract/index';
import type { StationClient } from '../../station-client/index';
import { BackorderRow } from './BackorderRow';
import type { SupervisorDesk } from './use-supervisor-desk';

/** This warehouse's backorder queue in allocation order (priority, then oldest first). */
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
                first={i === 0}
                last={i === backorders.length - 1}
              />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
