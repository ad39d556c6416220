import type { NotificationChannel } from '../../shared/api/notifications';
import { backoffDelayMs } from '../../shared/domain/backoff';
import { startQueueWorker, type ErrorLog, type QueueWorker } from '../background/queue-worker';
import type { Database, Queryable } from '../db/database';
import type { ChannelAdapter } from './channels/channel';
import { emailChannel } from './channels/email-channel';
import { slackChannel } from './channels/slack-channel';
import { smsChannel } from './channels/sms-channel';
import type { NotificationSettings } from './notification-config';
import { notificationFacts, type NotificationFacts } from './notification-facts';
import {
  NOTIFICATION_CHANNEL_NAME,
  claimNotifications,
  markTransportsConfigured,
  recordNotificationAttempt,
  type NotificationRow,
} from './notification-store';
import { renderNotification } from './render-notification';

export type ChannelAdapters = Record<NotificationChannel, ChannelAdapter>;

export function channelAdapters(s: NotificationSettings): ChannelAdapters {
  return {
    email: emailChannel(s.smtp, s.timeoutMs),
    slack: slackChannel(s.slackWebhookUrl, s.timeoutMs),
    sms: smsChannel(s.sms, s.timeoutMs),
  };
}

/** Delay before attempt `attempt + 1`, after `attempt` failures: the one backoff, plus 0-10% jitter. */
export function notificationBackoffMs(attempt: number, s: Pick<NotificationSettings, 'retryBaseMs' | 'retryMaxMs'>): number {
  return backoffDelayMs(attempt, { baseMs: s.retryBaseMs, maxMs: s.retryMaxMs, spread: [1, 1.1] });
}

const errorText = (err: unknown) => {
  const e = err as Error & { responseCode?: number; code?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError') return 'no answer in time';
  return (e.cause?.code ? `${e.cause.code}: ${e.cause.message}` : (e.message ?? String(err))).slice(0, 1000);
};

/** Sends one claimed notification and records the attempt: sent, retried later, failed for good, or skipped (nothing to send it with or to). */
export async function sendNotification(
  db: Queryable,
  row: NotificationRow,
  adapters: ChannelAdapters,
  s: NotificationSettings,
): Promise<void> {
  const adapter = adapters[row.channel];
  const skip = (error: string, f?: NotificationFacts) =>
    recordNotificationAttempt(db, row.id, {
      status: 'skipped',
      attempts: row.attempts,
      nextAttemptAt: null,
      error,
      recipient: null,
      subject: null,
      locale: f?.locale ?? null,
      providerMessageId: null,
      entry: null,
    });
  if (adapter.unavailable) return void (await skip(adapter.unavailable));

  const attempt = row.attempts + 1;
  const startedAt = new Date();
  let error: string | null = null;
  let providerMessageId: string | null = null;
  let facts: NotificationFacts | null = null;
  let to: string | null = null;
  let subject: string | null = null;
  try {
    facts = await notificationFacts(db, row, s.defaultLocale);
    to = adapter.recipientOf(facts);
    if (!to) return void (await skip(`the order has no ${row.channel === 'sms' ? 'phone number' : 'email address'}`, facts));
    const message = renderNotification(facts);
    subject = message.subject;
    ({ providerMessageId } = await adapter.send({ id: row.id, event: row.event, message, to }));
  } catch (err) {
    error = errorText(err);
  }
  const final = error === null || attempt >= s.maxAttempts;
  const nextAttemptAt = final ? null : new Date(Date.now() + notificationBackoffMs(attempt, s)).toISOString();
  await recordNotificationAttempt(db, row.id, {
    status: error === null ? 'sent' : final ? 'failed' : 'pending',
    attempts: attempt,
    nextAttemptAt,
    error,
    recipient: to,
    subject,
    locale: facts?.locale ?? null,
    providerMessageId,
    entry: { attempt, at: startedAt.toISOString(), durationMs: Date.now() - startedAt.getTime(), error, nextAttemptAt },
  });
}

/**
 * The customer notification queue of one server process: woken by NOTIFY when the timeline
 * trigger (or a resend) fills the outbox, and every pollMs for retries that came due.
 */
export function startNotificationWorker(db: Database, s: NotificationSettings, log: ErrorLog): QueueWorker {
  const adapters = channelAdapters(s);
  const worker = startQueueWorker<NotificationRow>(db, {
    log,
    name: 'customer notifications',
    channel: NOTIFICATION_CHANNEL_NAME,
    pollMs: s.pollMs,
    claim: (d) => claimNotifications(d, s.leaseMs, s.batchSize),
    handle: async (d, rows) => {
      const results = await Promise.allSettled(rows.map((r) => sendNotification(d, r, adapters, s)));
      for (const r of results)
        if (r.status === 'rejected')
          log.error({ err: r.reason }, 'a notification could not be prepared; it is tried again when its lease runs out');
    },
  });
  const configured = Object.values(adapters)
    .filter((a) => !a.unavailable)
    .map((a) => a.channel);
  const marked = markTransportsConfigured(db, configured);
  return {
    ...worker,
    ready: Promise.all([worker.ready, marked]).then(() => undefined),
    async stop() {
      await marked.catch(() => {});
      await worker.stop();
      for (const a of Object.values(adapters)) a.close?.();
    },
  };
}
