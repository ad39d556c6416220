import type { HandlerName, StationEventName } from './index';

/**
 * The contract's names without its schemas, for the sandboxed preload (which cannot load zod).
 * The checks below fail the build if a handler or event is added to the contract but not here.
 */
export const HANDLER_NAMES = [
  'station.get-identity',
  'station.enroll',
  'station.people',
  'station.sign-in',
  'station.sign-out',
  'station.hand-over',
  'station.still-here',
  'station.sign-in-lockouts',
  'station.clear-sign-in-lockout',
  'station.pairing-code',
  'settings.get',
  'settings.update',
  'sync.hello',
  'sync.pull',
  'sync.push',
  'sync.connection',
  'sync.next-seqs',
  'sync.conflicts',
  'printing.print',
  'printing.list-jobs',
  'printing.reprint',
  'printing.void',
  'printing.void-package',
  'printing.void-duplicate',
  'printing.retry-now',
  'printing.answer-unconfirmed',
  'printing.mark-recorded',
  'printing.preview',
  'printing.printer-status',
  'supervisor.backorders',
  'supervisor.backorder-stock',
  'supervisor.reassign-backorder',
  'supervisor.cancel-backorder',
  'supervisor.reorder-backorder',
  'supervisor.fulfillment-orders',
  'supervisor.hold',
  'supervisor.release',
  'supervisor.move-fulfillment-order',
  'supervisor.tasks',
  'supervisor.resolve-task',
  'supervisor.accept-shipment',
  'supervisor.write-off-shipment',
  'supervisor.warehouses',
  'supervisor.stations',
  'leases.claim',
  'leases.take',
  'carriers.state',
  'carriers.refresh',
  'carriers.forget-queued-label',
  'scale.read',
  'manifests.pending',
  'manifests.close',
  'manifests.print',
  'returns.print-return-label',
  'shipping.take-turn',
  'shipping.end-turn',
  'screens.open-order',
  'screens.close-order',
] as const satisfies readonly HandlerName[];

export const STATION_EVENT_NAMES = [
  'sync.stream',
  'sync.connection',
  'printing.job-updated',
  'printing.jobs-listed',
  'station.people-changed',
  'carriers.changed',
] as const satisfies readonly StationEventName[];

type Missing<All, Listed> = Exclude<All, Listed> extends never ? true : { missing: Exclude<All, Listed> };
export const handlerNamesComplete: Missing<HandlerName, (typeof HANDLER_NAMES)[number]> = true;
export const eventNamesComplete: Missing<StationEventName, (typeof STATION_EVENT_NAMES)[number]> = true;
