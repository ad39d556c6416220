import { z } from 'zod';
import { eventRefusal, type EventRefusal } from '../../shared/events/event-content';
import { CheckedStationEvent, type StationEvent } from '../../shared/events/station-events';

/**
 * Reads a push body's events one by one, so that what one event holds decides only its own
 * answer. Each becomes one of:
 * - unreadable: no id or seq to answer by; reported by its index in the request, never recorded;
 * - foreign: its stationId is not the pushing station's (answered station_mismatch, not recorded:
 *   it is not in this station's seq space);
 * - invalid: readable id and seq, but it breaks the content rules or its kind's schema
 *   (recorded as rejected with the refusal's code, and a supervisor is told);
 * - event: a station event to apply.
 */
export type PushedItem =
  | { kind: 'unreadable'; index: number; refusal: EventRefusal }
  | { kind: 'foreign'; index: number; id: string; seq: number }
  | { kind: 'invalid'; index: number; id: string; seq: number; raw: unknown; refusal: EventRefusal }
  | { kind: 'event'; index: number; id: string; seq: number; event: StationEvent };

export type ReadableItem = Exclude<PushedItem, { kind: 'unreadable' }>;

/** What every event must show before anything else can be said about it. */
const EventKey = z.object({ id: z.string().uuid(), seq: z.number().int().min(1) });

export function readPushedEvents(raw: readonly unknown[], stationId: string): PushedItem[] {
  return raw.map((value, index): PushedItem => {
    const key = EventKey.safeParse(value);
    if (!key.success) {
      // Say what is wrong with the event as a whole when the content rules or the schema can.
      const judged = CheckedStationEvent.safeParse(value);
      return { kind: 'unreadable', index, refusal: eventRefusal(judged.success ? key.error.issues : judged.error.issues) };
    }
    const { id, seq } = key.data;
    if ((value as { stationId?: unknown }).stationId !== stationId) return { kind: 'foreign', index, id, seq };
    const parsed = CheckedStationEvent.safeParse(value);
    if (!parsed.success) return { kind: 'invalid', index, id, seq, raw: value, refusal: eventRefusal(parsed.error.issues) };
    return { kind: 'event', index, id, seq, event: parsed.data };
  });
}
