import { z } from 'zod';
import type { Carrier, StationCarrierConfig } from '../carriers/carrier-config';
import { handler } from './handler';

/** What is left of one account's tracking-number blocks at this station. */
export interface CarrierStock {
  accountId: string;
  accountName: string;
  carrier: Carrier;
  remaining: number;
  lowWater: number;
  /** Below the low-water mark: the station asks for more whenever it is online. */
  low: boolean;
}

/** The carriers this station ships with (its warehouse's, from the server, kept on disk) and its stock of numbers. */
export interface CarrierState {
  config: StationCarrierConfig | null;
  /** When the config was last fetched; null: never (the station ships with no carrier). */
  refreshedAt: string | null;
  stock: CarrierStock[];
  /** For the packer, e.g. "UPS Main: 8 tracking numbers left (offline: more when the server is back)". */
  warnings: string[];
}

/** A carrier service for one package: the rule's choice or the packer's override. */
export const CarrierServiceChoice = z
  .object({
    accountId: z.string().uuid(),
    serviceCode: z.string().regex(/^[0-9A-Z]{2,3}$/),
  })
  .strict();
export type CarrierServiceChoice = z.infer<typeof CarrierServiceChoice>;

export const carrierHandlers = {
  'carriers.state': handler(z.undefined().optional()).returns<CarrierState>(),
  /** Fetches the config and refills low blocks now (online only; offline it answers what it has). */
  'carriers.refresh': handler(z.undefined().optional()).returns<CarrierState>(),
};
