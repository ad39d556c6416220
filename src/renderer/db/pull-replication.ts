import { Subject } from 'rxjs';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import type { PullCheckpoint, PullResponse, PullRequest } from '../../shared/sync/sync-protocol';
import type { StationDatabase } from './station-database';

export interface PullProgress {
  received: number;
  remaining: number;
}

/**
 * Pulls this warehouse's fulfillment orders by server checkpoint. The live stream (through main)
 * says RESYNC whenever something may have changed; RxDB then pulls from its checkpoint.
 */
export function startPullReplication(
  db: StationDatabase,
  identifier: string,
  pull: (request: PullRequest) => Promise<PullResponse>,
  onProgress: (p: PullProgress) => void,
) {
  const resync$ = new Subject<'RESYNC'>();
  let received = 0;
  const state: RxReplicationState<FulfillmentDocument, PullCheckpoint> = replicateRxCollection<FulfillmentDocument, PullCheckpoint>({
    collection: db.fulfillment_orders,
    replicationIdentifier: identifier,
    live: true,
    retryTime: 3000,
    waitForLeadership: false,
    autoStart: true,
    pull: {
      batchSize: 500,
      stream$: resync$.asObservable(),
      handler: async (checkpoint, batchSize) => {
        const res = await pull({ collection: 'fulfillment_orders', checkpoint: checkpoint ?? null, limit: batchSize });
        received += res.documents.length;
        onProgress({ received, remaining: res.remaining });
        return {
          checkpoint: res.checkpoint,
          // Tombstones carry only an id; RxDB still wants the indexed fields.
          documents: res.documents.map((d) =>
            d._deleted
              ? ({ id: d.id, orderId: '', orderNumber: '', warehouseId: '', status: 'cancelled', createdAt: '', _deleted: true } as unknown as FulfillmentDocument & { _deleted: boolean })
              : d,
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
