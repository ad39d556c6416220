import { useState } from 'react';
import type { StationOption, SupervisorFulfillmentOrder } from '../../../shared/contract/index';
import { HOLD_REASONS, holdReasonsText, type HoldReason } from '../../../shared/domain/fulfillment-status';
import type { StationClient } from '../../station-client/index';
import { ageText } from './age';
import { CancelOrder } from './CancelOrder';
import { moveTargets } from './move-targets';
import { RowActions } from './RowActions';
import type { SupervisorDesk } from './use-supervisor-desk';

/**
 * One held or busy fulfillment order: hold (with a reason) or release, move to another station,
 * take back to the pool from the station holding it, cancel the customer's order (after asking).
 */
export function WorkRow({
  client,
  desk,
  fo,
  stations,
}: {
  client: StationClient;
  desk: SupervisorDesk;
  fo: SupervisorFulfillmentOrder;
  stations: StationOption[];
}) {
  const [reason, setReason] = useState<HoldReason>('supervisor');
  const [station, setStation] = useState('');
  const where = fo.claimedBy ? `at ${fo.claimedByName ?? 'another station'}${fo.elsewhere ? '' : ' (here)'}` : 'not claimed';
  const stationName = stations.find((s) => s.id === station)?.name ?? '';

  return (
    <tr data-testid="work" data-order={fo.orderNumber}>
      <td className="ident">{fo.orderNumber}</td>
      <td>{fo.customerName}</td>
      <td>{fo.units}</td>
      <td>{fo.status === 'on_hold' ? `on hold: ${holdReasonsText(fo.holds)}` : `in progress ${where}`}</td>
      <td>{ageText(fo.updatedAt)}</td>
      <td>
        <RowActions desk={desk} subject={fo.id}>
          {fo.status === 'on_hold' ? (
            <button
              onClick={() =>
                void desk.act(fo.id, () => client.call('supervisor.release', { fulfillmentOrderId: fo.id }), `${fo.orderNumber} released`)
              }
            >
              Release
            </button>
          ) : (
            <>
              <select
                aria-label={`Hold reason for ${fo.orderNumber}`}
                value={reason}
                onChange={(e) => setReason(e.target.value as HoldReason)}
              >
                {HOLD_REASONS.map((r) => (
                  <option key={r} value={r}>
                    {holdReasonsText([r])}
                  </option>
                ))}
              </select>
              <button
                onClick={() =>
                  void desk.act(
                    fo.id,
                    () => client.call('supervisor.hold', { fulfillmentOrderId: fo.id, reasons: [reason] }),
                    `${fo.orderNumber} on hold`,
                  )
                }
              >
                Hold
              </button>
            </>
          )}
          <select aria-label={`Station for ${fo.orderNumber}`} value={station} onChange={(e) => setStation(e.target.value)}>
            <option value="">Move to station…</option>
            {moveTargets(stations, fo.claimedBy).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
                {s.current ? ' (here)' : ''}
              </option>
            ))}
          </select>
          <button
            disabled={!station}
            onClick={() =>
              void desk.act(
                fo.id,
                () =>
                  client.call('supervisor.move-fulfillment-order', {
                    fulfillmentOrderId: fo.id,
                    stationId: station,
                    reason: `moved to ${stationName} from the supervisor desk`,
                  }),
                `${fo.orderNumber} moved to ${stationName}`,
              )
            }
          >
            Move
          </button>
          {fo.claimedBy && (
            <button
              title="Take it from the station holding it: any station can take it from the pool"
              onClick={() =>
                void desk.act(
                  fo.id,
                  () =>
                    client.call('supervisor.take-back', {
                      fulfillmentOrderId: fo.id,
                      reason: `taken back to the pool from ${fo.claimedByName ?? 'the station holding it'} at the supervisor desk`,
                    }),
                  `${fo.orderNumber} is back in the pool: any station can take it`,
                )
              }
            >
              Take back to pool
            </button>
          )}
          <CancelOrder client={client} desk={desk} fo={fo} />
        </RowActions>
      </td>
    </tr>
  );
}
