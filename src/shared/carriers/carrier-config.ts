import { z } from 'zod';
import type { TRACKING_FORMATS, TrackingScheme } from './tracking-numbers';
import { MAX_PACKAGE_GRAMS } from '../domain/package-weight';

/**
 * Carrier accounts, their services and a warehouse's shipping rules: the server keeps them
 * (carrier-store.ts) and replicates all but credentials to the warehouse's stations, which run
 * the rules offline (shipping-rules.ts) and number parcels from tracking-number blocks.
 */
export const CARRIERS = ['ups', 'usps'] as const;
export type Carrier = (typeof CARRIERS)[number];
export const LABEL_FORMATS = ['zpl', 'pdf'] as const;
/**
 * Where an account's labels come from: 'blocks', numbered by the station from tracking-number
 * blocks (works offline); 'easypost', bought per package through the server from EasyPost's API
 * (credentials apiKey and webhookSecret), so only while the station is online.
 */
export const LABEL_SOURCES = ['blocks', 'easypost'] as const;
export type LabelSource = (typeof LABEL_SOURCES)[number];

/** Which number format each carrier's self-numbered parcels use. */
export const TRACKING_FORMAT_OF: Record<Carrier, (typeof TRACKING_FORMATS)[number]> = { ups: 'ups-1z', usps: 'usps-impb' };

const uuid = (what: string) => z.string().uuid(`${what} is a UUID`);

/** A UPS service code is 2 characters (01, 03, A2...); a USPS service type code 3 digits (001, 612...). */
export const CarrierService = z
  .object({
    code: z.string().regex(/^[0-9A-Z]{2,3}$/, 'a service code is 2 or 3 digits or capital letters'),
    name: z.string().trim().min(1).max(80),
  })
  .strict();
export type CarrierService = z.infer<typeof CarrierService>;

/** Carrier API credentials: a few named strings, sealed at rest and never sent back or to stations. */
export const CarrierCredentials = z.record(
  z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, 'a credential name is a letter then letters, digits or _'),
  z.string().min(1).max(500),
);

const accountFields = {
  name: z.string().trim().min(1).max(80),
  labelFormat: z.enum(LABEL_FORMATS),
  labelSource: z.enum(LABEL_SOURCES),
  services: z
    .array(CarrierService)
    .min(1)
    .max(50)
    .refine((s) => new Set(s.map((x) => x.code)).size === s.length, 'service codes are unique within an account'),
  credentials: CarrierCredentials.optional(),
  /** Tracking numbers per block handed to a station. */
  blockSize: z.number().int().min(10).max(10_000),
  /** A station asks for the next block when fewer than this are left. */
  lowWater: z.number().int().min(1).max(5_000),
  active: z.boolean(),
};

export const CreateCarrierAccountRequest = z
  .object({
    warehouseId: uuid('warehouseId'),
    carrier: z.enum(CARRIERS),
    /** UPS: the 6-character shipper number. USPS: the 6- or 9-digit mailer id. */
    accountNumber: z
      .string()
      .regex(/^[0-9A-Z]{6}$|^\d{9}$/, 'a UPS shipper number is 6 digits or capital letters; a USPS mailer id 6 or 9 digits'),
    /**
     * USPS channel application id (Publication 199): 92 a commercial mailer with a 9-digit mailer id,
     * 93 one with a 6-digit mailer id, 94 online and PC postage. Omitted: 92 or 93 by the mailer id.
     */
    uspsChannel: z.enum(['92', '93', '94']).optional(),
    ...accountFields,
    labelSource: accountFields.labelSource.default('blocks'),
    blockSize: accountFields.blockSize.default(500),
    lowWater: accountFields.lowWater.default(100),
    active: accountFields.active.default(true),
  })
  .strict()
  .superRefine((a, ctx) => {
    if (a.carrier === 'usps' && !/^(\d{6}|\d{9})$/.test(a.accountNumber))
      ctx.addIssue({ code: 'custom', path: ['accountNumber'], message: 'a USPS mailer id is 6 or 9 digits' });
    if (a.carrier === 'ups' && a.accountNumber.length !== 6)
      ctx.addIssue({ code: 'custom', path: ['accountNumber'], message: 'a UPS shipper number is 6 characters' });
    const width = a.carrier === 'ups' ? 2 : 3;
    const digits = a.carrier === 'usps';
    a.services.forEach((s, i) => {
      if (s.code.length !== width || (digits && !/^\d+$/.test(s.code)))
        ctx.addIssue({
          code: 'custom',
          path: ['services', i, 'code'],
          message: a.carrier === 'ups' ? 'a UPS service code is 2 characters' : 'a USPS service type code is 3 digits',
        });
    });
    if (
      a.carrier === 'usps' &&
      (a.uspsChannel === '92' || a.uspsChannel === '93') &&
      (a.uspsChannel === '92') !== (a.accountNumber.length === 9)
    )
      ctx.addIssue({ code: 'custom', path: ['uspsChannel'], message: 'channel 92 is for 9-digit mailer ids, 93 for 6-digit ones' });
    if (a.lowWater >= a.blockSize)
      ctx.addIssue({ code: 'custom', path: ['lowWater'], message: 'the low-water mark is below the block size' });
    if (a.labelSource === 'easypost' && !a.credentials?.apiKey)
      ctx.addIssue({
        code: 'custom',
        path: ['credentials'],
        message: 'an account that buys labels from EasyPost needs credentials.apiKey',
      });
  });
