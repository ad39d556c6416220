import { z } from 'zod';
import { CurrencyCode } from '../domain/money';

/**
 * The server's tenant settings (seed 003 §16): one typed document, versioned as a whole, read by
 * every part of the server through src/server/settings/settings-store.ts. A section added later
 * comes with its defaults, so documents stored before it still parse.
 */

const ChannelName = z.string().trim().min(1).max(50);

/** Cancel orders still unpaid (payment pending or failed) this long after they were placed. */
export const CancelUnpaidPolicy = z.strictObject({
  enabled: z.boolean().default(false),
  afterHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 365)
    .default(48),
});

/**
 * Confirm (and route) a pending order when its payment arrives: on an authorization or only on a
 * capture. Off: a person confirms it.
 */
export const AutoConfirmPolicy = z.strictObject({
  enabled: z.boolean().default(true),
  on: z.enum(['authorized', 'captured']).default('authorized'),
});

/** The payment statuses on which the auto-confirm rule confirms an order (none when it is off). */
export function confirmingPaymentStatuses(rule: z.output<typeof AutoConfirmPolicy>): string[] {
  if (!rule.enabled) return [];
  return rule.on === 'captured' ? ['paid'] : ['authorized', 'paid'];
}

/**
 * Whether an order may ship in parts. A channel that refuses partial shipments ships complete: an
 * order of it with lines on backorder is held until they are all allocated.
 */
export const PartialShipmentsPolicy = z.strictObject({
  allowByDefault: z.boolean().default(true),
  channels: z
    .array(z.strictObject({ channel: ChannelName, allow: z.boolean() }))
    .max(200)
    .default([])
    .refine((c) => new Set(c.map((x) => x.channel)).size === c.length, 'each channel once'),
});

/** Hold orders over a value (per currency) for a supervisor's review, with a task. */
export const ReviewHoldPolicy = z.strictObject({
  enabled: z.boolean().default(false),
  thresholds: z
    .array(z.strictObject({ currency: CurrencyCode, overMinor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }))
    .max(50)
    .default([])
    .refine((t) => new Set(t.map((x) => x.currency)).size === t.length, 'each currency once'),
});

/** Anonymise the customer's personal data on orders closed (completed, cancelled, refunded) this many days ago. */
export const RetentionPolicy = z.strictObject({
  enabled: z.boolean().default(false),
  anonymizeAfterDays: z.number().int().min(1).max(3650).default(365),
});

export const AutomationPolicies = z.strictObject({
  cancelUnpaid: CancelUnpaidPolicy.prefault({}),
  autoConfirm: AutoConfirmPolicy.prefault({}),
  partialShipments: PartialShipmentsPolicy.prefault({}),
  reviewHold: ReviewHoldPolicy.prefault({}),
  retention: RetentionPolicy.prefault({}),
});

/** The settings document; `PUT /v1/settings` replaces it whole (omitted sections take their defaults). */
export const Settings = z.strictObject({
  policies: AutomationPolicies.prefault({}),
});
export type Settings = z.output<typeof Settings>;
export type SettingsInput = z.input<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = Settings.parse({});

/** The names of the automation policies: the actor id of what each does is `policy:<name>`. */
export const POLICY_NAMES = ['cancelUnpaid', 'autoConfirm', 'partialShipments', 'reviewHold', 'retention'] as const;
export type PolicyName = (typeof POLICY_NAMES)[number];

export interface SettingsView {
  settings: Settings;
  /** The version to send back in If-Match (or as a body `version`) when replacing the settings. */
  version: number;
  updatedAt: string | null;
  updatedBy: Record<string, unknown> | null;
}

/** One policy's scheduler state (GET /v1/policies). */
export interface PolicyRunView {
  policy: PolicyName;
  enabled: boolean;
  /** The scheduler's clock when it last ran, and when it runs next. */
  lastRunAt: string | null;
  nextRunAt: string;
  /** What its last run did: orders acted on, and orders it could not act on (with the reason). */
  lastResult: { acted: number; failed: number; errors: string[] } | null;
}

export interface CapabilitiesView {
  apiVersion: string;
  features: Record<string, boolean>;
  policies: readonly PolicyName[];
  notificationChannels: Record<string, boolean>;
  statusVocabularies: readonly string[];
}
