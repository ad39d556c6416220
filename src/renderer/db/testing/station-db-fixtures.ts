import { addRxPlugin } from 'rxdb/plugins/core';
import { RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { fulfillmentDoc, LINE_A, STATION } from '../../../shared/sync/testing/fulfillment-fixtures';
import type { OutboxDocument } from '../schemas';
import { openStationDatabase, type StationDatabase } from '../station-database';

// Dev-mode checks every write against the schema, as the other database tests do.
addRxPlugin(RxDBDevModePlugin);

/** A station database in memory, each call its own. */
export function openTestStationDatabase(): Promise<StationDatabase> {
  return openStationDatabase(`test-${crypto.randomUUID().slice(0, 8)}`, wrappedValidateAjvStorage({ storage: getRxStorageMemory() }), {
    withBins: false,
  });
}

/** A scan of line A of the fixture order (fulfillment-fixtures.ts), recorded by STATION as event `seq`. */
export function itemVerified(seq: number, state: OutboxDocument['state'] = 'pending'): OutboxDocument {
  const fo = fulfillmentDoc();
  return {
    id: crypto.randomUUID(),
    seq,
    stationId: STATION,
    type: 'item-verified',
    fulfillmentOrderId: fo.id,
    orderId: fo.orderId,
    subjectId: fo.id,
    actor: { kind: 'station', id: STATION },
    occurredAt: '2026-11-22T09:00:00.000Z',
    payload: { lineId: LINE_A, barcode: '111', quantity: 1 },
    state,
    outcomeCode: null,
    outcomeMessage: null,
    ackedAt: null,
  } as OutboxDocument;
}
