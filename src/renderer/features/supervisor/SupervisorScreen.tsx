import type { StationClient } from '../../station-client/index';
import { BackorderQueue } from './BackorderQueue';
import { ConflictTasks } from './ConflictTasks';
import { EndOfDay } from './EndOfDay';
import { PairingCodePanel } from './PairingCodePanel';
import { ScreensPanel } from './ScreensPanel';
import { SignInLockouts } from './SignInLockouts';
import { StationsPanel } from './StationsPanel';
import { useSupervisorDesk } from './use-supervisor-desk';
import { WorkInProgress } from './WorkInProgress';

/** The supervisor's desk at any station: backorders, held and busy work, conflicts (online only); screens with an order open, sign-in lockouts and pairing (this station's own). */
export function SupervisorScreen({ client }: { client: StationClient }) {
  const desk = useSupervisorDesk(client);
  const { data } = desk;
  const here = data?.stations.find((s) => s.current)?.warehouseId;
  return (
    <div className="supervisor" data-testid="supervisor">
      <div className="actions">
        <h2>Supervisor</h2>
        <button onClick={() => void desk.refresh()} disabled={desk.loading}>
          {desk.loading ? 'Loading…' : 'Refresh'}
        </button>
      </div>
      {!data ? (
        <p className="muted">
          {desk.loading ? 'Asking the server…' : 'Supervisor work needs the server. Refresh when the station is online.'}
        </p>
      ) : (
        <>
          <BackorderQueue client={client} desk={desk} backorders={data.backorders} warehouses={data.warehouses} />
          <ConflictTasks client={client} desk={desk} tasks={data.tasks} />
          <WorkInProgress client={client} desk={desk} fulfillmentOrders={data.fulfillmentOrders} stations={data.stations} />
          <StationsPanel stations={data.stations.filter((s) => s.warehouseId === here)} />
        </>
      )}
      <EndOfDay client={client} />
      <ScreensPanel client={client} />
      <SignInLockouts client={client} />
      <PairingCodePanel client={client} />
    </div>
  );
}
