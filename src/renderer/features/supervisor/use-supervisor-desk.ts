import { useCallback, useEffect, useState } from 'react';
import { useSingleFlight } from '../../app/use-single-flight';
import type {
  StationOption,
  SupervisorBackorder,
  SupervisorFulfillmentOrder,
  SupervisorTask,
  WarehouseOption,
} from '../../../shared/contract/index';
import { useStation } from '../../app/station-store';
import { StationCallError, type StationClient } from '../../station-client/index';
import { watchTaskList } from './live-task-list';

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
  /**
   * Runs one supervisor action on a subject (a backorder, a fulfillment order, a task), says how
   * it went, and reloads everything (others work on the same queue). One at a time per subject:
   * a second press while one runs does nothing (false), as it would fail on the changed subject.
   * `done` is what to say, or says it from what the action answered (an error when it went only part way).
   */
  act<T>(subject: string, action: () => Promise<T>, done: string | ((result: T) => Outcome)): Promise<boolean>;
  /** An action on the subject is running, or the desk is reloading after it: its buttons are off. */
  busy(subject: string): boolean;
  refresh(): Promise<void>;
}

/** What a supervisor is told when an action is done. */
export interface Outcome {
  kind: 'success' | 'error';
  text: string;
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

  // Tasks opened, joined or resolved anywhere reach the list as they happen (the first load brings them before that).
  useEffect(() => watchTaskList(client, (tasks) => setData((shown) => (shown ? { ...shown, tasks } : shown))), [client]);

  const { run, busy } = useSingleFlight();
  const act = useCallback(
    async <T>(subject: string, action: () => Promise<T>, done: string | ((result: T) => Outcome)) => {
      let succeeded = false;
      const ran = await run(subject, async () => {
        try {
          const result = await action();
          const outcome: Outcome = typeof done === 'string' ? { kind: 'success', text: done } : done(result);
          say(outcome.kind, outcome.text);
          succeeded = true;
        } catch (err) {
          say('error', errorText(err));
        } finally {
          // Kept busy until the reload shows the subject as it now is.
          await refresh();
        }
      });
      return ran && succeeded;
    },
    [run, refresh, say],
  );

  return { data, loading, act, busy, refresh };
}
