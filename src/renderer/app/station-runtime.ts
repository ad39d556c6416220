import type { RxStorage } from 'rxdb/plugins/core';
import type { PullRequest, ReplicationMessage, SyncCollection } from '../../shared/sync/sync-protocol';
import type { StationEvent } from '../../shared/events/station-events';
import type { FulfillmentLine } from '../../shared/sync/fulfillment-document';
import type { StationClient } from '../station-client/index';
import { JOBS_SHOWN, type ConnectionState, type SsccStock } from '../../shared/contract/index';
import { seqBlocks } from '../station-client/seq-blocks';
import { startPullReplication } from '../db/pull-replication';
import { openStationDatabase, type StationDatabase } from '../db/station-database';
import { removeLeftoverDatabases } from '../db/leftover-databases';
import { createSyncOutbox, type SyncOutbox } from '../db/sync-outbox';
import { pushedJobs } from './pushed-jobs';
import { pushedState } from './pushed-state';
import { useStation } from './station-store';
import { createDownloadTracker } from '../features/sync/download-progress';
import { inScanPauses, scanRhythm } from '../scanner/scan-rhythm';
import { watchOpenConflicts } from './open-conflicts';
import { keptInMeta } from '../db/kept-number';
import { sayOpenReturnClosed } from '../features/returns/open-return-closed';
import { showSsccStock } from '../features/sync/sscc-stock-warning';
import { rememberMessages } from './remembered-messages';
import { numericItemCodes } from '../db/numeric-item-codes';
import { vouchForCodes } from '../scanner/codes-expected';

export interface StationRuntime {
  db: StationDatabase;
  outbox: SyncOutbox;
  stationId: string;
  client: StationClient;
  /** Pull now, not at the next stream notice: after the server changed something at this station's request. */
  pull(): void;
  stop(): Promise<void>;
}

/**
 * Wires the local database to the server through main: pull replication driven by the live
 * stream, the outbox pushed whenever something happens and on a timer, and the sync status.
 */
