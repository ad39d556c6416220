import {
  isReturnEvent,
  PHYSICAL_EVENT_TYPES,
  type Actor,
  type FulfillmentStationEvent,
  type ReturnStationEvent,
  type StationEvent,
} from '../../shared/events/station-events';
import { conflictSentence, conflictWhy } from '../../shared/words/conflict-words';
import type { PushOutcome } from '../../shared/sync/sync-protocol';
import { applyStationEvent } from '../../shared/sync/fulfillment-reducer';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import type { NewTask } from '../tasks/task-store';
import type { TimelineEntry } from '../timeline/timeline';
import type { ReadableItem } from './push-intake';
import { ACTOR_NOT_AUTHORIZED, checkActor, type ActorVerdict } from './push-actors';
import type { PushedReturnResult } from './push-returns';
import { invalidEventEntry } from './push-rejected';
import type { PushState } from './push-state';
import { pickFactOf, type PickFact } from '../picking/pick-facts';
import type { PackedUnitRow } from '../lots/packed-unit-store';
import { packedUnitsOf, SERIAL_ALREADY_PACKED, serialPackedElsewhere } from './push-serials';

/**
 * What to do with one pushed event, decided from the event and the batch's state alone (no
 * database): answer it from what is known, record it (with any document change and follow-up
 * work), or hand it to the return actions. push-effects.ts accumulates the decisions and
 * push-store.ts writes them all at once.
 *
 * A fulfillment event goes through steps in order; the first that decides, decides:
 * already known -> in this station's scope -> actor -> the reducer. Another check (a lease, say)
 * is one more step of `judgeFulfillmentEvent`.
 */
export type Decision =
  /** Answered from what is already known; nothing is recorded. */
  | { kind: 'answer'; outcome: PushOutcome }
  /** Recorded on the timeline (the acknowledgement), maybe with a document change and follow-up work. */
  | {
      kind: 'record';
      entry: RecordedEntry;
      tasks: TaskRow[];
      actorTask?: ActorTask;
      conflictTask?: ConflictTask;
      doc?: FulfillmentDocument;
      shipped?: ShippedUnits[];
      pick?: PickFact;
      /** Lots and serials a recorded package holds. */
      packed?: PackedUnitRow[];
      /** A package unpacked at the station, and why. */
      unpacked?: Unpacked;
    }
  /** Applied through the return actions (push-returns.ts), which need the database; then `returnDecision`. */
  | { kind: 'return-event'; event: ReturnStationEvent };

/** A timeline row of a pushed event: always with its id, seq and outcome. */
export type RecordedEntry = TimelineEntry & {
  id: string;
  stationSeq: number;
  outcome: 'applied' | 'conflicted' | 'rejected';
  outcomeCode: string | null;
  outcomeMessage: string | null;
};

/** A supervisor task a pushed event opens (tasks/task-store.ts writes it). */
export interface TaskRow extends NewTask {
  kind: 'sync-conflict' | 'sync-rejected';
  eventId: string;
  warehouseId: string;
}

/** Work by someone who may not do it here: one task per fulfillment order and person in a batch (`key`). */
export interface ActorTask {
  key: string;
  task: TaskRow & { detail: { eventIds: string[]; eventTypes: string[] } };
}

/**
 * A station's work that no longer fits the order: one task per fulfillment order and follow-up in
 * a batch (`key`), so a box packed and shipped elsewhere is one task for a supervisor, not one per
 * scan. The most pressing event's title leads (`weight`: a shipped parcel before a printed label
 * before scans); every event is listed in the task's detail. A later push's events join the task
 * while it is open (push-conflict-tasks.ts matches it by the detail's stationId and followUp).
 */
export interface ConflictTask {
  key: string;
  weight: number;
  /**
   * The events the task is about and the title they make (one item scanned twice reads "2 × …"):
   * why, from the first event's refusal (the cause, `why`); what to do, from the most pressing (`lead`).
   */
  events: FulfillmentStationEvent[];
  lead: FulfillmentStationEvent['type'];
  why: string;
  titleOf: (events: readonly FulfillmentStationEvent[], lead: FulfillmentStationEvent['type'], why: string) => string;
  task: TaskRow & {
    orderId: string;
    fulfillmentOrderId: string;
    detail: { eventIds: string[]; eventTypes: string[]; eventType: string; stationId: string; followUp: string; why: string };
  };
}

