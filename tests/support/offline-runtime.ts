import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import type { StationClient } from '../../src/renderer/station-client/index';
import type { StationRuntime } from '../../src/renderer/app/station-runtime';
import { openStationDatabase } from '../../src/renderer/db/station-database';
import { createSyncOutbox } from '../../src/renderer/db/sync-outbox';
import { seqBlocks } from '../../src/renderer/station-client/seq-blocks';
import type { StationEvent } from '../../src/shared/events/station-events';
import type { PushResponse } from '../../src/shared/sync/sync-protocol';

/**
 * A renderer's runtime on a new memory database, whose server is unreachable for the whole test:
 * every push fails as a dead network does, so events stay in the outbox, and nothing is pulled.
 * Seqs come from main through `client`, as on a station.
 */
export async function offlineRuntime(
  client: StationClient,
  stationId: string,
  name: string,
  options: { withBins?: boolean } = {},
): Promise<StationRuntime> {
  const db = await openStationDatabase(
    `${name}-${crypto.randomUUID().slice(0, 8)}`,
    wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
    options,
  );
  const outbox = createSyncOutbox(
    db,
    stationId,
    async (_events: StationEvent[]): Promise<PushResponse> => {
      throw new TypeError('fetch failed: connect ECONNREFUSED');
    },
    seqBlocks((request) => client.call('sync.next-seqs', request)),
    // What main says of a dead link: an event recorded starts no push (the station's timer would try, and fail).
    () => false,
  );
  return { db, outbox, stationId, client, pull: () => undefined /* offline */, stop: async () => void (await db.remove()) };
}
