import { join } from 'node:path';
import type { StationCarrierAccount } from '../../shared/carriers/carrier-config';
import { CarrierLabelView } from '../../shared/carriers/carrier-labels';
import { HandlerError } from '../../shared/contract/dispatch';
import type { PrintJob, PrintRequest } from '../../shared/contract/printing';
import type { JobTracking } from '../../shared/contract/printing';
import { readJsonFile, writeJsonFileAtomic } from '../services/json-file';
import type { ServerLink } from '../services/server-link';
import { carrierRefusal, technicalOf } from './carrier-refusal';

/** A shipping label asked for a carrier service (what the pack screen prints). */
export type ShippingLabelPrint = Extract<PrintRequest, { template: 'shipping-label' }>;

/** The carrier's label for a package, bought through the server, and what the job records of it. */
export interface BoughtForJob {
  tracking: JobTracking;
  label: { format: 'zpl' | 'pdf'; contentBase64: string };
}

export interface QueuedLabel {
  request: ShippingLabelPrint;
  orderNumber: string;
  serviceName: string;
  queuedAt: string;
  /** Why the last try was refused, in words (shown with the carrier warnings). */
  lastError: string | null;
  /** The server's own account of that refusal, for support (carrier-refusal.ts). */
  lastErrorDetail?: string | null;
}

export interface BoughtLabels {
  /** The label of an account that buys its labels; null for one that numbers its own (blocks). Offline: queued, and refused plainly. */
  buy(request: ShippingLabelPrint): Promise<BoughtForJob | null>;
  queued(): QueuedLabel[];
  /** Prints every queued label now that the server can be reached (one at a time, in the order they were queued). */
  drain(print: (request: PrintRequest) => Promise<PrintJob>): Promise<void>;
  /** The package was unpacked: its queued label is never bought. True when one was queued. */
  forget(packageId: string): boolean;
}

export const LABEL_WAITS_FOR_SERVER = 'label_waits_for_server';

/**
 * Labels a carrier API sells (an account with labelSource 'easypost') are bought by the server,
 * which holds the credentials, so only while the station is online. Offline, the package is not
 * shipped: its label request is kept on disk (label-queue.json), the packer is told so plainly,
 * and when the link returns the station buys and prints it; the package ships when it prints, as
 * any other. We queue rather than switch to a block carrier: the rule (or the packer) chose this
 * carrier and service, and silently changing carrier would change price and delivery promise.
 */
export function openBoughtLabels(options: {
  dataDir: string;
  accounts: () => readonly StationCarrierAccount[];
  link: () => Pick<ServerLink, 'request' | 'state'>;
  changed: () => void;
}): BoughtLabels {
  const file = join(options.dataDir, 'label-queue.json');
  let queue: QueuedLabel[] = readJsonFile<QueuedLabel[]>(file) ?? [];
  let draining: Promise<void> | null = null;
  const save = () => {
    writeJsonFileAtomic(file, queue);
    options.changed();
  };
  const packageOf = (r: ShippingLabelPrint) => r.data.packageId;

  function enqueue(request: ShippingLabelPrint, serviceName: string, lastError: string | null): void {
    queue = queue.filter((q) => packageOf(q.request) !== packageOf(request));
    queue.push({ request, orderNumber: request.data.orderNumber, serviceName, queuedAt: new Date().toISOString(), lastError });
    save();
  }

  async function buy(request: ShippingLabelPrint): Promise<BoughtForJob | null> {
    const choice = request.carrierService!;
    const account = options.accounts().find((a) => a.id === choice.accountId);
    if (!account || account.labelSource !== 'easypost') return null;
    const service = account.services.find((s) => s.code === choice.serviceCode);
    if (!service)
      throw new HandlerError('carrier_service_unknown', `this station has no carrier service ${choice.serviceCode} on that account`, 409);
    const purpose = request.purpose;
    if (purpose?.kind !== 'ship-package')
      throw new HandlerError('purpose_required', `a ${service.name} label is bought for a package being shipped`, 400);
    const offline = () => {
      enqueue(request, service.name, null);
      return new HandlerError(
        LABEL_WAITS_FOR_SERVER,
        `${service.name} labels are bought from ${account.name} through the server, and this station is offline. ` +
          `${request.data.orderNumber}'s package is queued: its label prints, and it ships, when the server is back. Nothing ships without a label.`,
        409,
      );
    };
    if (!options.link().state().online) throw offline();
    if (!request.data.shipFrom)
      throw new HandlerError('ship_from_required', "set the station's ship-from address first: the carrier needs it to sell a label", 409);
    let label: CarrierLabelView;
    try {
      label = await options.link().request(CarrierLabelView, 'POST', `/v1/packages/${purpose.packageId}/carrier-label`, {
        accountId: account.id,
        serviceCode: service.code,
        fulfillmentOrderId: purpose.fulfillmentOrderId,
        shipFrom: request.data.shipFrom,
        ...(request.data.weightGrams ? { weightGrams: request.data.weightGrams } : {}),
      });
    } catch (error) {
      if (error instanceof HandlerError && error.code === 'server_unreachable') throw offline();
      throw carrierRefusal(error, `${request.data.orderNumber}'s ${service.name} label was not bought`);
    }
    return {
      tracking: {
        accountId: account.id,
        carrier: account.carrier,
        serviceCode: service.code,
        serviceName: service.name,
        trackingNumber: label.trackingNumber,
        trackingUrl: label.trackingUrl ?? '',
      },
      label: { format: label.labelFormat, contentBase64: label.labelBase64 },
    };
  }

  async function drainNow(print: (request: PrintRequest) => Promise<PrintJob>): Promise<void> {
    for (const item of [...queue]) {
      if (!options.link().state().online) return;
      try {
        await print(item.request);
        queue = queue.filter((q) => q !== item && packageOf(q.request) !== packageOf(item.request));
        save();
      } catch (error) {
        const e = error as HandlerError;
        if (e.code === LABEL_WAITS_FOR_SERVER) return; // offline again; buy() queued it again
        // The server or carrier refused (an address it cannot verify...): kept, with why, for the packer to see.
        const kept = queue.find((q) => packageOf(q.request) === packageOf(item.request));
        if (kept) Object.assign(kept, { lastError: e.message, lastErrorDetail: technicalOf(e) });
        save();
      }
    }
  }

  return {
    buy,
    queued: () => queue,
    forget(packageId) {
      const before = queue.length;
      queue = queue.filter((q) => packageOf(q.request) !== packageId);
      if (queue.length === before) return false;
      save();
      return true;
    },
    drain(print) {
      draining ??= drainNow(print).finally(() => (draining = null));
      return draining;
    },
  };
}
