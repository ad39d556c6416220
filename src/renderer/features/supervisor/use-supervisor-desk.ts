import { useCallback, useEffect, useState } from 'react';
import type {
  StationOption,
  SupervisorBackorder,
  SupervisorFulfillmentOrder,
  SupervisorTask,
  WarehouseOption,
} from '../../../shared/contract/index';
import { useStation } from '../../app/station-store';
import { StationCallError, type StationClient } from '../../station-client/index';

export interface SupervisorDeskData {
  backorders: SupervisorBackorder[];
  fulfillmentOrders: SupervisorFulfillmentOrder[];
  tasks: SupervisorTask[];
  warehouses: WarehouseOption[];
  stations: StationOption[];
}

export interface SupervisorDesk {
  data: SupervisorDeskData | null;
  loading: boolean;
  /** Runs one supervisor action, says how it went, and reloads everything (others work on the same queue). */
  act(action: () => Promise<unknown>, done: string): Promise<boolean>;
  refresh(): Promise<void>;
}

const errorText = (err: unknown) => (err instanceof StationCallError ? err.message : String(err));

export function useSupervisorDesk(client: StationClient): SupervisorDesk {
  const say = useStation((s) => s.say);
  const [data, setData] = useState<SupervisorDeskData | null>(null);
  const [loading, setLoading] = useState(false);

  const refresh = useCallback(async () => {
    setLoading(true);
    try {
      const [backorders, fulfillmentOrders, tasks, warehouses, stations] = await Promise.all([
        client.call('supervisor.backorders'),
        client.call('supervisor.fulfillment-orders'),
        client.call('supervisor.tasks'),
        client.call('supervisor.warehouses'),
        client.call('supervisor.stations'),
      ]);
      setData({ backorders, fulfillmentOrders, tasks, warehouses, stations });
    } catch (err) {
      say('error', errorText(err));
    } finally {
      setLoading(false);
    }
  }, [client, say]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const act = useCallback(
    async (action: () => Promise<unknown>, done: string) => {
      try {
        await action();
        say('success', done);
        return true;
      } catch (err) {
        say('error', errorText(err));
        return false;
      } finally {
        await refresh();
      }
    },
    [refresh, say],
  );

  return { data, loading, act, refresh };
}
