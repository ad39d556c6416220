import { join } from 'node:path';
import {
  schemeOf,
  StationCarrierConfig,
  TRACKING_FORMAT_OF,
  TrackingBlock,
  type StationCarrierAccount,
} from '../../shared/carriers/carrier-config';
import { buildTrackingNumber, trackingUrl } from '../../shared/carriers/tracking-numbers';
import type { CarrierServiceChoice, CarrierState, CarrierStock, carrierHandlers } from '../../shared/contract/carriers';
import type { Implementation } from '../../shared/contract/handler';
import { HandlerError } from '../../shared/contract/dispatch';
import type { JobTracking } from '../../shared/contract/printing';
import { readJsonFile, writeJsonFileAtomic } from '../services/json-file';
import type { ServerLink } from '../services/server-link';
import { openBoughtLabels, type BoughtForJob, type ShippingLabelPrint } from './bought-labels';
import type { PrintJob, PrintRequest } from '../../shared/contract/printing';
import { openTrackingBlockStore } from './tracking-block-store';

/** A tracking number taken for one package's label. */
export type IssuedTracking = JobTracking;

export interface StationCarriers {
  state(): CarrierState;
  /** Fetches the config and refills what is low; throws when the server cannot be reached. */
  refresh(): Promise<CarrierState>;
  /** Refills every account below its low-water mark, if online (never throws). */
  refill(): Promise<void>;
  /** The next number of the account's blocks for that service, durable before it is returned. */
  issue(choice: CarrierServiceChoice): Promise<IssuedTracking>;
  /** The carrier's own label, bought through the server, for an account that buys its labels; null for a block account. */
  buyLabel(request: ShippingLabelPrint): Promise<BoughtForJob | null>;
  /** Prints the labels queued while offline (bought-labels.ts). */
  drainLabelQueue(print: (request: PrintRequest) => Promise<PrintJob>): Promise<void>;
  /** Drops an unpacked package's queued label (bought-labels.ts). */
  forgetQueuedLabel(packageId: string): boolean;
}

export interface StationCarriersOptions {
  dataDir: string;
  /** The server link (created after this: read when used). */
  link: () => Pick<ServerLink, 'request' | 'state'>;
  onChange: (state: CarrierState) => void;
}

interface StoredConfig {
  refreshedAt: string;
  config: StationCarrierConfig;
}

/**
 * The carriers a station ships with, offline too: its warehouse's accounts, services and rules
 * (fetched from the server and kept on disk), and the tracking-number blocks the server hands it.
 * Below an account's low-water mark it asks for another block whenever it is online; the packer
 * sees a warning while it is low.
 */
