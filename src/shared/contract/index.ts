import type { ConnectionState } from './sync';
import type { StationPeople } from './station';
import type { PrintJob } from './printing';
import type { SsccStock } from './sscc-stock';
import type { ReplicationMessage } from '../sync/sync-protocol';
import { carrierHandlers, type CarrierState } from './carriers';
import { leaseHandlers } from './leases';
import { printingHandlers } from './printing';
import { scaleHandlers } from './scale';
import { shipTurnHandlers } from './ship-turns';
import { orderScreenHandlers } from './order-screens';
import { deskPrintHandlers } from './desk-prints';
import { settingsHandlers } from './settings';
import { stationHandlers } from './station';
import { supervisorHandlers } from './supervisor';
import { syncHandlers } from './sync';

/** The whole station contract: one handler map per area, merged. Both transports expose exactly this. */
export const stationContract = {
  ...stationHandlers,
  ...settingsHandlers,
  ...syncHandlers,
  ...printingHandlers,
  ...supervisorHandlers,
  ...leaseHandlers,
  ...carrierHandlers,
  ...scaleHandlers,
  ...deskPrintHandlers,
  ...shipTurnHandlers,
  ...orderScreenHandlers,
};
export type StationContract = typeof stationContract;
export type HandlerName = keyof StationContract;

/** Pushed from main to the renderer. */
export interface StationEvents {
  'sync.stream': ReplicationMessage;
  /** The sign-in list changed (refreshed from the server, or someone signed in or out). */
  'station.people-changed': StationPeople;
  'sync.connection': ConnectionState;
  'printing.job-updated': PrintJob;
  /** The newest jobs as they are, when the station host's event stream opens (updates pushed while none was open are lost). */
  'printing.jobs-listed': PrintJob[];
  /** The carrier config or the stock of tracking numbers changed. */
  'carriers.changed': CarrierState;
  /** The count of SSCC serials left, or whether more can come, changed. */
  'printing.sscc-stock-changed': SsccStock;
  /**
   * Tasks of this warehouse were opened, joined or worked (or the live stream reconnected and may
   * have missed that): the supervisor screen lists them again. Only devices where a supervisor or
   * admin is signed in hear it.
   */
  'supervisor.tasks-changed': null;
}
export type StationEventName = keyof StationEvents;

export * from './handler';
export { HANDLER_NAMES, STATION_EVENT_NAMES } from './names';
export type { ConnectionState, NextSeqsRequest, SeqBlock } from './sync';
export { CREDENTIAL_REVOKED } from './sync';
export { DEVICE_TOKEN_HEADER, DevicePairingRequest, DeviceRefusal, DeviceTokenIssued, ScreenName } from './device';
export type { JobPurpose, PrintJob, PrintRequest, PrintJobState, LabelPreview, PrinterStatus, PreviewRequest } from './printing';
export { JOBS_SHOWN, labelShippedItsBox } from './printing';
export type { SsccStock } from './sscc-stock';
export type { StationSettings, PrinterConfig } from './settings';
export { mayChangeSettings } from './settings';
export type { ClaimOutcome } from './leases';
export type { CarrierState, CarrierStock } from './carriers';
export { CarrierServiceChoice } from './carriers';
export type { ScaleConfig, ScaleReading } from './scale';
export type {
  BadgeAtSerial,
  HandOver,
  PairingCode,
  SignInLockout,
  StationIdentity,
  StationPeople,
  StationSignOut,
  StationUser,
} from './station';
export { BADGE_LENGTH } from './station';
export type { OpenOnScreenOutcome, ScreenWithOrder } from './order-screens';
export type {
  SupervisorBackorder,
  SupervisorCancelledOrder,
  SupervisorCancelPreview,
  SupervisorFulfillmentOrder,
  SupervisorRelabel,
  SupervisorTask,
  WarehouseOption,
  StationOption,
} from './supervisor';
export { RESOLUTION_NOTE_MAX } from './supervisor';
