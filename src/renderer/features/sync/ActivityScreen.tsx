import type { StationRuntime } from '../../app/station-runtime';
import { useObservable } from '../../app/use-rx';
import type { OutboxDocument } from '../../db/schemas';

/** This station's events and what the server said of each: the audit trail at the station. */
export function ActivityScreen({ rt }: { rt: StationRuntime }) {
  const events = useObservable(() => rt.db.outbox.find({ sort: [{ seq: 'desc' }], limit: 200 }).$, [], [rt]);
  // Set-aside events stay listed however old: each stands for work the server does not have.
  const setAside = useObservable(() => rt.db.outbox.find({ selector: { state: 'rejected' }, sort: [{ seq: 'desc' }] }).$, [], [rt]);
  return (
    <div className="activity">
      <h2>Station activity</h2>
      {setAside.length > 0 && (
        <section className="set-aside" data-testid="set-aside">
          <h3>
            Set aside: {setAside.length} {setAside.length === 1 ? 'event' : 'events'} the server refused
          </h3>
          <p className="muted">
            The rest of the station&apos;s work keeps syncing. A supervisor has a task for each of these; tell them what was done.
          </p>
          <table>
            <thead>
              <tr>
                <th>#</th>
                <th>When</th>
                <th>What</th>
                <th>Why</th>
              </tr>
            </thead>
            <tbody>
              {setAside.map((d) => {
                const e = d.toJSON() as OutboxDocument;
                return (
                  <tr key={e.id} data-seq={e.seq}>
                    <td>{e.seq}</td>
                    <td>{whenOf(e.occurredAt)}</td>
                    <td>{e.type}</td>
                    <td>
                      <code>{e.outcomeCode}</code> {e.outcomeMessage}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      )}
      <table data-testid="activity">
        <thead>
          <tr>
            <th>#</th>
            <th>When</th>
            <th>What</th>
            <th>Server</th>
          </tr>
        </thead>
        <tbody>
          {events.map((d) => {
            const e = d.toJSON() as OutboxDocument;
            return (
              <tr key={e.id} data-state={e.state}>
                <td>{e.seq}</td>
                <td>{whenOf(e.occurredAt)}</td>
                <td>{e.type}</td>
                <td>{serverSaid(e)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function serverSaid(e: OutboxDocument): string {
  if (e.state === 'pending') return 'waiting to sync';
  if (e.state === 'rejected') return `set aside (${e.outcomeCode}): ${e.outcomeMessage ?? ''}`;
  return `${e.state}${e.outcomeMessage ? `: ${e.outcomeMessage}` : ''}`;
}

/** An impossible time (why an event may have been refused) is shown as it was recorded. */
function whenOf(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : at.toLocaleTimeString();
}