export interface Unpacked {
  packageId: string;
  reason: string;
  fulfillmentOrderId: string;
  orderId: string;
}

export interface ShippedUnits {
  warehouseId: string;
  sku: string;
  quantity: number;
}

export function classify(item: ReadableItem, state: PushState): Decision {
  if (item.kind === 'foreign') return refusedAnswer(item, 'station_mismatch', 'events carry the pushing station id');
  const known = alreadyKnown(item, state);
  if (known) return known;
  if (item.kind === 'invalid') return { kind: 'record', entry: invalidEventEntry(item, state.station), tasks: [] };
  if (isReturnEvent(item.event)) return { kind: 'return-event', event: item.event };
  return judgeFulfillmentEvent(item.event, state);
}

/** Refused without a record: not in this station's seq space, or it cannot be recorded under its id. */
function refusedAnswer(item: { id: string; seq: number }, code: string, message: string): Decision {
  return { kind: 'answer', outcome: { id: item.id, seq: item.seq, outcome: 'rejected', code, message, duplicate: false } };
}

/** Recorded before (by this push or an earlier one), or an id the timeline gave to something else. */
function alreadyKnown(item: ReadableItem, state: PushState): Decision | null {
  const reject = (code: string, message: string) => refusedAnswer(item, code, message);
  const id = item.id.toLowerCase();
  const seen = state.seenBySeq.get(item.seq) ?? state.seenById.get(id);
  if (seen) {
    if (seen.id !== id) return reject('seq_reused', `seq ${item.seq} already belongs to another event of this station`);
    if (seen.outcome === 'rejected') return reject(seen.outcome_code ?? 'rejected', seen.outcome_message ?? '');
    return {
      kind: 'answer',
      outcome: {
        id: item.id,
        seq: item.seq,
        outcome: seen.outcome,
        code: seen.outcome_code ?? undefined,
        message: seen.outcome_message ?? undefined,
        duplicate: true,
      },
    };
  }
  // Timeline ids are unique: this event cannot be recorded, and must not pass for a duplicate of another's.
  if (state.takenIds.has(id))
    return reject(
      'event_id_taken',
      `event id ${item.id} already names another event on the server's record; the station must record its work under a new id`,
    );
  return null;
}

function judgeFulfillmentEvent(event: FulfillmentStationEvent, state: PushState): Decision {
  const { station } = state;
  const doc = state.docs.get(event.fulfillmentOrderId);
  if (!doc || doc.warehouseId !== station.warehouseId || doc.orderId !== event.orderId) {
    // Outside this station's scope: acknowledged (so it is not pushed forever) and kept on the record as rejected.
    return rejected(event, state, 'out_of_scope', doc ? 'the fulfillment order belongs to another warehouse' : 'no such fulfillment order');
  }
  const who = checkActor(event, station.id, doc.warehouseId, state.users);
  // Not a physical fact we could lose: the station would have recorded its own id, and a
  // signed-in person is always on the list it synced. Kept on the record, never applied.
  if (who.verdict === 'rejected') return rejected(event, state, who.code, who.message);
  // A serial is packed once: a second package holding it is a wrong scan, refused alone for a supervisor.
  const serialTaken = serialPackedElsewhere(event, doc, state.packedSerials);
  if (serialTaken) return rejected(event, state, SERIAL_ALREADY_PACKED, serialTaken);
  const result = applyStationEvent(doc, event, state.station.lease);
  const decision = result.ok ? applied(event, state, doc, result.doc, who) : conflicted(event, state, doc, result, who);
  // A pick is a physical fact about bins whatever became of it; only an applied short moves units elsewhere.
  const pick = pickFactOf(event, doc, result.ok);
  return pick && decision.kind === 'record' ? { ...decision, pick } : decision;
}

