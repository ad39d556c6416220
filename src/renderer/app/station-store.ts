import { create } from 'zustand';
import type {
  CarrierServiceChoice,
  CarrierState,
  ConnectionState,
  PrintJob,
  SsccStock,
  StationIdentity,
  StationPeople,
} from '../../shared/contract/index';
import type { PendingCapture } from '../../shared/domain/unit-capture';
import { playSound, type SoundName } from '../feedback/sounds';
import type { DownloadProgress } from '../features/sync/download-progress';
import { afterAcknowledge, afterSignInChange } from './messages-per-person';

export interface StationMessage {
  kind: 'error' | 'success' | 'info';
  text: string;
  /** Errors block scanning until the packer acknowledges them. */
  needsAck: boolean;
  /** Codes scanned while an error waited for its OK: refused, and named until the packer has seen them. */
  notTaken?: string[];
  /** Who it was said to: the person signed in then (none: nobody was). Only they see it (messages-per-person.ts). */
  forPersonId?: string;
  /** About the station itself (its printer, its credential), not one person's work: shown to anyone. */
  aboutStation?: boolean;
  /** Why it was kept back for its person (messages-per-person.ts), said over it when it is shown: they were signed out, or the page reloaded behind a newer error. */
  keptBecause?: 'signed-out' | 'reloaded';
}

export interface SyncStatus {
  connection: ConnectionState;
  pendingEvents: number;
  conflicts: number;
  rejected: number;
  /** Whether this station has caught up with the server at least once (its first download). */
  firstSyncDone: boolean;
  /** A download that is running (first sync, or catching up after long offline); null when none is. */
  download: DownloadProgress | null;
  /** Whether the station service (main, or the station host) answers: when not, nothing is recorded. */
  hostReachable: boolean;
  /** The SSCC serials left for shipping labels, with main's warning while they run low and no refill can come; null until main says. */
  ssccStock: SsccStock | null;
}

export interface StationState {
  identity: StationIdentity | null;
  /** Who may sign in here and who is signed in (main keeps it; this mirrors it). */
  people: StationPeople | null;
  setPeople(people: StationPeople): void;
  sync: SyncStatus;
  openFulfillmentOrderId: string | null;
  /** The return (RMA) open at the returns desk. */
  openReturnId: string | null;
  message: StationMessage | null;
  /** Errors kept back for people signed out before they saw them, by person id (messages-per-person.ts). */
  keptFor: Readonly<Record<string, StationMessage>>;
  jobs: PrintJob[];
  screen: 'pick' | 'pack' | 'returns' | 'printers' | 'activity' | 'supervisor';
  /** The last label this station printed, shown after printing. */
  lastLabelJobId: string | null;
  /** Weight the packer entered for the next package, in grams. */
  packageWeightGrams: number | null;
  /** What the packer typed in the weight field when it is not a weight: Ship refuses it rather than ship unweighed. */
  packageWeightUnreadable: string | null;
  setPackageWeight(grams: number | null, unreadable?: string | null): void;
  /** The carriers this station ships with and its stock of tracking numbers (main keeps them; this mirrors them). */
  carriers: CarrierState | null;
  setCarriers(carriers: CarrierState): void;
  /** The packer's choice of carrier service for the next package, over the shipping rules' (null: the rules decide). */
  carrierOverride: CarrierServiceChoice | null;
  setCarrierOverride(choice: CarrierServiceChoice | null): void;
  /** A unit scanned whose lot or serial the packer is asked for (unit-capture.ts); null when none is. */
  unitCapture: PendingCapture | null;
  setUnitCapture(pending: PendingCapture | null): void;
  setLastLabel(jobId: string | null): void;
  setIdentity(identity: StationIdentity): void;
  patchSync(patch: Partial<SyncStatus>): void;
  openOrder(id: string | null): void;
  openReturn(id: string | null): void;
  say(kind: StationMessage['kind'], text: string, sound?: SoundName): void;
  /** Says something about the station itself (its printer, its credential): anyone signed in, or signing in, sees it. */
  sayForAnyone(kind: StationMessage['kind'], text: string, sound?: SoundName): void;
  /** A scan that came while an error waits for its OK: refused with the error sound, and named on the message (a badge never is: badge-hand-over.ts). */
  refuseUntilAcknowledged(code: string): void;
  acknowledge(): void;
  upsertJob(job: PrintJob): void;
  setJobs(jobs: PrintJob[]): void;
  show(screen: StationState['screen']): void;
}

