import { useStation } from '../../app/station-store';
import { useShallow } from 'zustand/react/shallow';
import { useStationFormat } from '../../app/station-format';
import { plural } from '../../../shared/words/plural';
import { SsccStockBanner } from './SsccStockBanner';

/**
 * Always visible, also when the page scrolls: online or not, what waits to go up, when the
 * server last answered, conflicts; offline as a banner nobody can miss, shipping label numbers
 * running out with no refill as another, and a running download as a progress bar with counts.
 */
export function SyncBar() {
  const { sync, identity } = useStation(useShallow((s) => ({ sync: s.sync, identity: s.identity })));
  const { connection, download } = sync;
  const offline = !connection.online && !connection.revoked;
  // When the server last answered: a time of day, with the date when it was not today. Never a timer.
  const format = useStationFormat();
  const contactTime = (iso: string | null) => (iso ? format.when(iso) : 'never');
  return (
    <div className="status-top">
      <header className="sync-bar" data-testid="sync-bar" data-online={connection.online} data-pending={sync.pendingEvents}>
        <strong>{identity?.stationName ?? 'Station'}</strong>
        <span>{identity?.warehouseName}</span>
        {!sync.hostReachable ? (
          <span className="revoked-state" data-testid="connection">
            Station service down
          </span>
        ) : connection.revoked ? (
          <span className="revoked-state" data-testid="connection">
            Revoked: not syncing
          </span>
        ) : (
          <span className={connection.online ? 'online' : 'offline'} data-testid="connection">
            {connection.online ? 'Online' : 'Offline'}
          </span>
        )}
        <span data-testid="pending-events">{sync.pendingEvents} waiting to sync</span>
        <span data-testid="last-contact" data-at={connection.lastContactAt ?? ''}>
          Last contact {contactTime(connection.lastContactAt)}
        </span>
        {sync.conflicts > 0 && (
          <span className="conflicts" data-testid="conflicts">
            {plural(sync.conflicts, 'conflict')} for a supervisor
          </span>
        )}
        {sync.rejected > 0 && (
          <span className="conflicts" data-testid="rejected-events" title="See Activity for why">
            {sync.rejected} set aside (refused by the server)
          </span>
        )}
      </header>
      {!sync.hostReachable && (
        <div className="offline-banner" role="alert" data-testid="host-down-banner">
          <strong>STATION SERVICE NOT ANSWERING</strong> Scans and labels are not recorded now. Restart the station app, or ask your
          supervisor; work already recorded is kept.
        </div>
      )}
      {offline && sync.hostReachable && (
        <div className="offline-banner" role="status" data-testid="offline-banner" title={connection.lastError ?? undefined}>
          <strong>OFFLINE</strong> Working from this station&apos;s own copy. {plural(sync.pendingEvents, 'change')} to go up. The server
          last answered {connection.lastContactAt ? `at ${contactTime(connection.lastContactAt)}` : 'never'}.
        </div>
      )}
      <SsccStockBanner stock={sync.ssccStock} />
      {download ? (
        <div className="download" data-testid="download-progress">
          <label htmlFor="download-bar">
            Downloading orders and returns: {download.received} of {download.total}
          </label>
          <progress id="download-bar" value={download.received} max={download.total} />
        </div>
      ) : (
        !sync.firstSyncDone &&
        connection.online && (
          <div className="download" data-testid="download-progress">
            <label htmlFor="download-bar">Downloading orders and returns…</label>
            <progress id="download-bar" />
          </div>
        )
      )}
    </div>
  );
}
