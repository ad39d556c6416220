import { Subject } from 'rxjs';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import type { PullCheckpoint, PullResponse, PullRequest, SyncCollection, SyncedDocuments } from '../../shared/sync/sync-protocol';
import type { StationDatabase } from './station-database';

/** Documents per pull: the most the server answers (sync-protocol's PullRequest.limit). */
const PULL_BATCH = 1000;

export interface PullProgress {
  received: number;
  remaining: number;
}

/**
 * Tombstones carry only an id; RxDB still wants each collection's required (indexed) fields.
 * The values are never shown: a deleted document is gone from every query.
 */
const TOMBSTONE_FIELDS: { [C in SyncCollection]: Record<string, unknown> } = {
  fulfillment_orders: { orderId: '', orderNumber: '', warehouseId: '', status: 'cancelled', createdAt: '' },
  returns: { number: '', orderId: '', orderNumber: '', status: 'cancelled', createdAt: '' },
  bins: { warehouseId: '', code: '', barcode: '', walkOrder: 0 },
};

/**
 * Pulls one collection of this warehouse (its fulfillment orders, or its open returns) by server
 * checkpoint. The live stream (through main) says RESYNC whenever something may have changed;
 * RxDB then pulls from its checkpoint.
 */
export function startPullReplication<C extends SyncCollection = 'fulfillment_orders'>(
  db: StationDatabase,
  identifier: string,
  pull: (request: PullRequest) => Promise<PullResponse>,
  onProgress: (p: PullProgress) => void,
  collection: C = 'fulfillment_orders' as C,
) {
  type D = SyncedDocuments[C];
  const resync$ = new Subject<'RESYNC'>();
  let received = 0;
  const state: RxReplicationState<D, PullCheckpoint> = replicateRxCollection<D, PullCheckpoint>({
    collection: db[collection] as never,
    replicationIdentifier: identifier,
    live: true,
    retryTime: 3000,
    waitForLeadership: false,
    autoStart: true,
    pull: {
      // The server's most per pull: a fresh station's first sync takes half the round trips.
      batchSize: PULL_BATCH,
      stream$: resync$.asObservable(),
      handler: async (checkpoint, batchSize) => {
        const res = (await pull({ collection, checkpoint: checkpoint ?? null, limit: batchSize })) as PullResponse<D>;
        received += res.documents.length;
        onProgress({ received, remaining: res.remaining });
        return {
          checkpoint: res.checkpoint,
          documents: res.documents.map((d) =>
            d._deleted ? ({ ...TOMBSTONE_FIELDS[collection], id: d.id, _deleted: true } as unknown as D & { _deleted: boolean }) : d,
          ),
        };
      },
    },
  });
  return {
    state,
    resync: () => resync$.next('RESYNC'),
    stop: () => state.cancel(),
  };
}
