import { z } from 'zod';
import { StationEvent } from '../events/station-events';
import type { FulfillmentDocument } from './fulfillment-document';
import type { ReturnStationDocument } from './return-document';

/**
 * Station <-> server replication payloads. Checkpoints are a server counter, never timestamps;
 * every collection shares it, each is pulled with its own checkpoint.
 */
export const SYNC_COLLECTIONS = ['fulfillment_orders', 'returns'] as const;
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
}

/** A pulled document: the server document, or a tombstone when it left the station's scope. */
export type PulledDocument<D = FulfillmentDocument> = (D & { _deleted: false }) | { id: string; _deleted: true };

export interface PullResponse<D = FulfillmentDocument | ReturnStationDocument> {
  documents: PulledDocument<D>[];
  checkpoint: PullCheckpoint;
  /** Documents still to come after this batch; lets the station show initial sync progress. */
  remaining: number;
}

export const PushRequest = z.object({ events: z.array(StationEvent).min(1).max(500) });
export type PushRequest = z.infer<typeof PushRequest>;

export type PushOutcome =
  | { id: string; seq: number; outcome: 'applied' | 'conflicted'; code?: string; message?: string; duplicate: boolean }
  | { id: string; seq: number; outcome: 'rejected'; code: string; message: string; duplicate: false };

export interface PushResponse {
  outcomes: PushOutcome[];
  /** The highest seq of this station the server holds; a reinstalled station continues above it. */
  lastSeq: number;
}

export interface SyncHello {
  stationId: string;
  warehouseId: string;
  lastSeq: number;
  serverTime: string;
}

/** Messages on the live stream. RESYNC means: pull from your checkpoint, something may have been missed. */
export type StreamMessage = 'RESYNC' | { type: 'changed'; collection: SyncCollection; rev: number };
