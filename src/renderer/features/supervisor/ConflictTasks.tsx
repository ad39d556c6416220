import type { SupervisorTask } from '../../../shared/contract/index';
import type { StationClient } from '../../station-client/index';
import { TaskRow } from './TaskRow';
import type { SupervisorDesk } from './use-supervisor-desk';

/** Open conflicts and tasks of this warehouse, oldest first. */
export function ConflictTasks({ client, desk, tasks }: { client: StationClient; desk: SupervisorDesk; tasks: SupervisorTask[] }) {
  return (
    <section>
      <h3>
        Conflicts and tasks{' '}
        <span className="count" data-testid="task-count">
          {tasks.length}
        </span>
      </h3>
      {tasks.length === 0 ? (
        <p className="muted" data-testid="no-tasks">
          No open conflicts or tasks.
        </p>
      ) : (
        <table data-testid="tasks">
          <thead>
            <tr>
              <th>Kind</th>
              <th>What happened</th>
              <th>Open for</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tasks.map((t) => (
              <TaskRow key={t.id} client={client} desk={desk} task={t} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