function rejected(event: StationEvent, state: PushState, code: string, message: string): Decision {
  return { kind: 'record', entry: entryFor(event, state, 'rejected', code, message, event.actor), tasks: [] };
}

function applied(
  event: FulfillmentStationEvent,
  state: PushState,
  before: FulfillmentDocument,
  after: FulfillmentDocument,
  who: Exclude<ActorVerdict, { verdict: 'rejected' }>,
): Decision {
  const doc = {
    ...after,
    appliedSeq: { ...after.appliedSeq, [state.station.id]: Math.max(after.appliedSeq[state.station.id] ?? 0, event.seq) },
  };
  const shipped = event.type === 'package-shipped' ? shippedUnits(before, after, event.payload.packageId) : [];
  const packed = packedUnitsOf(event, before);
  const unpacked: Unpacked | undefined =
    event.type === 'package-voided'
      ? { packageId: event.payload.packageId, reason: event.payload.reason, fulfillmentOrderId: before.id, orderId: before.orderId }
      : undefined;
  if (who.verdict === 'allowed')
    return { kind: 'record', entry: entryFor(event, state, 'applied', null, null, who.actor), tasks: [], doc, shipped, packed, unpacked };
  // Someone who may not do this here did it anyway (deactivated, moved or of another role after
  // the station last synced its user list). It happened: the document follows the fact, stock
  // included, so a shipped parcel is never lost. Unlike a state conflict ("recorded, not
  // applied"), conflicted here means "applied, for a supervisor to review", and a task says so.
  const task: ActorTask = {
    key: `${before.id}/${who.user.id}`,
    task: {
      id: crypto.randomUUID(),
      kind: 'sync-conflict',
      title: `Work recorded by ${who.user.name}, who may not do it here (${who.reasons.join('; ')}): check it`,
      orderId: before.orderId,
      fulfillmentOrderId: before.id,
      eventId: event.id,
      warehouseId: before.warehouseId,
      detail: {
        code: ACTOR_NOT_AUTHORIZED,
        message: who.message,
        eventType: event.type,
        actor: who.actor,
        reasons: who.reasons,
        eventIds: [event.id],
        eventTypes: [event.type],
      },
    },
  };
  return {
    kind: 'record',
    entry: entryFor(event, state, 'conflicted', ACTOR_NOT_AUTHORIZED, who.message, who.actor),
    tasks: [],
    actorTask: task,
    doc,
    shipped,
    packed,
    unpacked,
  };
}

/**
 * The event no longer fits the server's state. The document reflects that it was seen, the
 * timeline keeps it as conflicted, and a supervisor gets the physical follow-up. If its actor
 * may not do this here either, the task says so too (and is opened even for a claim).
 */
function conflicted(
  event: FulfillmentStationEvent,
  state: PushState,
  doc: FulfillmentDocument,
  refusal: { code: string; message: string },
  who: Exclude<ActorVerdict, { verdict: 'rejected' }>,
): Decision {
  const actorProblem = who.verdict === 'not_authorized' ? who.message : null;
  const message = actorProblem ? `${refusal.message} (also: ${actorProblem})` : refusal.message;
  // An unpacked box has its own follow-up (find the box); everything else is the order's work.
  const followUp = event.type === 'package-voided' ? `unpacked/${event.payload.packageId}` : 'work';
  // Which order, what was done to which item, where, and why, then what to do (shared/words).
  const why = conflictWhy(doc, refusal);
  const titleOf = (events: readonly FulfillmentStationEvent[], lead: FulfillmentStationEvent['type'], because: string) =>
    `${conflictSentence(events, doc, state.station.name, because)}. ${FOLLOW_UP[lead] ?? FOLLOW_UP_OTHERWISE}`;
  const conflictTask: ConflictTask | undefined =
    PHYSICAL_EVENT_TYPES.has(event.type) || actorProblem
      ? {
          key: `${doc.id}/${followUp}`,
          weight: conflictWeight(event.type),
          events: [event],
          lead: event.type,
          why,
          titleOf,
          task: {
            id: crypto.randomUUID(),
            kind: 'sync-conflict',
            title: titleOf([event], event.type, why),
            orderId: doc.orderId,
            fulfillmentOrderId: doc.id,
            eventId: event.id,
            warehouseId: doc.warehouseId,
            detail: {
              code: refusal.code,
              message: refusal.message,
              eventType: event.type,
              eventIds: [event.id],
              eventTypes: [event.type],
              // What a later push's events are matched on (push-conflict-tasks.ts), and the cause they keep.
              stationId: state.station.id,
              followUp,
              why,
              ...(actorProblem ? { actorProblem: { code: ACTOR_NOT_AUTHORIZED, message: actorProblem, actor: who.actor } } : {}),
            },
          },
        }
      : undefined;
  return {
    kind: 'record',
    entry: entryFor(event, state, 'conflicted', refusal.code, message, who.actor),
    tasks: [],
    conflictTask,
    doc: { ...doc, appliedSeq: { ...doc.appliedSeq, [state.station.id]: Math.max(doc.appliedSeq[state.station.id] ?? 0, event.seq) } },
  };
}

