import type { StationOption, SupervisorFulfillmentOrder } from '../../../shared/contract/index';
import type { StationClient } from '../../station-client/index';
import { WorkRow } from './WorkRow';
import type { SupervisorDesk } from './use-supervisor-desk';

/** Fulfillment orders on hold, and those in progress at a station (the server refuses to move one busy elsewhere, and says so). */
export function WorkInProgress({
  client,
  desk,
  fulfillmentOrders,
  stations,
}: {
  client: StationClient;
  desk: SupervisorDesk;
  fulfillmentOrders: SupervisorFulfillmentOrder[];
  stations: StationOption[];
}) {
  return (
    <section>
      <h3>
        On hold and in progress <span className="count">{fulfillmentOrders.length}</span>
      </h3>
      {fulfillmentOrders.length === 0 ? (
        <p className="muted" data-testid="no-work">
          Nothing on hold, and no station is in the middle of an order.
        </p>
      ) : (
        <table data-testid="work-in-progress">
          <thead>
            <tr>
              <th>Order</th>
              <th>Customer</th>
              <th>Units</th>
              <th>State</th>
              <th>Since</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {fulfillmentOrders.map((fo) => (
              <WorkRow key={fo.id} client={client} desk={desk} fo={fo} stations={stations} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
