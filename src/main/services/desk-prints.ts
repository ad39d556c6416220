import type { z } from 'zod';
import { ACTING_USER_HEADER } from '../../shared/api/acting-user';
import { ManifestView, PendingManifest, type ManifestView as Manifest } from '../../shared/api/manifests';
import { ReturnLabelView, type ReturnLabelView as ReturnLabel } from '../../shared/api/returns';
import { deskPrintHandlers, type ClosedManifest } from '../../shared/contract/desk-prints';
import { HandlerError } from '../../shared/contract/dispatch';
import { perCaller, type CallerBound, type Implementation, type StationIdentity, type StationUser } from '../../shared/contract/index';
import type { PrintRequestInput } from '../../shared/contract/printing';
import type { StationCarriers } from '../carriers/station-carriers';
import { carrierRefusal } from '../carriers/carrier-refusal';
import type { PrintService } from '../printing/print-service';
import type { ServerLink } from './server-link';

export interface DeskPrintsOptions {
  link: ServerLink;
  print: PrintService;
  carriers: StationCarriers;
  identity: () => StationIdentity;
  signedIn: (deviceId: string) => StationUser | null;
  /** The printer routed for return labels, if any: a carrier's own return label goes there too. */
  returnLabelPrinter: () => string | undefined;
}

const minute = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/** The manifest as the driver's sheet prints it. */
export function manifestPrintRequest(m: Manifest): PrintRequestInput {
  return {
    template: 'manifest',
    data: {
      manifestNumber: m.number,
      carrier: m.carrier,
      warehouse: m.warehouseCode,
      closedAt: minute(m.closedAt),
      closedBy: m.closedBy.slice(0, 200),
      packageCount: m.packageCount,
      totalWeightGrams: m.totalWeightGrams,
      unweighedCount: m.unweighedCount,
      byService: m.byService.map(({ service, packageCount, totalWeightGrams }) => ({ service, packageCount, totalWeightGrams })),
      packages: m.packages.map((p) => ({
        orderNumber: p.orderNumber,
        trackingNumber: p.trackingNumber,
        service: p.service,
        weightGrams: p.weightGrams,
      })),
    },
  };
}

/**
 * A return label as it prints: Dockside's template for a numbered one; for one bought from a
 * carrier API, the carrier's own file byte for byte, on the printer routed for return labels.
 */
function returnLabelPrintRequest(label: ReturnLabel, printerId: string | undefined): PrintRequestInput {
  if (!label.carrierLabel) return { template: 'return-label', data: label.label };
  const data = {
    format: label.carrierLabel.format,
    contentBase64: label.carrierLabel.contentBase64,
    orderNumber: label.rmaNumber,
    carrier: label.carrier,
    trackingNumber: label.trackingNumber,
  };
  return { template: 'carrier-label', data, ...(printerId ? { printerId } : {}) };
}

/** End of day and return labels from this station: fetched from the server as the person signed in, printed through the queue. */
export function createDeskPrints(options: DeskPrintsOptions): Implementation<typeof deskPrintHandlers> {
  return perCaller(deskPrintHandlers, (caller) => deskPrintsFor(options, () => options.signedIn(caller.deviceId)));
}

function deskPrintsFor(o: DeskPrintsOptions, signedIn: () => StationUser | null): CallerBound<typeof deskPrintHandlers> {
  const warehouseId = () => {
    const id = o.identity().warehouseId;
    if (!id) throw new HandlerError('station_not_enrolled', 'this station is not enrolled with a server yet', 409);
    return id;
  };
  async function call<S extends z.ZodType>(answer: S, method: string, path: string, body?: unknown): Promise<z.output<S>> {
    if (!o.link.state().online)
      throw new HandlerError(
        'server_unreachable',
        'Manifests and return labels come from the server: try again when the station is online.',
        503,
      );
    const who = signedIn();
    return o.link.request(answer, method, path, body, who ? { [ACTING_USER_HEADER]: who.id } : {});
  }
  /** Queues the document; a missing route or a printer problem is said beside the document, never lost. */
  async function printed(request: PrintRequestInput) {
    try {
      return { job: await o.print.print(request), printProblem: null };
    } catch (err) {
      return { job: null, printProblem: err instanceof Error ? err.message : String(err) };
    }
  }
  const withPrint = async (manifest: Manifest): Promise<ClosedManifest> => ({
    manifest,
    ...(await printed(manifestPrintRequest(manifest))),
  });

  return {
    'manifests.pending': ({ carrier }) =>
      call(PendingManifest, 'GET', `/v1/warehouses/${warehouseId()}/pending-manifest?carrier=${encodeURIComponent(carrier)}`),
    'manifests.close': async ({ carrier }) =>
      withPrint(await call(ManifestView, 'POST', `/v1/warehouses/${warehouseId()}/manifests`, { carrier })),
    'manifests.print': async ({ manifestId }) => withPrint(await call(ManifestView, 'GET', `/v1/manifests/${manifestId}`)),
    'returns.print-return-label': async ({ returnId, accountId, serviceCode, weightGrams }) => {
      const account = o.carriers.state().config?.accounts.find((a) => !accountId || a.id === accountId);
      const service = serviceCode ?? account?.services[0]?.code;
      if (!account || !service)
        // The code and the route an admin uses are for support; the clerk reads what to do.
        throw new HandlerError(
          'carrier_not_configured',
          'No return label can be made here: this warehouse has no carrier set up yet. Ask an admin to add a carrier account for it',
          409,
          { adminRoute: 'POST /v1/carrier-accounts' },
        );
      const label = await call(ReturnLabelView, 'POST', `/v1/returns/${returnId}/return-label`, {
        accountId: account.id,
        serviceCode: service,
        ...(weightGrams ? { weightGrams } : {}),
      }).catch((error: unknown) => {
        // The desk says "No return label: " before it.
        throw carrierRefusal(error);
      });
      return { label, ...(await printed(returnLabelPrintRequest(label, o.returnLabelPrinter()))) };
    },
  };
}