/** A returns-desk event once the return actions have run (push-returns.ts). */
export function returnDecision(event: ReturnStationEvent, state: PushState, r: PushedReturnResult): Extract<Decision, { kind: 'record' }> {
  return {
    kind: 'record',
    entry: entryFor(event, state, r.outcome, r.code, r.message, r.actor),
    tasks: r.task ? [{ ...r.task, kind: 'sync-conflict' }] : [],
  };
}

/** The units of a package that has just left the building: no longer on hand nor reserved. */
function shippedUnits(before: FulfillmentDocument, after: FulfillmentDocument, packageId: string): ShippedUnits[] {
  const was = before.packages.find((p) => p.id === packageId);
  const is = after.packages.find((p) => p.id === packageId);
  if (!is || was?.status === 'shipped' || is.status !== 'shipped') return [];
  return is.contents.flatMap((c) => {
    const line = after.lines.find((l) => l.lineId === c.lineId);
    return line ? [{ warehouseId: after.warehouseId, sku: line.sku, quantity: c.quantity }] : [];
  });
}

function entryFor(
  event: StationEvent,
  state: PushState,
  outcome: RecordedEntry['outcome'],
  code: string | null,
  message: string | null,
  actor: Actor,
): RecordedEntry {
  return {
    id: event.id,
    type: event.type,
    orderId: outcome === 'rejected' ? null : event.orderId,
    fulfillmentOrderId: isReturnEvent(event) ? null : event.fulfillmentOrderId,
    entityIds: entityIdsOf(event),
    payload: event.payload,
    actor,
    stationId: state.station.id,
    stationSeq: event.seq,
    occurredAt: event.occurredAt,
    outcome,
    outcomeCode: code,
    outcomeMessage: message,
  };
}

function entityIdsOf(event: StationEvent): Record<string, string> {
  if (isReturnEvent(event)) {
    const ids: Record<string, string> = { returnId: event.returnId };
    if ('returnLineId' in event.payload) ids.returnLineId = event.payload.returnLineId;
    return ids;
  }
  const ids: Record<string, string> = { fulfillmentOrderId: event.fulfillmentOrderId };
  if ('packageId' in event.payload) ids.packageId = event.payload.packageId;
  if ('lineId' in event.payload) ids.lineId = event.payload.lineId;
  return ids;
}

/** Which of a task's conflicting events names it: the one whose follow-up is most pressing. */
export function conflictWeight(type: string): number {
  return CONFLICT_WEIGHT[type as FulfillmentStationEvent['type']] ?? 0;
}
const CONFLICT_WEIGHT: Partial<Record<FulfillmentStationEvent['type'], number>> = { 'package-shipped': 3, 'label-printed': 2 };

/** What a supervisor does about the task, by its most pressing event. */
const FOLLOW_UP: Partial<Record<FulfillmentStationEvent['type'], string>> = {
  'package-shipped': 'Intercept the parcel or accept the shipment',
  'label-printed': 'Void the label',
  'package-voided': 'Find the box, then reship or restock its items',
};
const FOLLOW_UP_OTHERWISE = 'Restock the items';