export const useStation = create<StationState>((set) => ({
  identity: null,
  people: null,
  setPeople: (people) =>
    set((s) => {
      // Only the messages: afterSignInChange hands back the state it was given when nobody changed.
      const { message, keptFor } = afterSignInChange(s, s.people?.signedIn?.id ?? null, people.signedIn?.id ?? null);
      return { people, message, keptFor };
    }),
  sync: {
    connection: { online: false, lastContactAt: null, lastError: null, revoked: null },
    pendingEvents: 0,
    conflicts: 0,
    rejected: 0,
    firstSyncDone: false,
    download: null,
    hostReachable: true,
    ssccStock: null,
  },
  openFulfillmentOrderId: null,
  openReturnId: null,
  message: null,
  keptFor: {},
  jobs: [],
  screen: 'pack',
  lastLabelJobId: null,
  packageWeightGrams: null,
  packageWeightUnreadable: null,
  setPackageWeight: (packageWeightGrams, packageWeightUnreadable = null) => set({ packageWeightGrams, packageWeightUnreadable }),
  carriers: null,
  setCarriers: (carriers) => set({ carriers }),
  carrierOverride: null,
  setCarrierOverride: (carrierOverride) => set({ carrierOverride }),
  unitCapture: null,
  setUnitCapture: (unitCapture) => set({ unitCapture }),
  setLastLabel: (lastLabelJobId) => set({ lastLabelJobId }),
  setIdentity: (identity) => set({ identity }),
  patchSync: (patch) => set((s) => ({ sync: { ...s.sync, ...patch } })),
  openOrder: (id) =>
    set((s) =>
      id === s.openFulfillmentOrderId
        ? { openFulfillmentOrderId: id }
        : { openFulfillmentOrderId: id, packageWeightGrams: null, packageWeightUnreadable: null, carrierOverride: null, unitCapture: null },
    ),
  openReturn: (openReturnId) => set({ openReturnId }),
  say: (kind, text, sound) => {
    soundOf(kind, sound);
    set((s) => ({ message: said(s, kind, text) }));
  },
  sayForAnyone: (kind, text, sound) => {
    soundOf(kind, sound);
    set((s) => ({ message: { ...said(s, kind, text), aboutStation: true } }));
  },
  refuseUntilAcknowledged: (code) => {
    playSound('error');
    set((s) =>
      s.message?.needsAck ? { message: { ...s.message, notTaken: [...(s.message.notTaken ?? []), code.trim()].slice(-3) } } : {},
    );
  },
  acknowledge: () => set((s) => afterAcknowledge(s, s.people?.signedIn?.id ?? null)),
  upsertJob: (job) => set((s) => ({ jobs: [job, ...s.jobs.filter((j) => j.id !== job.id)].slice(0, 100) })),
  setJobs: (jobs) => set({ jobs }),
  show: (screen) => set({ screen }),
}));

function soundOf(kind: StationMessage['kind'], sound: SoundName | undefined): void {
  if (sound) playSound(sound);
  else if (kind === 'error') playSound('error');
}

/** A new message, for the person signed in now. */
function said(s: StationState, kind: StationMessage['kind'], text: string): StationMessage {
  // Codes refused while the last error waited for its OK stay named on the message that replaces it
  // (a label that printed meanwhile says "shipped" over it): the packer must still scan them again.
  const forPersonId = s.people?.signedIn?.id;
  return { kind, text, needsAck: kind === 'error', ...(forPersonId ? { forPersonId } : {}), ...carriedNotTaken(s.message) };
}

/** What a new message keeps of the one it replaces: the codes refused while that one waited for its OK. */
function carriedNotTaken(replaced: StationMessage | null): Pick<StationMessage, 'notTaken'> {
  return replaced?.needsAck && replaced.notTaken?.length ? { notTaken: replaced.notTaken } : {};
}
