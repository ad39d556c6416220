import type { StationEvent } from '../../shared/events/station-events';

/**
 * A station's events as its outbox pushes them, for tests: `event` is a packing event about
 * `doc`, recorded by the station itself, at the station's next seq; `nextSeq` gives the next seq
 * to an event a test builds by hand (a returns-desk event), so the seqs stay one sequence.
 */
export function stationEventsOf(stationId: () => string) {
  let seq = 0;
  const nextSeq = () => ++seq;
  const event = (doc: { id: string; orderId: string }, type: StationEvent['type'], payload: Record<string, unknown>): StationEvent =>
    ({
      id: crypto.randomUUID(),
      stationId: stationId(),
      seq: nextSeq(),
      type,
      fulfillmentOrderId: doc.id,
      orderId: doc.orderId,
      actor: { kind: 'station', id: stationId() },
      occurredAt: new Date().toISOString(),
      payload,
    }) as StationEvent;
  return { event, nextSeq };
}
