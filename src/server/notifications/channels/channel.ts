import type { NotificationChannel } from '../../../shared/api/notifications';
import type { NotificationFacts } from '../notification-facts';
import type { RenderedNotification } from '../render-notification';

/** What every channel adapter sends: the rendered message, to whom, and a key receivers can dedupe on. */
export interface OutgoingNotification {
  /** The outbox row's id: the same on every attempt (Message-ID, Idempotency-Key). */
  id: string;
  event: string;
  message: RenderedNotification;
  to: string;
}

/** One way of reaching someone: email, Slack, SMS. The worker treats them all alike. */
export interface ChannelAdapter {
  readonly channel: NotificationChannel;
  /** Why it cannot send (not configured), or null when it can. */
  readonly unavailable: string | null;
  /** The address this notification goes to, or null when the order has none for this channel. */
  recipientOf(facts: NotificationFacts): string | null;
  /** Sends once; resolves with the provider's id of the message, throws on refusal or timeout. */
  send(n: OutgoingNotification): Promise<{ providerMessageId: string | null }>;
  close?(): void;
}

/** The message of a failed HTTP call, with the start of the answer (never the request, which may hold a secret). */
export async function httpFailure(res: Response): Promise<Error> {
  const snippet = (await res.text().catch(() => '')).slice(0, 200);
  return new Error(`HTTP ${res.status}${snippet ? `: ${snippet}` : ''}`);
}