export async function openStationCarriers(options: StationCarriersOptions): Promise<StationCarriers> {
  const file = join(options.dataDir, 'carriers.json');
  let stored = readJsonFile<StoredConfig>(file);
  const blocks = await openTrackingBlockStore(options.dataDir);
  const refilling = new Map<string, Promise<void>>();

  const accounts = () => stored?.config.accounts ?? [];
  const bought = openBoughtLabels({ dataDir: options.dataDir, accounts, link: options.link, changed: () => changed() });
  function state(): CarrierState {
    const stock: CarrierStock[] = accounts()
      .filter((a) => a.labelSource !== 'easypost')
      .map((a) => {
        const remaining = blocks.remaining(a.id);
        return { accountId: a.id, accountName: a.name, carrier: a.carrier, remaining, lowWater: a.lowWater, low: remaining < a.lowWater };
      });
    const offline = !options.link().state().online;
    const warnings = [
      ...stock
        .filter((s) => s.low)
        .map(
          (s) =>
            `${s.accountName}: ${s.remaining === 0 ? 'no' : `only ${s.remaining}`} tracking number${s.remaining === 1 ? '' : 's'} left${offline ? ' (offline: more when the server is back)' : ''}`,
        ),
      ...bought
        .queued()
        .map(
          (q) =>
            `${q.orderNumber}: waiting for its ${q.serviceName} label${q.lastError ? ` (refused: ${q.lastError})` : offline ? ' (offline: it prints when the server is back)' : ''}`,
        ),
    ];
    return { config: stored?.config ?? null, refreshedAt: stored?.refreshedAt ?? null, stock, warnings };
  }
  const changed = () => options.onChange(state());

  /** Asks for blocks until the account is above its low-water mark (one request at a time per account). */
  function refillAccount(account: StationCarrierAccount): Promise<void> {
    const running = refilling.get(account.id);
    if (running) return running;
    const run = (async () => {
      // Two blocks at most per round: a server refusing to move the counter cannot make this spin.
      for (let round = 0; round < 2 && blocks.remaining(account.id) < account.lowWater; round++) {
        const block = await options.link().request(TrackingBlock, 'POST', '/v1/sync/tracking-blocks', { accountId: account.id });
        await blocks.add(account.id, block);
        changed();
      }
    })().finally(() => refilling.delete(account.id));
    refilling.set(account.id, run);
    return run;
  }

  async function refill(): Promise<void> {
    if (!options.link().state().online) return;
    // An account that buys its labels has no blocks to fill.
    const numbered = accounts().filter((a) => a.labelSource !== 'easypost');
    await Promise.all(numbered.map((a) => refillAccount(a).catch(() => undefined /* next time */)));
  }

  return {
    state,
    async refresh() {
      const config = await options.link().request(StationCarrierConfig, 'GET', '/v1/sync/carriers');
      stored = { refreshedAt: new Date().toISOString(), config };
      writeJsonFileAtomic(file, stored);
      changed();
      await refill();
      return state();
    },
    refill,
    buyLabel: (request) => bought.buy(request),
    drainLabelQueue: (print) => bought.drain(print),
    forgetQueuedLabel: (packageId) => bought.forget(packageId),
    async issue(choice) {
      const account = accounts().find((a) => a.id === choice.accountId);
      const service = account?.services.find((s) => s.code === choice.serviceCode);
      if (!account || !service)
        throw new HandlerError('carrier_service_unknown', `this station has no carrier service ${choice.serviceCode} on that account`, 409);
      // The first label of an account, online: fetch a block rather than refuse.
      if (blocks.remaining(account.id) === 0 && options.link().state().online) await refillAccount(account).catch(() => undefined);
      const serial = await blocks.take(account.id);
      if (serial === null)
        throw new HandlerError(
          'tracking_numbers_used_up',
          `${account.name} has no tracking numbers left at this station; connect to the server for a new block, or choose another carrier`,
          409,
        );
      const trackingNumber = buildTrackingNumber(schemeOf(account), service.code, serial);
      void refill().finally(changed);
      changed();
      return {
        accountId: account.id,
        carrier: account.carrier,
        serviceCode: service.code,
        serviceName: service.name,
        trackingNumber,
        trackingUrl: trackingUrl(TRACKING_FORMAT_OF[account.carrier], trackingNumber),
      };
    },
  };
}

/**
 * Refreshing the carriers (on connecting, and every few minutes online), then printing the labels
 * queued while offline, once the print service exists; and what the print service numbers or buys labels with.
 */
export function carrierRefresher(carriers: StationCarriers) {
  let print: ((request: PrintRequest) => Promise<PrintJob>) | null = null;
  return {
    refresh: () =>
      void carriers
        .refresh()
        .catch(() => undefined /* offline: the config and blocks on disk */)
        .then(() => (print ? carriers.drainLabelQueue(print) : undefined))
        .catch(() => undefined /* kept in the queue with why */),
    printHooks: { issueTracking: carriers.issue, buyLabel: carriers.buyLabel },
    printWith(p: (request: PrintRequest) => Promise<PrintJob>) {
      print = p;
    },
  };
}

/** The station handlers of carriers. */
export function carrierHandlersOf(carriers: StationCarriers, link: Pick<ServerLink, 'state'>): Implementation<typeof carrierHandlers> {
  return {
    'carriers.state': async () => carriers.state(),
    'carriers.refresh': async () => {
      if (link.state().online) await carriers.refresh().catch(() => undefined /* answered with what is on disk */);
      return carriers.state();
    },
    'carriers.forget-queued-label': async ({ packageId }) => ({ forgotten: carriers.forgetQueuedLabel(packageId) }),
  };
}
