import type { z } from 'zod';
import {
  NOTIFICATION_CHANNELS,
  type ChannelSettingsView,
  type ListNotificationsQuery,
  type NotificationAttempt,
  type NotificationChannel,
  type NotificationEvent,
  type NotificationLocale,
  type NotificationStatus,
  type NotificationView,
} from '../../shared/api/notifications';
import type { Actor } from '../../shared/events/station-events';
import type { Queryable } from '../db/database';
import { toIso } from '../db/database';
import type { Row } from '../db/schema';
import { problems } from '../http/problem';

/**
 * The one writer of notification_settings and notification_outbox (besides the timeline trigger
 * of migration 0009, which enqueues in the transaction of the fact).
 */
export const NOTIFICATION_CHANNEL_NAME = 'dockside_notifications';

type SettingsRow = Omit<Row<'notification_settings'>, 'events'> & { events: NotificationEvent[] };

export async function readChannelSettings(
  db: Queryable,
  configured: (channel: NotificationChannel) => boolean,
): Promise<ChannelSettingsView[]> {
  const rows = await db.query<SettingsRow>('select * from notification_settings');
  const byChannel = new Map(rows.map((r) => [r.channel, r]));
  return NOTIFICATION_CHANNELS.flatMap((channel) => {
    const r = byChannel.get(channel);
    return r ? [{ channel, enabled: r.enabled, events: r.events, configured: configured(channel), updatedAt: toIso(r.updated_at) }] : [];
  });
}

export async function updateChannelSettings(
  db: Queryable,
  channel: NotificationChannel,
  input: { enabled: boolean; events: NotificationEvent[] },
  actor: Actor,
): Promise<void> {
  await db.query(
    `insert into notification_settings (channel, enabled, events, updated_by, updated_at) values ($1, $2, $3, $4, now())
     on conflict (channel) do update set enabled = excluded.enabled, events = excluded.events, updated_by = excluded.updated_by, updated_at = now()`,
    [channel, input.enabled, input.events, JSON.stringify(actor)],
  );
}

/** Lets the trigger enqueue for channels this process can send on (see migration 0009). */
export async function markTransportsConfigured(db: Queryable, channels: readonly NotificationChannel[]): Promise<void> {
  if (!channels.length) return;
  await db.query(
    'update notification_settings set transport_configured = true where channel = any($1::text[]) and not transport_configured',
    [channels],
  );
}

/** A notification_outbox row, its JSON and text columns typed. */
export type NotificationRow = Omit<Row<'notification_outbox'>, 'event' | 'requested_by' | 'attempt_log' | 'locale'> & {
  event: NotificationEvent;
  requested_by: Record<string, unknown> | null;
  attempt_log: NotificationAttempt[];
  locale: NotificationLocale | null;
};

export function notificationView(r: NotificationRow): NotificationView {
  return {
    id: r.id,
    orderId: r.order_id,
    event: r.event,
    channel: r.channel,
    timelineEventId: r.timeline_event_id,
    requestedBy: r.requested_by,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.status === 'pending' ? toIso(r.next_attempt_at) : null,
    lastAttemptAt: r.last_attempt_at ? toIso(r.last_attempt_at) : null,
    lastError: r.last_error,
    recipient: r.recipient,
    subject: r.subject,
    locale: r.locale,
    providerMessageId: r.provider_message_id,
    attemptLog: r.attempt_log,
    createdAt: toIso(r.created_at),
    sentAt: r.sent_at ? toIso(r.sent_at) : null,
  };
}

/** Puts an order's confirmation in the outbox again on the given channels (a person asked: settings do not filter it). */
export async function enqueueResend(
  tx: Queryable,
  orderId: string,
  channels: readonly NotificationChannel[],
  actor: Actor,
): Promise<NotificationView[]> {
  const rows = await tx.query<NotificationRow>(
    `insert into notification_outbox (id, order_id, event, channel, tx_id, requested_by)
     select gen_random_uuid(), $1, 'order.confirmed', c, txid_current(), $3::jsonb from unnest($2::text[]) as c
     on conflict (order_id, event, channel, tx_id) do nothing
     returning *`,
    [orderId, channels, JSON.stringify(actor)],
  );
  await tx.query(`select pg_notify('${NOTIFICATION_CHANNEL_NAME}', '')`);
  return rows.map(notificationView);
}

