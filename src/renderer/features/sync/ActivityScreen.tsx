import type { StationRuntime } from '../../app/station-runtime';
import { useObservable } from '../../app/use-rx';
import type { OutboxDocument } from '../../db/schemas';

/** This station's events and what the server said of each: the audit trail at the station. */
export function ActivityScreen({ rt }: { rt: StationRuntime }) {
  const events = useObservable(() => rt.db.outbox.find({ sort: [{ seq: 'desc' }], limit: 200 }).$, [], [rt]);
  return (
    <div className="activity">
      <h2>Station activity</h2>
      <table data-testid="activity">
        <thead><tr><th>#</th><th>When</th><th>What</th><th>Server</th></tr></thead>
        <tbody>
          {events.map((d) => {
            const e = d.toJSON() as OutboxDocument;
            return (
              <tr key={e.id} data-state={e.state}>
                <td>{e.seq}</td>
                <td>{new Date(e.occurredAt).toLocaleTimeString()}</td>
                <td>{e.type}</td>
                <td>{e.state === 'pending' ? 'waiting to sync' : e.state}{e.outcomeMessage ? `: ${e.outcomeMessage}` : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
