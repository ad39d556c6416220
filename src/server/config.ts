import { resolve } from 'node:path';
import { z } from 'zod';
import { envInt, envText, parseEnvironment } from '../shared/config/environment';
import { NOTIFICATION_LOCALES } from '../shared/api/notifications';
import type { NotificationSettings } from './notifications/notification-config';
import type { WebhookSettings } from './webhooks/delivery-worker';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Every environment variable the server reads, in one schema, read in one place (configFromEnv).
 * Nothing else in src/server reads process.env (but for the test runner's VITEST flag): what a part
 * needs reaches it through ServerConfig.
 */
export const ServerEnvironment = z.object({
  PORT: envInt(0, 65_535, 4000),
  HOST: envText(/^[\w.:[\]-]+$/, 'a host name or IP address', '127.0.0.1'),
  /** PGlite data directory; ':memory:' keeps it in memory. Ignored when DATABASE_URL is set. */
  DOCKSIDE_DATA_DIR: envText(/.+/, 'a directory', '.data/server'),
  DATABASE_URL: envText(/^postgres(ql)?:\/\/.+/, 'a postgres:// or postgresql:// URL', null, { secret: true }),
  DOCKSIDE_BOOTSTRAP_TOKEN: envText(/^\S{24,512}$/, '24 to 512 characters without spaces', null, { secret: true }),
  DOCKSIDE_ORDER_PREFIX: envText(/^[A-Za-z0-9]{1,12}$/, '1-12 letters or digits', 'ORD'),
  DOCKSIDE_RMA_PREFIX: envText(/^[A-Za-z0-9]{1,12}$/, '1-12 letters or digits', 'RMA'),
  DOCKSIDE_HEARTBEAT_MS: envInt(50, 600_000, 15_000),
  DOCKSIDE_LEASE_TTL_MINUTES: envInt(1, 30 * 24 * 60, 8 * 60),
  DOCKSIDE_LEASE_SWEEP_MS: envInt(10, 3_600_000, 60_000),
  DOCKSIDE_JOB_POLL_MS: envInt(10, 600_000, 2000),
  /** How often each automation policy (settings) runs. */
  DOCKSIDE_POLICY_INTERVAL_MS: envInt(10, 24 * 3_600_000, 60_000),
  DOCKSIDE_PGLITE_ANALYZE_MS: envInt(1000, 24 * 3_600_000, 10 * 60_000),
  DOCKSIDE_PG_POOL: envInt(1, 1000, 10),
  DOCKSIDE_PAYMENT_WEBHOOK_SECRET: envText(/^\S{16,}$/, 'at least 16 characters without spaces', null, { secret: true }),
  /** Seals stored webhook signing secrets (webhooks/secret-box.ts). */
  DOCKSIDE_SECRET_KEY: envText(/^.{16,}$/, 'at least 16 characters', null, { secret: true }),
  DOCKSIDE_WEBHOOK_TIMEOUT_MS: envInt(100, 120_000, 10_000),
  /** Carrier APIs that sell labels (src/server/carriers): EasyPost's base URL, and how long a call may take. */
  DOCKSIDE_EASYPOST_URL: envText(/^https?:\/\/\S+$/, 'an http(s) URL', 'https://api.easypost.com'),
  DOCKSIDE_CARRIER_TIMEOUT_MS: envInt(100, 120_000, 20_000),
  /** A refund of a cancelled RMA's bought return label that failed is tried again after this long, then twice as long each time. */
  DOCKSIDE_CARRIER_REFUND_RETRY_MS: envInt(100, 3_600_000, 60_000),
  DOCKSIDE_WEBHOOK_RETRY_BASE_MS: envInt(10, 24 * 3_600_000, 15_000),
  DOCKSIDE_WEBHOOK_RETRY_MAX_MS: envInt(10, 7 * 24 * 3_600_000, 6 * 3_600_000),
  DOCKSIDE_WEBHOOK_MAX_ATTEMPTS: envInt(1, 100, 12),
  DOCKSIDE_WEBHOOK_POLL_MS: envInt(10, 600_000, 1000),
  /** Customer notifications (src/server/notifications): SMTP, Slack incoming webhook, a Twilio-style SMS API. Unset: that channel skips. */
  DOCKSIDE_SMTP_HOST: envText(/^[\w.:[\]-]+$/, 'a host name or IP address', null),
  DOCKSIDE_SMTP_PORT: envInt(1, 65_535, 587),
  DOCKSIDE_SMTP_USER: envText(/^\S{1,200}$/, '1 to 200 characters without spaces', null),
  DOCKSIDE_SMTP_PASSWORD: envText(/^.{1,500}$/, '1 to 500 characters', null, { secret: true }),
  DOCKSIDE_SMTP_FROM: envText(/^.{3,300}$/, 'a sender such as "Shop <orders@example.com>"', 'Dockside <orders@localhost>'),
  DOCKSIDE_NOTIFY_SLACK_WEBHOOK_URL: envText(/^https?:\/\/\S+$/, 'an http(s) URL', null, { secret: true }),
  DOCKSIDE_SMS_API_URL: envText(/^https?:\/\/\S+$/, 'an http(s) URL', 'https://api.twilio.com'),
  DOCKSIDE_SMS_ACCOUNT_SID: envText(/^\w{1,100}$/, 'letters and digits', null),
  DOCKSIDE_SMS_AUTH_TOKEN: envText(/^\S{1,200}$/, '1 to 200 characters without spaces', null, { secret: true }),
  DOCKSIDE_SMS_FROM: envText(/^\+?[\w ]{1,30}$/, 'a phone number or sender id', null),
  DOCKSIDE_NOTIFY_LOCALE: z
    .enum(NOTIFICATION_LOCALES, { error: (i) => `must be one of ${NOTIFICATION_LOCALES.join(', ')}, got ${JSON.stringify(i.input)}` })
    .default('en'),
  DOCKSIDE_NOTIFY_RETRY_BASE_MS: envInt(10, 24 * 3_600_000, 30_000),
  DOCKSIDE_NOTIFY_RETRY_MAX_MS: envInt(10, 7 * 24 * 3_600_000, 6 * 3_600_000),
  DOCKSIDE_NOTIFY_MAX_ATTEMPTS: envInt(1, 100, 10),
  DOCKSIDE_NOTIFY_TIMEOUT_MS: envInt(100, 120_000, 15_000),
  DOCKSIDE_NOTIFY_POLL_MS: envInt(10, 600_000, 1000),
  DOCKSIDE_LOG_LEVEL: z
    .enum(LOG_LEVELS, { error: (i) => `must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(i.input)}` })
    .default('info'),
});
export type ServerEnvironment = z.output<typeof ServerEnvironment>;

export interface ServerConfig {
  port: number;
  host: string;
  /** PGlite data directory; ignored when databaseUrl is set. null = in memory. */
  dataDir: string | null;
  databaseUrl: string | null;
  bootstrapToken: string | undefined;
  orderNumberPrefix: string;
  returnNumberPrefix: string;
  /** The live stream sends a comment this often so proxies and stations notice a dead link. */
  heartbeatMs: number;
  /** How long a station's hold on a fulfillment order lasts unless it renews it (see src/server/leases). */
  leaseTtlMs: number;
  /** How often holds that ran out untouched go back to their warehouse's pool. */
  leaseSweepMs: number;
  /** The clock leases are granted and lapse by, and automation policies run by (tests move it forward); the system clock when absent. */
  now?: () => Date;
  /** Connections in the PostgreSQL pool (DATABASE_URL only). */
  pgPoolSize: number;
  jobPollMs: number;
  /** How often each automation policy runs (src/server/policies); the clock is `now`. */
  policyIntervalMs: number;
  pgliteAnalyzeMs: number;
  /** The shared secret of inbound payment webhooks; null refuses them (503). */
  paymentWebhookSecret: string | null;
  webhooks: WebhookSettings;
  /** Where labels are bought (carriers/carrier-adapters.ts). */
  carrierApi: { easypostUrl: string; timeoutMs: number; refundRetryMs: number };
  notifications: NotificationSettings;
  logLevel: LogLevel;
}

/** The server's configuration from its environment; throws one message naming every variable that is wrong. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return configFrom(parseEnvironment(ServerEnvironment, env));
}

export function configFrom(e: ServerEnvironment): ServerConfig {
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DOCKSIDE_DATA_DIR === ':memory:' ? null : resolve(e.DOCKSIDE_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    bootstrapToken: e.DOCKSIDE_BOOTSTRAP_TOKEN ?? undefined,
    orderNumberPrefix: e.DOCKSIDE_ORDER_PREFIX,
    returnNumberPrefix: e.DOCKSIDE_RMA_PREFIX,
    heartbeatMs: e.DOCKSIDE_HEARTBEAT_MS,
    leaseTtlMs: e.DOCKSIDE_LEASE_TTL_MINUTES * 60_000,
    leaseSweepMs: e.DOCKSIDE_LEASE_SWEEP_MS,
    pgPoolSize: e.DOCKSIDE_PG_POOL,
    jobPollMs: e.DOCKSIDE_JOB_POLL_MS,
    policyIntervalMs: e.DOCKSIDE_POLICY_INTERVAL_MS,
    pgliteAnalyzeMs: e.DOCKSIDE_PGLITE_ANALYZE_MS,
    paymentWebhookSecret: e.DOCKSIDE_PAYMENT_WEBHOOK_SECRET,
    carrierApi: {
      easypostUrl: e.DOCKSIDE_EASYPOST_URL,
      timeoutMs: e.DOCKSIDE_CARRIER_TIMEOUT_MS,
      refundRetryMs: e.DOCKSIDE_CARRIER_REFUND_RETRY_MS,
    },
    webhooks: {
      retryBaseMs: e.DOCKSIDE_WEBHOOK_RETRY_BASE_MS,
      retryMaxMs: e.DOCKSIDE_WEBHOOK_RETRY_MAX_MS,
      maxAttempts: e.DOCKSIDE_WEBHOOK_MAX_ATTEMPTS,
      timeoutMs: e.DOCKSIDE_WEBHOOK_TIMEOUT_MS,
      pollMs: e.DOCKSIDE_WEBHOOK_POLL_MS,
      batchSize: 20,
      leaseMs: e.DOCKSIDE_WEBHOOK_TIMEOUT_MS * 3,
      secretKey: e.DOCKSIDE_SECRET_KEY,
    },
    notifications: {
      smtp: e.DOCKSIDE_SMTP_HOST
        ? {
            host: e.DOCKSIDE_SMTP_HOST,
            port: e.DOCKSIDE_SMTP_PORT,
            user: e.DOCKSIDE_SMTP_USER,
            password: e.DOCKSIDE_SMTP_PASSWORD,
            from: e.DOCKSIDE_SMTP_FROM,
          }
        : null,
      slackWebhookUrl: e.DOCKSIDE_NOTIFY_SLACK_WEBHOOK_URL,
      sms:
        e.DOCKSIDE_SMS_ACCOUNT_SID && e.DOCKSIDE_SMS_AUTH_TOKEN && e.DOCKSIDE_SMS_FROM
          ? {
              apiUrl: e.DOCKSIDE_SMS_API_URL,
              accountSid: e.DOCKSIDE_SMS_ACCOUNT_SID,
              authToken: e.DOCKSIDE_SMS_AUTH_TOKEN,
              from: e.DOCKSIDE_SMS_FROM,
            }
          : null,
      defaultLocale: e.DOCKSIDE_NOTIFY_LOCALE,
      retryBaseMs: e.DOCKSIDE_NOTIFY_RETRY_BASE_MS,
      retryMaxMs: e.DOCKSIDE_NOTIFY_RETRY_MAX_MS,
      maxAttempts: e.DOCKSIDE_NOTIFY_MAX_ATTEMPTS,
      timeoutMs: e.DOCKSIDE_NOTIFY_TIMEOUT_MS,
      pollMs: e.DOCKSIDE_NOTIFY_POLL_MS,
      batchSize: 10,
      leaseMs: e.DOCKSIDE_NOTIFY_TIMEOUT_MS * 3,
    },
    logLevel: e.DOCKSIDE_LOG_LEVEL,
  };
}
