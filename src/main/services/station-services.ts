import type { FulfillmentDocument } from '../../shared/sync/fulfillment-document';
import { checkMayAnswer, checkMayChangeSettings, checkMayReprint } from './settings-access';
import type { Implementation, PairingCode, SsccStock, StationContract, StationSettings } from '../../shared/contract/index';
import { PULL_RESPONSES, PushResponse, StationConflicts, SyncHello } from '../../shared/sync/sync-protocol';
import { scanCodeRulesOf } from '../../shared/contract/settings';
import { SyncedUserList } from '../../shared/sync/synced-users';
import { carrierHandlersOf, carrierRefresher, openStationCarriers, type StationCarriers } from '../carriers/station-carriers';
import { createPrintService, type PrintService } from '../printing/print-service';
import { openStationSscc } from '../printing/sscc/station-sscc';
import { scaleHandlersOf } from '../scale/scale-reader';
import { createDeskPrints } from './desk-prints';
import { createEventHub, type EventHub } from './event-hub';
import type { SecretStore } from './secret-store';
import { createServerLink, type ServerLink } from './server-link';
import { connectionNews } from './connection-news';
import { createSettingsStore } from './settings-store';
import { createDevicePairing, type DevicePairing } from './device-pairing';
import { countingActivity } from './person-activity';
import { createSignInDesk } from './sign-in-desk';
import { createStationPeople, type StationPeopleService } from './station-people';
import { createStationIdentity } from './station-identity';
import { createStationLeases } from './station-leases';
import { openStationSeqs } from './station-seqs';
import { createShipTurns } from './ship-turns';
import { createOrderScreens } from './order-screens';
import { createScreensDesk } from './screens-desk';
import { unnamedScreen } from './order-screen-words';
import { createDevicePresence, hearingCalls, type DevicePresence } from './device-presence';
import { createSupervisorDesk } from './supervisor-desk';
import { routeStreamMessages } from './stream-routing';

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
  /** How long after coming online it renews its holds (RENEW_AFTER_ONLINE_MS). */
  leaseRenewAfterOnlineMs?: number;
  /** The clock of sign-in locks and idle sign-outs (tests move it by hand). */
  now?: () => number;
  /** How often idle people are looked for. */
  idleCheckMs?: number;
  /** What a device (screen) was named when it paired (the station host's device tokens); null when it has no name. */
  screenName?: (deviceId: string) => string | null;
  /** A new pairing code for handhelds exists (the station host prints it). */
  onPairingCode?: (code: PairingCode) => void;
  /** How long a request to the server may take (server-link.ts's default); a push waits PUSH_TIMEOUT_MS. */
  requestTimeoutMs?: number;
}

export interface StationServices {
  handlers: Implementation<StationContract>;
  events: EventHub;
  link: ServerLink;
  print: PrintService;
  /** What is left of the SSCC serials of the label settings' range (sscc-stock.ts). */
  ssccStock: () => SsccStock;
  carriers: StationCarriers;
  people: StationPeopleService;
  pairing: DevicePairing;
  defaultServerUrl: string | null;
  close(): Promise<void>;
}

/** The server's hello; the station's sequence floor is raised to its last seq before it is answered. */
async function helloRaisingFloor(link: ServerLink, seqs: { raiseFloor(seq: number): Promise<unknown> }) {
  const answer = await link.request(SyncHello, 'GET', '/v1/sync/hello');
  await seqs.raiseFloor(answer.lastSeq);
  return answer;
}

