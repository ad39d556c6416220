import { z } from 'zod';

/** What a customer is told about: the events that can notify, per channel (HTTP payloads of /v1/notifications). */
export const NOTIFICATION_EVENTS = [
  'order.confirmed',
  'order.partially_shipped',
  'order.shipped',
  'order.backordered',
  'order.delivered',
  'order.refunded',
  'order.split',
  'order.cancelled',
  'order.return_authorized',
  'order.return_received',
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

export const NOTIFICATION_CHANNELS = ['email', 'slack', 'sms'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

export const NOTIFICATION_STATUSES = ['pending', 'sent', 'failed', 'skipped'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

export const NOTIFICATION_LOCALES = ['en', 'de'] as const;
export type NotificationLocale = (typeof NOTIFICATION_LOCALES)[number];

export const NotificationChannelParams = z.object({ channel: z.enum(NOTIFICATION_CHANNELS) });

export const UpdateChannelSettingsRequest = z.strictObject({
  enabled: z.boolean(),
  events: z
    .array(z.enum(NOTIFICATION_EVENTS))
    .max(NOTIFICATION_EVENTS.length * 2)
    .transform((e) => [...new Set(e)]),
});
export type UpdateChannelSettingsRequest = z.input<typeof UpdateChannelSettingsRequest>;

export interface ChannelSettingsView {
  channel: NotificationChannel;
  enabled: boolean;
  events: NotificationEvent[];
  /** Whether the server has the transport's configuration (SMTP host, Slack URL, SMS account); unconfigured channels skip. */
  configured: boolean;
  updatedAt: string;
}

export const ResendConfirmationRequest = z.strictObject({
  /** Which channels to send it on; email when omitted. */
  channels: z
    .array(z.enum(NOTIFICATION_CHANNELS))
    .min(1)
    .max(3)
    .transform((c) => [...new Set(c)])
    .default(['email']),
});

export const ListNotificationsQuery = z.object({
  status: z.enum(NOTIFICATION_STATUSES).optional(),
  channel: z.enum(NOTIFICATION_CHANNELS).optional(),
  event: z.enum(NOTIFICATION_EVENTS).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  /** Page on: the nextCursor of the previous page. */
  cursor: z.string().max(200).optional(),
});

export interface NotificationAttempt {
  attempt: number;
  at: string;
  durationMs: number;
  error: string | null;
  nextAttemptAt: string | null;
}

export interface NotificationView {
  id: string;
  orderId: string;
  event: NotificationEvent;
  channel: NotificationChannel;
  timelineEventId: string | null;
  /** Set for a resend someone asked for. */
  requestedBy: Record<string, unknown> | null;
  status: NotificationStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastError: string | null;
  recipient: string | null;
  subject: string | null;
  locale: NotificationLocale | null;
  providerMessageId: string | null;
  attemptLog: NotificationAttempt[];
  createdAt: string;
  sentAt: string | null;
}
