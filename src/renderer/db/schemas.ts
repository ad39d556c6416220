import type { RxJsonSchema } from 'rxdb/plugins/core';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import type { StationEvent } from '../../shared/events/station-events';

/** Replicated from the server: one document per fulfillment order of this warehouse. */
export const fulfillmentOrderSchema: RxJsonSchema<FulfillmentDocument> = {
  title: 'fulfillment order',
  version: 0,
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
    customerName: { type: 'string' },
    shipTo: { type: 'object' },
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

export type OutboxState = 'pending' | 'applied' | 'conflicted' | 'rejected';

/** This station's events, immutable once written; `state` records what the server answered. */
export type OutboxDocument = StationEvent & {
  state: OutboxState;
  outcomeCode: string | null;
  outcomeMessage: string | null;
  ackedAt: string | null;
};

export const outboxSchema: RxJsonSchema<OutboxDocument> = {
  title: 'outbox event',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 36 },
    seq: { type: 'number', minimum: 1, maximum: 1e15, multipleOf: 1 },
    stationId: { type: 'string', maxLength: 36 },
    type: { type: 'string', maxLength: 40 },
    fulfillmentOrderId: { type: 'string', maxLength: 36 },
    orderId: { type: 'string', maxLength: 36 },
    actor: { type: 'object' },
    occurredAt: { type: 'string' },
    payload: { type: 'object' },
    state: { type: 'string', maxLength: 12 },
    outcomeCode: { type: ['string', 'null'] },
    outcomeMessage: { type: ['string', 'null'] },
    ackedAt: { type: ['string', 'null'] },
  },
  required: ['id', 'seq', 'stationId', 'type', 'fulfillmentOrderId', 'orderId', 'actor', 'occurredAt', 'payload', 'state'],
  indexes: ['seq', ['state', 'seq'], ['fulfillmentOrderId', 'seq']],
} as RxJsonSchema<OutboxDocument>;

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