export async function startStationRuntime(
  client: StationClient,
  stationId: string,
  storage: RxStorage<unknown, unknown>,
): Promise<StationRuntime> {
  const { patchSync, upsertJob, setJobs } = useStation.getState();
  const dbName = `dockside-${stationId.replace(/-/g, '')}`;
  const db = await openStationDatabase(dbName, storage);
  void removeLeftoverDatabases(dbName).catch(() => undefined /* tried again at the next start */);
  // Pushes and pulls start, and their answers are written, in pauses of the scanning (scan-rhythm.ts).
  const outbox = createSyncOutbox(
    db,
    stationId,
    inScanPauses((events: StationEvent[]) => client.call('sync.push', { events }), scanRhythm),
    seqBlocks((request) => client.call('sync.next-seqs', request)),
    // Offline, a scan does not send the backlog up again: the timer below and the link's return (catchUp) do.
    () => useStation.getState().sync.connection.online,
  );
  // The time of the last sync shown is main's last contact with the server (sync.connection), not a guess made here.
  const flush = () => outbox.flush();

  // Each collection reports its own progress; the bar shows a running download's sum.
  const downloads = createDownloadTracker();
  const caughtUp = new Set<string>();
  const onProgress = (collection: string) => (p: { received: number; remaining: number }) => {
    if (p.remaining === 0) caughtUp.add(collection);
    patchSync({ download: downloads.report(collection, p.received, p.remaining), firstSyncDone: caughtUp.size === replications.length });
  };
  // A pull waits for a running push (the retry of a pull that failed offline, too): see catchUp.
  const pullInPauses = inScanPauses((req: PullRequest) => client.call('sync.pull', req), scanRhythm);
  // The scanner takes this warehouse's numeric item codes that fail a GTIN's check for codes, not misreads.
  const itemCodes = await numericItemCodes(db);
  const forgetItemCodes = vouchForCodes(itemCodes.has);
  const pull = async (req: PullRequest) => {
    await outbox.idle();
    const pulled = await pullInPauses(req);
    // Orders and their tombstones (no lines): the response of a fulfillment_orders pull.
    if (req.collection === 'fulfillment_orders') await itemCodes.remember(pulled.documents as { lines?: FulfillmentLine[] }[]);
    return pulled;
  };
  const pulls = {
    fulfillment_orders: startPullReplication(db, pull, onProgress('fulfillment_orders')),
    returns: startPullReplication(db, pull, onProgress('returns'), 'returns', (gone) => void sayOpenReturnClosed(db, gone)),
    bins: startPullReplication(db, pull, onProgress('bins'), 'bins'),
  } satisfies Record<SyncCollection, unknown>;
  const replications = Object.values(pulls);
  const replication = {
    /** One collection the stream said changed (at `rev`), or all after a RESYNC or a reconnect. */
    resync: (message: ReplicationMessage = 'RESYNC') =>
      message === 'RESYNC' ? replications.forEach((r) => r.resync()) : pulls[message.collection].resync(message.rev),
    stop: () => Promise.all(replications.map((r) => r.stop())),
  };

  // What the station did goes up first, then the server's documents come down: pulled during a
  // push they would be pulled again after it (every push changes them), and on one shared
  // server a pull and a push wait for each other. After a reconnect the backlog drains sooner.
  const catchUp = (message?: ReplicationMessage) => void flush().finally(() => replication.resync(message));

  const jobs = pushedJobs({ setJobs, upsertJob });
  const carriers = pushedState(useStation.getState().setCarriers);
  const ssccStock = pushedState<SsccStock>(showSsccStock);
  const connection = pushedState<ConnectionState>((connection) => {
    const was = useStation.getState().sync.connection;
    const wasRevoked = was.revoked;
    patchSync({ connection });
    // Once, with the error sound, to whoever is at the station: the panel under the sync bar says what to do.
    if (connection.revoked && !wasRevoked)
      useStation
        .getState()
        .sayForAnyone('error', 'This station was revoked by an admin: it no longer syncs. Its unsent events are kept here.');
    // Back online (or online with news): catch up. A renewed contact alone (the last-contact time) needs nothing.
    if (connection.online && (!was.online || was.lastError !== connection.lastError)) {
      catchUp();
      void conflicts.refresh();
    }
  });
  const subscriptions = [
    // After a reload, an error that waited for its OK is back for its person (remembered-messages.ts).
    rememberMessages(stationId),
    client.listen('sync.stream', catchUp),
    client.listen('sync.connection', connection.pushed),
    client.listen('printing.job-updated', jobs.updated),
    client.listen('printing.jobs-listed', jobs.listed),
    client.listen('carriers.changed', carriers.pushed),
    client.listen('printing.sscc-stock-changed', ssccStock.pushed),
    // The station service died or came back: said on the bar; back, it is asked how things stand.
    client.watchHost?.((reachable) => {
      patchSync({ hostReachable: reachable });
      if (reachable)
        void connection
          .fetched(() => client.call('sync.connection'))
          .then(
            () => catchUp(),
            () => {},
          );
    }) ?? (() => {}),
  ];
  const counters = [
    db.outbox.count({ selector: { state: 'pending' } }).$.subscribe((n) => patchSync({ pendingEvents: n })),
    db.outbox.count({ selector: { state: 'rejected' } }).$.subscribe((n) => patchSync({ rejected: n })),
  ];
  const conflicts = watchOpenConflicts(client, db.outbox.count({ selector: { state: 'conflicted' } }).$, keptInMeta(db, 'open-conflicts'));

  // Main keeps the station's seqs above the server's lastSeq itself (on connecting and on every push).
  await connection.fetched(() => client.call('sync.connection'));
  await jobs
    .fetched(() => client.call('printing.list-jobs', { limit: JOBS_SHOWN }))
    .catch(() => undefined /* shown when the stream opens */);
  void carriers.fetched(() => client.call('carriers.state')).catch(() => undefined /* an older station host: no carriers */);
  void ssccStock.fetched(() => client.call('printing.sscc-stock')).catch(() => undefined /* an older station host: no warning */);
  void flush();
  const timer = setInterval(() => void flush(), 10_000);

  return {
    db,
    outbox,
    stationId,
    client,
    pull: () => replication.resync(),
    async stop() {
      clearInterval(timer);
      forgetItemCodes();
      subscriptions.forEach((u) => u());
      counters.forEach((s) => s.unsubscribe());
      conflicts.stop();
      await replication.stop();
      await db.close();
    },
  };
}
