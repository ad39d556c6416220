import type { NotificationLocale } from '../../shared/api/notifications';

export interface SmtpSettings {
  host: string;
  /** 465 speaks TLS from the start; any other port upgrades with STARTTLS when the server offers it. */
  port: number;
  user: string | null;
  password: string | null;
  /** The From header, e.g. `Shop <orders@example.com>`. */
  from: string;
}

export interface SmsSettings {
  /** Base URL of a Twilio-compatible Messages API. */
  apiUrl: string;
  accountSid: string;
  authToken: string;
  from: string;
}

/** Customer notifications: transports (null: not configured, that channel skips) and the retry policy of the outbox worker. */
export interface NotificationSettings {
  smtp: SmtpSettings | null;
  slackWebhookUrl: string | null;
  sms: SmsSettings | null;
  /** The language of an order that names none (order metadata `locale`). */
  defaultLocale: NotificationLocale;
  /** First retry after this long; each further retry waits twice as long (plus up to 10% jitter). */
  retryBaseMs: number;
  retryMaxMs: number;
  maxAttempts: number;
  /** Per send: the SMTP conversation or the HTTP call. */
  timeoutMs: number;
  /** How often due retries are looked for; new notifications wake the worker at once through NOTIFY. */
  pollMs: number;
  batchSize: number;
  /** How long a worker holds a notification it took; past it another process may take it. */
  leaseMs: number;
}
