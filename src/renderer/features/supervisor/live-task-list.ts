import type { SupervisorTask } from '../../../shared/contract/index';
import type { StationClient } from '../../station-client/index';

/**
 * Keeps the desk's task list as the server has it, without a reload: asked for again whenever
 * main says this warehouse's tasks changed (opened, joined by more events, resolved; or the live
 * stream reconnected). A notice that comes while the list is being asked for asks once more
 * after it, so the last change is never missed and a burst costs two asks, not one each.
 * A failed ask (the server gone meanwhile) keeps the list shown: the sync bar says why.
 */
export function watchTaskList(client: Pick<StationClient, 'call' | 'listen'>, onTasks: (tasks: SupervisorTask[]) => void): () => void {
  let asking = false;
  let again = false;
  let stopped = false;
  const ask = async () => {
    if (asking) {
      again = true;
      return;
    }
    asking = true;
    try {
      do {
        again = false;
        const tasks = await client.call('supervisor.tasks').catch(() => null);
        if (tasks && !stopped) onTasks(tasks);
      } while (again && !stopped);
    } finally {
      asking = false;
    }
  };
  const unlisten = client.listen('supervisor.tasks-changed', () => void ask());
  return () => {
    stopped = true;
    unlisten();
  };
}