/** Deactivations and new starters reach the station within minutes, not only on reconnect. */
function whileOnline(link: { state(): { online: boolean } }, everyMs: number, refresh: () => void): ReturnType<typeof setInterval> {
  const timer = setInterval(() => {
    if (link.state().online) refresh();
  }, everyMs);
  timer.unref?.();
  return timer;
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
    fetchList: () => link.request(SyncedUserList, 'GET', '/v1/sync/users'),
    // Each device hears only about its own sign-in; a new list reaches every device, each with its own.
    onChange: (deviceId) =>
      deviceId === null
        ? events.emitEach('station.people-changed', people.people)
        : events.emitTo(deviceId, 'station.people-changed', people.people(deviceId)),
    idleMinutes: () => settings.get().idleSignOutMinutes,
    scanRules: () => scanCodeRulesOf(settings.get().scanner),
    now: options.now,
  });
  const idleTimer = setInterval(() => people.signOutIdle(), options.idleCheckMs ?? 30_000);
  idleTimer.unref?.();
  const pairing = createDevicePairing({ now: options.now, onNewCode: options.onPairingCode });
  const refreshPeople = () => void people.refresh().catch(() => undefined /* offline: keep the list on disk */);
  const seqs = await openStationSeqs(options.dataDir);
  const carriers = await openStationCarriers({
    dataDir: options.dataDir,
    link: () => link,
    onChange: (state) => events.emit('carriers.changed', state),
  });
  const carrierSync = carrierRefresher(carriers);
  const hello = () => helloRaisingFloor(link, seqs);
  // Opened before the link: its first connection may come during any later await, and asks it for blocks.
  const stationSscc = await openStationSscc(options.dataDir, () => link, settings, events);
  const { allocator: sscc, refill: refillSscc, stock: ssccStock } = stationSscc;
  const link = createServerLink({
    requestTimeoutMs: options.requestTimeoutMs,
    credentials: () => identity.credentials(),
    onConnection: connectionNews({
      changed: (state) => events.emit('sync.connection', state),
      cameOnline: () => {
        refreshPeople();
        carrierSync.refresh();
        // Enrolled or back online: hold SSCC blocks before going offline again.
        refillSscc();
        void hello().catch(() => undefined /* offline again: the floor is on disk */);
        leases.renewSoon();
      },
      // Its refill then fails at once (the link asks nothing of the server): a low stock's warning says why none comes.
      revoked: refillSscc,
      // Starting offline, a stock left below the mark warns now; starting online, the refill on connecting decides.
      firstAttemptFailed: stationSscc.startedOffline,
    }),
    onStream: routeStreamMessages(events, (deviceId) => people.people(deviceId).signedIn),
  });
  if (!identity.credentials()) stationSscc.startedOffline(); // no server set up: no attempt to wait for
  const leases = createStationLeases({
    link,
    signedIn: (deviceId) => people.people(deviceId).signedIn,
    renewEveryMs: options.leaseRenewMs,
    renewAfterOnlineMs: options.leaseRenewAfterOnlineMs,
  });
  const peopleTimer = whileOnline(link, options.peopleRefreshMs ?? 5 * 60_000, () => {
    refreshPeople();
    carrierSync.refresh();
  });
  const print = await createPrintService({ dataDir: options.dataDir, getSettings: () => settings.get(), sscc, ...carrierSync.printHooks });
  carrierSync.printWith(print.print);
  const unsubscribePrint = print.onJobUpdated((job) => events.emit('printing.job-updated', job));
  const printing = { settings: () => settings.get(), print: print.print }; // a relabelled parcel's label prints here

  const presence = createDevicePresence({ listening: events.connected, now: options.now });
  const counted: Implementation<StationContract> = countingActivity(
    {
      'station.get-identity': async () => ({ ...identity.get(), serverUrl: identity.get().serverUrl ?? options.defaultServerUrl ?? null }),
      'station.enroll': async ({ serverUrl, code }) => {
        const result = await identity.enroll(serverUrl, code);
        link.reconnect();
        return result;
      },
      'station.people': async (_, { deviceId }) => {
        if (people.people(deviceId).refreshedAt === null && identity.credentials()) await people.refresh().catch(() => undefined);
        return people.people(deviceId);
      },
      'station.sign-in': (req, { deviceId }) => people.signIn(deviceId, req),
      'station.sign-out': async (_, { deviceId }) => people.signOut(deviceId),
      'station.hand-over': async ({ badge }, { deviceId }) => people.handOver(deviceId, badge),
      'station.badge-at-serial': async ({ code }, { deviceId }) => people.badgeAtSerial(deviceId, code),
      ...createSignInDesk({ people, pairing }),
      'settings.get': async () => settings.get(),
      'settings.update': async (patch, { deviceId }) => {
        checkMayChangeSettings(people.people(deviceId));
        const updated = await settings.update(patch);
        refillSscc(); // a new extension digit or company prefix needs its own blocks
        return updated;
      },
      ...syncHandlersOf(link, seqs, print, hello, () => identity.get().stationId ?? null),
      ...printingHandlersOf(print, people, ssccStock),
      ...createSupervisorDesk({ link, identity: () => identity.get(), signedIn: (id) => people.people(id).signedIn, printing }),
      ...leases.handlers,
      ...carrierHandlersOf(carriers, link),
      ...benchHandlers({ settings, link, print, carriers, identity, people }),
      ...createShipTurns({
        jobs: () => print.listJobs({ limit: Number.MAX_SAFE_INTEGER }),
        signedIn: (deviceId) => people.people(deviceId).signedIn,
      }).handlers,
      ...screenHandlersOf(people, events, presence, options.screenName),
    },
    people.noteActivity,
  );

  return {
    // Every call tells that its page is there (device-presence.ts); only a person's actions keep them signed in.
    handlers: hearingCalls(counted, presence.heard),
    events,
    link,
    print,
    ssccStock,
    carriers,
    people,
    pairing,
    defaultServerUrl: options.defaultServerUrl ?? null,
    async close() {
      link.stop();
      leases.stop();
      clearInterval(peopleTimer);
      clearInterval(idleTimer);
      unsubscribePrint();
      await print.close();
    },
  };
}

