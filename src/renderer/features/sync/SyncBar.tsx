import { useStation } from '../../app/station-store';

function ago(iso: string | null): string {
  if (!iso) return 'never';
  const s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  return s < 60 ? `${s}s ago` : s < 3600 ? `${Math.round(s / 60)} min ago` : new Date(iso).toLocaleTimeString();
}

/** Always visible: online or not, what waits to go up, when it last synced, conflicts. */
export function SyncBar() {
  const { sync, identity } = useStation();
  const { initialSync } = sync;
  return (
    <header className="sync-bar" data-testid="sync-bar" data-online={sync.connection.online} data-pending={sync.pendingEvents}>
      <strong>{identity?.stationName ?? 'Station'}</strong>
      <span>{identity?.warehouseName}</span>
      {sync.connection.revoked ? (
        <span className="revoked-state" data-testid="connection">
          Revoked: not syncing
        </span>
      ) : (
        <span className={sync.connection.online ? 'online' : 'offline'} data-testid="connection">
          {sync.connection.online ? 'Online' : 'Offline'}
        </span>
      )}
      <span data-testid="pending-events">{sync.pendingEvents} waiting to sync</span>
      <span>Last sync {ago(sync.lastSyncAt)}</span>
      {!initialSync.done && (
        <span data-testid="initial-sync">
          Downloading orders: {initialSync.received} received, {initialSync.remaining} to go
        </span>
      )}
      {sync.conflicts > 0 && (
        <span className="conflicts" data-testid="conflicts">
          {sync.conflicts} conflicts for a supervisor
        </span>
      )}
      {sync.rejected > 0 && (
        <span className="conflicts" data-testid="rejected-events" title="See Activity for why">
          {sync.rejected} set aside (refused by the server)
        </span>
      )}
      {!sync.connection.online && !sync.connection.revoked && sync.connection.lastError && (
        <span className="muted" title={sync.connection.lastError}>
          working offline
        </span>
      )}
    </header>
  );
}
