import type { Implementation, StationContract, StationSettings } from '../../shared/contract/index';
import type { PullResponse, PushResponse, SyncHello } from '../../shared/sync/sync-protocol';
import { createPrintService, type PrintService } from '../printing/print-service';
import { createEventHub, type EventHub } from './event-hub';
import type { SecretStore } from './secret-store';
import { createServerLink, type ServerLink } from './server-link';
import { createSettingsStore } from './settings-store';
import { createStationPeople, type SyncedUser } from './station-people';
import { createStationIdentity } from './station-identity';
import { createStationLeases } from './station-leases';
import { createSupervisorDesk } from './supervisor-desk';

export interface StationServicesOptions {
  dataDir: string;
  secrets: SecretStore;
  /** Pre-filled server URL for the enrollment screen (DOCKSIDE_SERVER_URL). */
  defaultServerUrl?: string | null;
  initialSettings?: Partial<StationSettings>;
  /** How often the sign-in list is fetched again while online. */
  peopleRefreshMs?: number;
  /** How often the station renews the orders it holds while online. */
  leaseRenewMs?: number;
}

export interface StationServices {
  handlers: Implementation<StationContract>;
  events: EventHub;
  link: ServerLink;
  print: PrintService;
  defaultServerUrl: string | null;
  close(): Promise<void>;
}

/**
 * Everything the station's main process does, independent of Electron: the station host and
 * the Electron shell both run exactly this and only differ in how they carry calls.
 */
export async function createStationServices(options: StationServicesOptions): Promise<StationServices> {
  const events = createEventHub();
  const settings = createSettingsStore(options.dataDir, options.initialSettings);
  const identity = createStationIdentity(options.dataDir, options.secrets);
  const people = createStationPeople({
    dataDir: options.dataDir,
    fetchList: () => link.request<{ users: SyncedUser[] }>('GET', '/v1/sync/users'),
    onChange: (list) => events.emit('station.people-changed', list),
  });
  const refreshPeople = () => void people.refresh().catch(() => undefined /* offline: keep the list on disk */);
  const link = createServerLink({
    credentials: () => identity.credentials(),
    onConnection: (state) => {
      events.emit('sync.connection', state);
      if (state.online) {
        refreshPeople();
        void leases.renew();
      }
    },
    onStream: (message) => events.emit('sync.stream', message),
  });
  const leases = createStationLeases({ link, signedIn: () => people.people().signedIn, renewEveryMs: options.leaseRenewMs });
  // Deactivations and new starters reach the station within minutes, not only on reconnect.
  const peopleTimer = setInterval(() => {
    if (link.state().online) refreshPeople();
  }, options.peopleRefreshMs ?? 5 * 60_000);
  peopleTimer.unref?.();
  const print = await createPrintService({ dataDir: options.dataDir, getSettings: () => settings.get() });
  const unsubscribePrint = print.onJobUpdated((job) => events.emit('printing.job-updated', job));

  const handlers: Implementation<StationContract> = {
    'station.get-identity': async () => ({ ...identity.get(), serverUrl: identity.get().serverUrl ?? options.defaultServerUrl ?? null }),
    'station.enroll': async ({ serverUrl, code }) => {
      const result = await identity.enroll(serverUrl, code);
      link.reconnect();
      return result;
    },
    'station.people': async () => {
      if (people.people().refreshedAt === null && identity.credentials()) await people.refresh().catch(() => undefined);
      return people.people();
    },
    'station.sign-in': (req) => people.signIn(req),
    'station.sign-out': async () => people.signOut(),
    'settings.get': async () => settings.get(),
    'settings.update': async (patch) => settings.update(patch),
    'sync.hello': () => link.request<SyncHello>('GET', '/v1/sync/hello'),
    'sync.pull': (req) => link.request<PullResponse>('POST', '/v1/sync/pull', req),
    'sync.push': (req) => link.request<PushResponse>('POST', '/v1/sync/push', req),
    'sync.connection': async () => link.state(),
    'printing.print': (req) => print.print(req),
    'printing.list-jobs': async (req) => print.listJobs(req?.limit),
    'printing.reprint': ({ jobId, printerId }) => print.reprint(jobId, printerId),
    'printing.void': ({ jobId }) => print.void(jobId),
    'printing.retry-now': ({ jobId }) => print.retryNow(jobId),
    'printing.preview': (req) => print.preview(req),
    'printing.printer-status': ({ printerId }) => print.printerStatus(printerId),
    ...createSupervisorDesk({ link, identity: () => identity.get(), signedIn: () => people.people().signedIn }),
    ...leases.handlers,
  };

  return {
    handlers,
    events,
    link,
    print,
    defaultServerUrl: options.defaultServerUrl ?? null,
    async close() {
      link.stop();
      leases.stop();
      clearInterval(peopleTimer);
      unsubscribePrint();
      await print.close();
    },
  };
}
