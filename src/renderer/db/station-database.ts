import { createRxDatabase, type RxCollection, type RxDatabase, type RxStorage } from 'rxdb/plugins/core';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { fulfillmentOrderSchema, outboxSchema, stationMetaSchema, type OutboxDocument, type StationMetaDocument } from './schemas';

export type StationCollections = {
  fulfillment_orders: RxCollection<FulfillmentDocument>;
  outbox: RxCollection<OutboxDocument>;
  station_meta: RxCollection<StationMetaDocument>;
};
export type StationDatabase = RxDatabase<StationCollections>;

/** The station's local database. Dexie/IndexedDB in the app; memory storage in unit tests. */
export async function openStationDatabase(name: string, storage: RxStorage<unknown, unknown>): Promise<StationDatabase> {
  const db = await createRxDatabase<StationCollections>({ name, storage, multiInstance: true, eventReduce: true, allowSlowCount: true });
  await db.addCollections({
    fulfillment_orders: { schema: fulfillmentOrderSchema },
    outbox: { schema: outboxSchema },
    station_meta: { schema: stationMetaSchema },
  });
  return db;
}
