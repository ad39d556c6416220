import type { RxJsonSchema } from 'rxdb/plugins/core';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import type { StationEvent } from '../../shared/events/station-events';
import type { ReturnStationDocument } from '../../shared/sync/return-document';
import type { BinLocationDocument } from '../../shared/sync/bin-location-document';

/** Replicated from the server: one document per fulfillment order of this warehouse. */
export const fulfillmentOrderSchema: RxJsonSchema<FulfillmentDocument> = {
  title: 'fulfillment order',
  // 1: the lease on which the station in claimedBy holds the order. 2: channel and order value (shipping rules).
  version: 2,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 36 },
    orderId: { type: 'string', maxLength: 36 },
    orderNumber: { type: 'string', maxLength: 40 },
    warehouseId: { type: 'string', maxLength: 36 },
    status: { type: 'string', maxLength: 20 },
    holds: { type: 'array', items: { type: 'string' } },
    claimedBy: { type: ['string', 'null'], maxLength: 36 },
    lease: { type: ['object', 'null'] },
    customerName: { type: 'string' },
    shipTo: { type: 'object' },
    channel: { type: ['string', 'null'] },
    orderValueMinor: { type: ['number', 'null'] },
    lines: { type: 'array', items: { type: 'object' } },
    packages: { type: 'array', items: { type: 'object' } },
    appliedSeq: { type: 'object' },
    version: { type: 'number' },
    createdAt: { type: 'string', maxLength: 30 },
    updatedAt: { type: 'string' },
  },
  required: ['id', 'orderId', 'orderNumber', 'warehouseId', 'status', 'createdAt'],
  indexes: ['orderNumber', ['status', 'createdAt']],
};

/** Documents replicated before leases hold on no terms until the next pull brings them. */
export const fulfillmentOrderMigrations = {
  1: (doc: FulfillmentDocument) => ({ ...doc, lease: doc.lease ?? null }),
  2: (doc: FulfillmentDocument) => ({ ...doc, channel: doc.channel ?? null, orderValueMinor: doc.orderValueMinor ?? null }),
};

/** Replicated from the server: this warehouse's open returns (RMAs), for the returns desk. */
export const returnSchema: RxJsonSchema<ReturnStationDocument> = {
  title: 'return',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 36 },
    number: { type: 'string', maxLength: 40 },
    orderId: { type: 'string', maxLength: 36 },
    orderNumber: { type: 'string', maxLength: 40 },
    customerName: { type: 'string' },
    currency: { type: 'string' },
    warehouseId: { type: ['string', 'null'] },
    status: { type: 'string', maxLength: 20 },
    method: { type: 'string' },
    resolution: { type: 'string' },
    customerNote: { type: ['string', 'null'] },
    rejectionReason: { type: ['string', 'null'] },
    lines: { type: 'array', items: { type: 'object' } },
    replacementOrderId: { type: ['string', 'null'] },
    refundRequest: { type: ['object', 'null'] },
    milestones: { type: 'object' },
    appliedSeq: { type: 'object' },
    version: { type: 'number' },
    createdAt: { type: 'string', maxLength: 30 },
    updatedAt: { type: 'string' },
  },
  required: ['id', 'number', 'orderId', 'orderNumber', 'status', 'createdAt'],
  indexes: ['number', 'orderNumber', ['status', 'createdAt']],
} as RxJsonSchema<ReturnStationDocument>;

/** Replicated from the server: the bin locations of this warehouse when it picks before packing (none when pack-only). */
export const binSchema: RxJsonSchema<BinLocationDocument> = {
  title: 'bin location',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 36 },
    warehouseId: { type: 'string', maxLength: 36 },
    zone: { type: 'string' },
    aisle: { type: 'string' },
    bay: { type: 'string' },
    level: { type: 'string' },
    bin: { type: 'string' },
    code: { type: 'string', maxLength: 40 },
    barcode: { type: 'string', maxLength: 64 },
    walkOrder: { type: 'number', minimum: 0, maximum: 1_000_000_000, multipleOf: 1 },
    stock: { type: 'array', items: { type: 'object' } },
    updatedAt: { type: 'string' },
  },
  required: ['id', 'warehouseId', 'code', 'barcode', 'walkOrder'],
  indexes: ['barcode', 'walkOrder'],
};

export type OutboxState = 'pending' | 'applied' | 'conflicted' | 'rejected';

/**
 * This station's events, immutable once written; `state` records what the server answered.
 * `subjectId` is the document the event is about (a fulfillment order or a return), stored only
 * so the outbox can be read per document through an index; it is not part of the pushed event.
 */
export type OutboxDocument = StationEvent & {
  subjectId: string;
  state: OutboxState;
  outcomeCode: string | null;
  outcomeMessage: string | null;
  ackedAt: string | null;
  /**
   * Acknowledged: the version of its document (order or return) that reflects it, as the server
   * answered (sync-protocol.ts, docVersion). Until the stored copy reaches it, the view folds the
   * event in. Null while pending, or answered by a server that does not say.
   */
  reflectedInVersion?: number | null;
};

export const outboxSchema: RxJsonSchema<OutboxDocument> = {
  title: 'outbox event',
  // 1: events about returns (returnId instead of fulfillmentOrderId), read by subjectId.
  // 2: reflectedInVersion, the document version that holds an acknowledged event.
  version: 2,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 36 },
    seq: { type: 'number', minimum: 1, maximum: 1e15, multipleOf: 1 },
    stationId: { type: 'string', maxLength: 36 },
    type: { type: 'string', maxLength: 40 },
    subjectId: { type: 'string', maxLength: 36 },
    fulfillmentOrderId: { type: 'string', maxLength: 36 },
    returnId: { type: 'string', maxLength: 36 },
    orderId: { type: 'string', maxLength: 36 },
    actor: { type: 'object' },
    occurredAt: { type: 'string' },
    payload: { type: 'object' },
    state: { type: 'string', maxLength: 12 },
    outcomeCode: { type: ['string', 'null'] },
    outcomeMessage: { type: ['string', 'null'] },
    ackedAt: { type: ['string', 'null'] },
    reflectedInVersion: { type: ['number', 'null'] },
  },
  required: ['id', 'seq', 'stationId', 'type', 'subjectId', 'orderId', 'actor', 'occurredAt', 'payload', 'state'],
  indexes: ['seq', ['state', 'seq'], ['subjectId', 'seq']],
} as RxJsonSchema<OutboxDocument>;

/** Outbox events written before returns existed were all about fulfillment orders. */
export const outboxMigrations = {
  1: (doc: Omit<OutboxDocument, 'subjectId'> & { fulfillmentOrderId: string }) => ({ ...doc, subjectId: doc.fulfillmentOrderId }),
  // Answered before versions were kept: folded by seq alone, as then.
  2: (doc: OutboxDocument) => ({ ...doc, reflectedInVersion: null }),
};

export interface StationMetaDocument {
  key: string;
  value: number;
}

/** Counters kept on disk: the last station seq handed out. */
export const stationMetaSchema: RxJsonSchema<StationMetaDocument> = {
  title: 'station meta',
  version: 0,
  primaryKey: 'key',
  type: 'object',
  properties: { key: { type: 'string', maxLength: 40 }, value: { type: 'number' } },
  required: ['key', 'value'],
};