/** Takes due notifications under a lease (SKIP LOCKED, so several server processes share the work). */
export async function claimNotifications(db: Queryable, leaseMs: number, batchSize: number): Promise<NotificationRow[]> {
  return db.query<NotificationRow>(
    `update notification_outbox set locked_until = now() + make_interval(secs => $1::double precision / 1000)
      where id in (
        select id from notification_outbox
         where status = 'pending' and next_attempt_at <= now() and (locked_until is null or locked_until < now())
         order by next_attempt_at, created_at
         limit $2 for update skip locked)
      returning *`,
    [leaseMs, batchSize],
  );
}

export interface AttemptRecord {
  status: NotificationStatus;
  attempts: number;
  nextAttemptAt: string | null;
  error: string | null;
  recipient: string | null;
  subject: string | null;
  locale: NotificationLocale | null;
  providerMessageId: string | null;
  entry: NotificationAttempt | null;
}

/** Records what an attempt did and releases the lease. */
export async function recordNotificationAttempt(db: Queryable, id: string, a: AttemptRecord): Promise<NotificationRow | undefined> {
  const [row] = await db.query<NotificationRow>(
    `update notification_outbox set status = $2, attempts = $3, next_attempt_at = coalesce($4::timestamptz, next_attempt_at),
            locked_until = null, last_attempt_at = case when $9::jsonb is null then last_attempt_at else now() end,
            last_error = $5, recipient = coalesce($6, recipient), subject = coalesce($7, subject), locale = coalesce($8, locale),
            provider_message_id = coalesce($10, provider_message_id),
            attempt_log = case when $9::jsonb is null then attempt_log else attempt_log || $9::jsonb end,
            sent_at = case when $2 = 'sent' then now() else sent_at end
      where id = $1 returning *`,
    [
      id,
      a.status,
      a.attempts,
      a.nextAttemptAt,
      a.error,
      a.recipient,
      a.subject,
      a.locale,
      a.entry ? JSON.stringify([a.entry]) : null,
      a.providerMessageId,
    ],
  );
  return row;
}

/** Newest first, keyset-paged on (created_at, id); one order's when orderId is given. */
export async function listNotifications(
  db: Queryable,
  q: z.output<typeof ListNotificationsQuery>,
  orderId?: string,
): Promise<{ data: NotificationView[]; nextCursor: string | null }> {
  const cursor = q.cursor ? Buffer.from(q.cursor, 'base64url').toString('utf8').split('|') : null;
  if (cursor && (cursor.length !== 2 || Number.isNaN(Date.parse(cursor[0]!)) || !/^[0-9a-f-]{36}$/i.test(cursor[1]!)))
    throw problems.unprocessable('cursor_invalid', 'the cursor is not one this server gave out');
  const rows = await db.query<NotificationRow>(
    `select * from notification_outbox
      where ($1::uuid is null or order_id = $1) and ($2::text is null or status = $2) and ($3::text is null or channel = $3)
        and ($4::text is null or event = $4) and ($5::timestamptz is null or (created_at, id) < ($5::timestamptz, $6::uuid))
      order by created_at desc, id desc limit $7`,
    [orderId ?? null, q.status ?? null, q.channel ?? null, q.event ?? null, cursor?.[0] ?? null, cursor?.[1] ?? null, q.limit + 1],
  );
  const page = rows.slice(0, q.limit).map(notificationView);
  const last = page.at(-1);
  return {
    data: page,
    nextCursor: rows.length > q.limit && last ? Buffer.from(`${last.createdAt}|${last.id}`).toString('base64url') : null,
  };
}

/** Forgets who an order's notifications went to (the retention policy anonymises the order). */
export async function forgetNotificationRecipients(tx: Queryable, orderId: string): Promise<void> {
  await tx.query('update notification_outbox set recipient = null where order_id = $1 and recipient is not null', [orderId]);
}
