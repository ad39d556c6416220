import { z } from 'zod';
import type { StationEvent } from '../events/station-events';
import { FulfillmentDocument } from './fulfillment-document';
import { ReturnClosure, ReturnStationDocument } from './return-document';
import { BinLocationDocument } from './bin-location-document';

/**
 * Station <-> server replication payloads. Checkpoints are a server counter, never timestamps;
 * every collection shares it, each is pulled with its own checkpoint.
 */
export const SYNC_COLLECTIONS = ['fulfillment_orders', 'returns', 'bins'] as const;
export type SyncCollection = (typeof SYNC_COLLECTIONS)[number];

export const PullCheckpoint = z.object({ rev: z.number().int().min(0) });
export type PullCheckpoint = z.infer<typeof PullCheckpoint>;

export const PullRequest = z.object({
  collection: z.enum(SYNC_COLLECTIONS),
  checkpoint: PullCheckpoint.nullable(),
  limit: z.number().int().min(1).max(1000).default(200),
});
export type PullRequest = z.infer<typeof PullRequest>;

/** What each collection replicates. */
export interface SyncedDocuments {
  fulfillment_orders: FulfillmentDocument;
  returns: ReturnStationDocument;
  bins: BinLocationDocument;
}

/**
 * A document that left the station's scope. A return's says how it closed and why (the desk that
 * had it open tells the clerk); others have no `closed`. One schema for every collection, so a
 * batch of tombstones only, which every collection's answer matches, keeps it however it is read.
 */
const Tombstone = z.object({ id: z.string(), _deleted: z.literal(true), closed: ReturnClosure.optional() });
export type Tombstone = z.infer<typeof Tombstone>;
export type ReturnTombstone = Tombstone;

/** A pulled document: the server document, or a tombstone when it left the station's scope. */
export type PulledDocument<D = FulfillmentDocument, T extends Tombstone = Tombstone> = (D & { _deleted: false }) | T;

export interface PullResponse<D = FulfillmentDocument | ReturnStationDocument | BinLocationDocument, T extends Tombstone = Tombstone> {
  documents: PulledDocument<D, T>[];
  checkpoint: PullCheckpoint;
  /** Documents still to come after this batch; lets the station show initial sync progress. */
  remaining: number;
}

const Present = { _deleted: z.literal(false) };
const pullResponseOf = <D extends z.ZodObject<{ _deleted: z.ZodLiteral<false> }>>(present: D) =>
  z.object({
    documents: z.array(z.discriminatedUnion('_deleted', [present, Tombstone])),
    checkpoint: PullCheckpoint,
    remaining: z.number().int().min(0),
  });
/** The answer to a pull, per collection: its documents read with that collection's schema. */
export const PULL_RESPONSES = {
  fulfillment_orders: pullResponseOf(FulfillmentDocument.extend(Present)),
  returns: pullResponseOf(ReturnStationDocument.extend(Present)),
  bins: pullResponseOf(BinLocationDocument.extend(Present)),
} satisfies Record<SyncCollection, z.ZodType>;
/** The answer to a pull of any collection (the server documents this; the station reads with the collection's own). */
export const AnyPullResponse = z.union([PULL_RESPONSES.fulfillment_orders, PULL_RESPONSES.returns, PULL_RESPONSES.bins]);

/** The most events one push may carry. */
export const MAX_PUSH_EVENTS = 500;
/**
 * The most JSON characters a station puts in one push: under the station host's 2 MiB relay
 * limit and the server's 5 MiB body limit with room to spare, so a batch of large but valid
 * events is split rather than refused (one valid event is at most 128 KiB, event-content.ts).
 */
export const MAX_PUSH_CHARS = 1024 * 1024;

/**
 * The events are read one by one on arrival (the server's push intake, against
 * CheckedStationEvent), not as part of this schema: one bad event is refused alone and the rest
 * of its batch is applied, so a push never fails as a whole for what one event holds.
 */