export type CreateCarrierAccountRequest = z.infer<typeof CreateCarrierAccountRequest>;

/** What may change on an account; its carrier and number never do (issued tracking numbers carry them). */
export const UpdateCarrierAccountRequest = z
  .object({ ...accountFields, credentials: CarrierCredentials.nullable() })
  .partial()
  .strict();
export type UpdateCarrierAccountRequest = z.infer<typeof UpdateCarrierAccountRequest>;

/** An account as the API shows it: credentials only as the names that are set. */
export const CarrierAccountView = z.object({
  id: z.string(),
  warehouseId: z.string(),
  carrier: z.enum(CARRIERS),
  accountNumber: z.string(),
  uspsChannel: z.enum(['92', '93', '94']),
  name: z.string(),
  labelFormat: z.enum(LABEL_FORMATS),
  /** Absent in a station's config saved before bought labels: blocks. */
  labelSource: z.enum(LABEL_SOURCES).default('blocks'),
  services: z.array(CarrierService),
  credentialNames: z.array(z.string()),
  blockSize: z.number().int(),
  lowWater: z.number().int(),
  active: z.boolean(),
  /** The next serial the server will hand out in a block. */
  nextSerial: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CarrierAccountView = z.infer<typeof CarrierAccountView>;

const range = (min: number, max: number) =>
  z
    .object({ min: z.number().int().min(min).max(max).optional(), max: z.number().int().min(min).max(max).optional() })
    .strict()
    .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, 'min is at most max');

/** What a rule matches; every condition given must hold, an omitted one matches anything. */
export const ShippingRuleConditions = z
  .object({
    /** Package weight in grams, bounds included. */
    weightGrams: range(0, MAX_PACKAGE_GRAMS).optional(),
    /** ISO 3166-1 alpha-2 destination countries. */
    countries: z
      .array(z.string().regex(/^[A-Z]{2}$/, 'a country is an ISO 3166-1 alpha-2 code'))
      .min(1)
      .max(250)
      .optional(),
    /** Destination regions (state/province codes as on the address, e.g. CA, NY). */
    regions: z.array(z.string().trim().min(1).max(50)).min(1).max(200).optional(),
    channels: z.array(z.string().trim().min(1).max(50)).min(1).max(50).optional(),
    /** Order total in minor units of the order's currency, bounds included. */
    orderValueMinor: range(0, 1_000_000_000_000).optional(),
  })
  .strict();
export type ShippingRuleConditions = z.infer<typeof ShippingRuleConditions>;

export const ShippingRule = z
  .object({
    name: z.string().trim().min(1).max(80),
    when: ShippingRuleConditions,
    accountId: uuid('accountId'),
    serviceCode: CarrierService.shape.code,
  })
  .strict();
export type ShippingRule = z.infer<typeof ShippingRule>;

/** A warehouse's rules, first match wins. */
export const PutShippingRulesRequest = z.object({ rules: z.array(ShippingRule).max(200) }).strict();
export type PutShippingRulesRequest = z.infer<typeof PutShippingRulesRequest>;

/** What a station gets: its warehouse's active accounts (no credentials) and rules, in order. */
export const StationCarrierAccount = CarrierAccountView.pick({
  id: true,
  carrier: true,
  accountNumber: true,
  uspsChannel: true,
  name: true,
  labelFormat: true,
  labelSource: true,
  services: true,
  blockSize: true,
  lowWater: true,
});
export type StationCarrierAccount = z.infer<typeof StationCarrierAccount>;
export const StationCarrierConfig = z.object({
  warehouseId: z.string(),
  accounts: z.array(StationCarrierAccount),
  rules: z.array(ShippingRule),
  /** Server clock when read. */
  readAt: z.string(),
});
export type StationCarrierConfig = z.infer<typeof StationCarrierConfig>;

/** A station asks for the next block of an account's tracking numbers. */
export const TrackingBlockRequest = z.object({ accountId: uuid('accountId') }).strict();
/** Serials first..last of the account, this station's alone; any service's number can be built from each. */
export const TrackingBlock = z.object({
  id: z.string(),
  accountId: z.string(),
  firstSerial: z.number().int().min(0),
  lastSerial: z.number().int().min(0),
  issuedAt: z.string(),
});
export type TrackingBlock = z.infer<typeof TrackingBlock>;

/** What an account puts into each number it issues, besides the serial and the service. */
export function schemeOf(a: Pick<StationCarrierAccount, 'carrier' | 'accountNumber' | 'uspsChannel'>): TrackingScheme {
  return TRACKING_FORMAT_OF[a.carrier] === 'ups-1z'
    ? { format: 'ups-1z', shipperNumber: a.accountNumber }
    : { format: 'usps-impb', mailerId: a.accountNumber, channel: a.uspsChannel };
}
