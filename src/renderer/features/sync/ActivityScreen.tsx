import { useEffect, useState } from 'react';
import type { StationRuntime } from '../../app/station-runtime';
import { useObservable } from '../../app/use-rx';
import { useStationFormat, type StationFormat } from '../../app/station-format';
import type { OutboxDocument } from '../../db/schemas';
import { eventSentence, outcomeOf, type EventSubject } from './event-sentence';

/** This station's events and what the server said of each, as sentences a person reads: the audit trail at the station. */
export function ActivityScreen({ rt }: { rt: StationRuntime }) {
  const docs = useObservable(() => rt.db.outbox.find({ sort: [{ seq: 'desc' }], limit: 200 }).$, [], [rt]);
  // Set-aside events stay listed however old: each stands for work the server does not have.
  const setAsideDocs = useObservable(() => rt.db.outbox.find({ selector: { state: 'rejected' }, sort: [{ seq: 'desc' }] }).$, [], [rt]);
  const events = docs.map((d) => d.toJSON() as OutboxDocument);
  const setAside = setAsideDocs.map((d) => d.toJSON() as OutboxDocument);
  const subjects = useSubjects(rt, [...events, ...setAside]);
  const format = useStationFormat();
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
          <EventList events={setAside} subjects={subjects} format={format} />
        </section>
      )}
      {events.length === 0 && <p className="muted">Nothing done at this station yet.</p>}
      <EventList events={events} subjects={subjects} format={format} testId="activity" />
    </div>
  );
}

function EventList({
  events,
  subjects,
  format,
  testId,
}: {
  events: OutboxDocument[];
  subjects: Map<string, EventSubject>;
  format: StationFormat;
  testId?: string;
}) {
  return (
    <ol className="event-list" data-testid={testId}>
      {events.map((e) => (
        <li key={e.id} data-state={e.state} data-seq={e.seq} className={`event event--${e.state}`}>
          <span className="event__sentence" data-testid="event-sentence">
            {eventSentence(e, subjects.get(e.subjectId) ?? null, format.when(e.occurredAt), format.weight)}
          </span>{' '}
          <span className="event__outcome" data-testid="event-outcome" title={e.outcomeCode ?? undefined}>
            {outcomeOf(e)}
          </span>
        </li>
      ))}
    </ol>
  );
}

/** The order and RMA numbers and line names the station still holds for these events' subjects. */
function useSubjects(rt: StationRuntime, events: OutboxDocument[]): Map<string, EventSubject> {
  const [subjects, setSubjects] = useState(new Map<string, EventSubject>());
  const key = [...new Set(events.map((e) => e.subjectId))].sort().join(',');
  useEffect(() => {
    const ids = key ? key.split(',') : [];
    let current = true;
    void Promise.all([rt.db.fulfillment_orders.findByIds(ids).exec(), rt.db.returns.findByIds(ids).exec()]).then(([orders, returns]) => {
      if (!current) return;
      const found = new Map<string, EventSubject>();
      for (const [id, d] of orders)
        found.set(id, { number: d.orderNumber, lines: d.lines.map((l) => ({ id: l.lineId, name: l.name, sku: l.sku })) });
      for (const [id, d] of returns)
        found.set(id, { number: d.number, lines: d.lines.map((l) => ({ id: l.id, name: l.name, sku: l.sku })) });
      setSubjects(found);
    });
    return () => {
      current = false;
    };
  }, [rt, key]);
  return subjects;
}