export const PushRequest = z.object({ events: z.array(z.unknown()).min(1).max(MAX_PUSH_EVENTS) });
/** What a station sends: its own events, in any order (the server applies them in seq order). */
export type PushRequest = { events: StationEvent[] };

const AnsweredOutcome = z.object({
  id: z.string(),
  seq: z.number(),
  outcome: z.enum(['applied', 'conflicted']),
  code: z.string().optional(),
  message: z.string().optional(),
  duplicate: z.boolean(),
  /**
   * The version of the event's document (fulfillment order or return) once the push committed: a
   * copy at this version or later reflects the event. The seq cannot say so alone: devices of one
   * station draw seqs in blocks, so one device's lower seq can be applied after another's higher.
   */
  docVersion: z.number().int().min(0).optional(),
});
const RejectedOutcome = z.object({
  id: z.string(),
  seq: z.number(),
  outcome: z.literal('rejected'),
  code: z.string(),
  message: z.string(),
  duplicate: z.literal(false),
});
/** What became of one event, by its id. A rejected event is kept on the server's record with its code, so a retry gets the same answer. */
export const PushOutcome = z.discriminatedUnion('outcome', [AnsweredOutcome, RejectedOutcome]);
export type PushOutcome = z.infer<typeof PushOutcome>;

/** An event whose id or seq could not be read, named by its position in the request's `events`. */
export const UnreadableEvent = z.object({ index: z.number().int().min(0), code: z.string(), message: z.string() });
export type UnreadableEvent = z.infer<typeof UnreadableEvent>;

export const PushResponse = z.object({
  /** One per readable event, in seq order. */
  outcomes: z.array(PushOutcome),
  /** Events that could not even be told apart; never recorded (they have no id to record). */
  unreadable: z.array(UnreadableEvent).default([]),
  /** The highest seq of this station the server holds; a reinstalled station continues above it. */
  lastSeq: z.number().int().min(0),
});
export type PushResponse = z.input<typeof PushResponse>;

/**
 * Codes with which a whole push is refused for what it carries (too large, malformed), by the
 * server or a relay on the way. Sending the same batch again can never succeed, unlike being
 * offline: the station splits the batch, and sets a single refused event aside.
 */
export const PUSH_REFUSED_CODES: ReadonlySet<string> = new Set([
  'body_too_large',
  'json_too_deep',
  'forbidden_key',
  'validation_failed',
  'malformed_body',
  'bad_request',
  'invalid_input',
]);

export const SyncHello = z.object({
  stationId: z.string(),
  warehouseId: z.string(),
  lastSeq: z.number().int().min(0),
  serverTime: z.string(),
});
export type SyncHello = z.infer<typeof SyncHello>;

/** This station's conflicts still waiting for a supervisor: open tasks about events it pushed. */
export const StationConflicts = z.object({ open: z.number().int().min(0) });
export type StationConflicts = z.infer<typeof StationConflicts>;

/** What the live stream tells replication. RESYNC means: pull from your checkpoint, something may have been missed. */
export const ReplicationMessage = z.union([
  z.literal('RESYNC'),
  z.object({ type: z.literal('changed'), collection: z.enum(SYNC_COLLECTIONS), rev: z.number().int() }),
]);
export type ReplicationMessage = z.infer<typeof ReplicationMessage>;

/**
 * A supervisor task the warehouse sees was opened, joined by more events (retitled) or worked
 * (resolved): the supervisor screens ask for the list again, as the signed-in person, so what a
 * task says reaches only those who may read it.
 */
export const TasksChanged = z.object({ type: z.literal('tasks-changed') });
export type TasksChanged = z.infer<typeof TasksChanged>;

/** Messages on the live stream. */
export const StreamMessage = z.union([...ReplicationMessage.options, TasksChanged]);
export type StreamMessage = z.infer<typeof StreamMessage>;
