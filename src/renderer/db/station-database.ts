import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase, type RxStorage } from 'rxdb/plugins/core';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import type { ReturnStationDocument } from '../../shared/sync/return-document';
import type { BinLocationDocument } from '../../shared/sync/bin-location-document';
import {
  fulfillmentOrderMigrations,
  fulfillmentOrderSchema,
  outboxMigrations,
  outboxSchema,
  returnSchema,
  binSchema,
  stationMetaSchema,
  type OutboxDocument,
  type StationMetaDocument,
} from './schemas';
import { sha256Hex } from './sha256';

// A station upgraded in place keeps its outbox: older events are migrated, never dropped.
addRxPlugin(RxDBMigrationSchemaPlugin);

export type StationCollections = {
  fulfillment_orders: RxCollection<FulfillmentDocument>;
  returns: RxCollection<ReturnStationDocument>;
  bins: RxCollection<BinLocationDocument>;
  outbox: RxCollection<OutboxDocument>;
  station_meta: RxCollection<StationMetaDocument>;
};
export type StationDatabase = RxDatabase<StationCollections>;

/**
 * The station's local database. Dexie/IndexedDB in the app; memory storage in unit tests.
 * `withBins: false` leaves out the bin locations, for tests that open several devices' databases
 * in one process: RxDB's free tier allows 13 open collections per JavaScript realm (a browser
 * page opens one database; three devices in one test process would need 15).
 */
export async function openStationDatabase(
  name: string,
  storage: RxStorage<unknown, unknown>,
  options: { withBins?: boolean } = {},
): Promise<StationDatabase> {
  const db = await createRxDatabase<StationCollections>({
    name,
    storage,
    multiInstance: true,
    eventReduce: true,
    allowSlowCount: true,
    // Works without crypto.subtle too: a handheld on the LAN is no secure context (sha256.ts).
    hashFunction: sha256Hex,
  });
  await db.addCollections({
    fulfillment_orders: { schema: fulfillmentOrderSchema, migrationStrategies: fulfillmentOrderMigrations },
    returns: { schema: returnSchema },
    ...(options.withBins === false ? {} : { bins: { schema: binSchema } }),
    outbox: { schema: outboxSchema, migrationStrategies: outboxMigrations },
    station_meta: { schema: stationMetaSchema },
  });
  return db;
}
