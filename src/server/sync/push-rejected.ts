import { printable } from '../../shared/events/event-content';
import { StationEvent } from '../../shared/events/station-events';
import type { ReadableItem } from './push-intake';
import type { RecordedEntry, TaskRow } from './push-classify';
import type { PushState } from './push-state';

/**
 * How a refused event is kept on the record and reported. A refused event is recorded (its
 * timeline row, outcome rejected, is its acknowledgement: a retry is answered the same) and a
 * supervisor gets a task saying which station sent what and why, since the station's work it
 * stands for did not reach the server.
 */

const KNOWN_TYPES: ReadonlySet<string> = new Set(StationEvent.options.map((o) => o.shape.type.value));

/**
 * The timeline row of an event that broke the content rules or its schema. Its content cannot be
 * stored as sent (that is often why it was refused), so the row keeps a printable, bounded copy.
 */
export function invalidEventEntry(item: Extract<ReadableItem, { kind: 'invalid' }>, station: PushState['station']): RecordedEntry {
  const type = (item.raw as { type?: unknown }).type;
  return {
    id: item.id,
    type: typeof type === 'string' && KNOWN_TYPES.has(type) ? type : 'invalid-station-event',
    orderId: null,
    fulfillmentOrderId: null,
    entityIds: {},
    payload: { event: recordable(item.raw) },
    actor: { kind: 'station', id: station.id, name: station.name },
    stationId: station.id,
    stationSeq: item.seq,
    outcome: 'rejected',
    outcomeCode: item.refusal.code,
    outcomeMessage: item.refusal.message,
  };
}

/** The supervisor's task for a recorded refusal. */
export function rejectionTask(entry: RecordedEntry, station: PushState['station']): TaskRow {
  return {
    id: crypto.randomUUID(),
    kind: 'sync-rejected',
    title: `Station ${printable(station.name, 80)} sent ${entry.type} #${entry.stationSeq}, refused (${entry.outcomeCode}): ${printable(entry.outcomeMessage ?? '', 160)}`,
    orderId: null,
    fulfillmentOrderId: null,
    eventId: entry.id,
    warehouseId: station.warehouseId,
    detail: {
      code: entry.outcomeCode,
      message: entry.outcomeMessage,
      stationId: station.id,
      stationName: station.name,
      seq: entry.stationSeq,
      eventType: entry.type,
      actor: entry.actor,
      payload: entry.payload,
    },
  };
}

/** A JSON copy any database column and screen can hold: printable text, bounded in size and depth. */
export function recordable(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return printable(value, 200);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  if (typeof value !== 'object') return null;
  if (depth >= 6) return '…';
  if (Array.isArray(value)) {
    const items = value.slice(0, 20).map((v) => recordable(v, depth + 1));
    return value.length > 20 ? [...items, `… ${value.length - 20} more`] : items;
  }
  const entries = Object.entries(value);
  const kept = entries.slice(0, 50).map(([k, v]) => [printable(k, 60), recordable(v, depth + 1)]);
  if (entries.length > 50) kept.push(['…', `${entries.length - 50} more fields`]);
  return Object.fromEntries(kept);
}
