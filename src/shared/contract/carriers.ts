import { z } from 'zod';
import { CARRIERS, StationCarrierConfig } from '../carriers/carrier-config';
import { handler } from './handler';

/** What is left of one account's tracking-number blocks at this station. */
export const CarrierStock = z.object({
  accountId: z.string(),
  accountName: z.string(),
  carrier: z.enum(CARRIERS),
  remaining: z.number(),
  lowWater: z.number(),
  /** Below the low-water mark: the station asks for more whenever it is online. */
  low: z.boolean(),
});
export type CarrierStock = z.infer<typeof CarrierStock>;

/** The carriers this station ships with (its warehouse's, from the server, kept on disk) and its stock of numbers. */
export const CarrierState = z.object({
  config: StationCarrierConfig.nullable(),
  /** When the config was last fetched; null: never (the station ships with no carrier). */
  refreshedAt: z.string().nullable(),
  stock: z.array(CarrierStock),
  /** For the packer, e.g. "UPS Main: 8 tracking numbers left (offline: more when the server is back)". */
  warnings: z.array(z.string()),
});
export type CarrierState = z.infer<typeof CarrierState>;

/** A carrier service for one package: the rule's choice or the packer's override. */
export const CarrierServiceChoice = z
  .object({
    accountId: z.string().uuid(),
    serviceCode: z.string().regex(/^[0-9A-Z]{2,3}$/),
  })
  .strict();
export type CarrierServiceChoice = z.infer<typeof CarrierServiceChoice>;

export const carrierHandlers = {
  'carriers.state': handler(z.undefined().optional(), CarrierState),
  /** Fetches the config and refills low blocks now (online only; offline it answers what it has). */
  'carriers.refresh': handler(z.undefined().optional(), CarrierState),
  /** A package unpacked while its bought label waited for the server: that label is never bought. */
  'carriers.forget-queued-label': handler(z.object({ packageId: z.string().uuid() }).strict(), z.object({ forgotten: z.boolean() })),
};