/** Which screen has which order open (one at a time), and the supervisor's list of them. */
function screenHandlersOf(
  people: StationPeopleService,
  events: EventHub,
  presence: DevicePresence,
  named: (deviceId: string) => string | null = () => null,
) {
  const signedIn = (deviceId: string) => people.people(deviceId).signedIn;
  const screenName = (deviceId: string) => named(deviceId) ?? unnamedScreen(deviceId);
  const screens = createOrderScreens({
    signedIn,
    signInSetUp: people.signInSetUp,
    connected: events.connected,
    present: presence.present,
    screenName,
    signOut: people.signOutBecause,
  });
  return { ...screens.handlers, ...createScreensDesk({ screens, presence, signedIn, screenName }) };
}

/** The bench scale and the documents the station prints from the server (manifests, return labels). */
function benchHandlers(o: {
  settings: ReturnType<typeof createSettingsStore>;
  link: ServerLink;
  print: PrintService;
  carriers: StationCarriers;
  identity: ReturnType<typeof createStationIdentity>;
  people: StationPeopleService;
}) {
  return {
    ...scaleHandlersOf(() => o.settings.get().scale ?? null),
    ...createDeskPrints({
      ...o,
      identity: () => o.identity.get(),
      signedIn: (deviceId) => o.people.people(deviceId).signedIn,
      returnLabelPrinter: () => o.settings.get().routes['return-label'],
    }),
  };
}

/**
 * The renderer's sync passes through here to the server: hello, pull, push, and the station's seq
 * blocks. Every order the station learns of passes the pull, page open or not, so the waiting labels of a cancelled, held
 * or moved order (to another warehouse or station) are voided here and never print, and so is a label
 * whose parcel a supervisor relabelled (never reprinted either).
 */
function syncHandlersOf(
  link: ServerLink,
  seqs: Awaited<ReturnType<typeof openStationSeqs>>,
  print: PrintService,
  hello: () => Promise<SyncHello>,
  stationId: () => string | null,
) {
  return {
    'sync.hello': hello,
    'sync.pull': async (req) => {
      const askedAt = new Date().toISOString();
      const pulled = await link.request(PULL_RESPONSES[req.collection], 'POST', '/v1/sync/pull', req);
      if (req.collection === 'fulfillment_orders')
        await print
          .voidForPulledOrders(
            pulled.documents.flatMap((d) => (d._deleted ? [] : [d as FulfillmentDocument])),
            stationId(),
            askedAt,
          )
          .catch((err: unknown) => console.error('voiding the labels of stopped or relabelled orders failed', err));
      return pulled;
    },
    'sync.push': async (req) => {
      const pushed = await link.request(PushResponse, 'POST', '/v1/sync/push', req, {}, { timeoutMs: PUSH_TIMEOUT_MS });
      await seqs.raiseFloor(pushed.lastSeq);
      return pushed;
    },
    'sync.connection': async () => link.state(),
    'sync.conflicts': () => link.request(StationConflicts, 'GET', '/v1/sync/conflicts'),
    'sync.next-seqs': (req) => seqs.block(req),
  } satisfies Partial<Implementation<StationContract>>;
}

/**
 * A push is answered once the server has applied it, after the station's earlier pushes (they run
 * one at a time): after a reconnect, every device's backlog queues there. Giving up sooner would
 * not stop the server's work, and would send the same events again behind it.
 */
const PUSH_TIMEOUT_MS = 120_000;

/**
 * The print queue's handlers: each passes to main's print service, with who is signed in on the
 * device (recorded on the job). A reprint or move, and an answer to "Did it print?", is checked
 * against who printed (reprintRefusal, answerRefusal).
 */
function printingHandlersOf(print: PrintService, people: StationPeopleService, ssccStock: () => SsccStock) {
  return {
    'printing.print': (req, { deviceId }) => print.print(req, people.people(deviceId).signedIn),
    'printing.list-jobs': async (req) => print.listJobs(req),
    'printing.reprint': ({ jobId, printerId }, { deviceId }) => {
      const here = people.people(deviceId);
      checkMayReprint(print.get(jobId), here);
      return print.reprint(jobId, printerId, here.signedIn);
    },
    'printing.void': ({ jobId }) => print.void(jobId),
    'printing.void-package': ({ packageId }) => print.voidPackage(packageId),
    'printing.void-duplicate': ({ jobId }) => print.voidDuplicate(jobId),
    'printing.retry-now': ({ jobId }) => print.retryNow(jobId),
    'printing.answer-unconfirmed': ({ jobId, answer }, { deviceId }) => {
      const here = people.people(deviceId);
      checkMayAnswer(print.get(jobId), here);
      return print.answerUnconfirmed(jobId, answer, here.signedIn);
    },
    'printing.mark-recorded': ({ jobId }) => print.markRecorded(jobId),
    'printing.preview': (req) => print.preview(req),
    'printing.printer-status': ({ printerId }) => print.printerStatus(printerId),
    'printing.sscc-stock': async () => ssccStock(),
  } satisfies Partial<Implementation<StationContract>>;
}
