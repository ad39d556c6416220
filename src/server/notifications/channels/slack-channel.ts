import type { ChannelAdapter } from './channel';
import { httpFailure } from './channel';

/** Slack through an incoming webhook: the staff channel the URL points at, not the customer. */
export function slackChannel(webhookUrl: string | null, timeoutMs: number): ChannelAdapter {
  return {
    channel: 'slack',
    unavailable: webhookUrl ? null : 'Slack is not configured (DOCKSIDE_NOTIFY_SLACK_WEBHOOK_URL)',
    // The URL is a secret; the log names the channel instead.
    recipientOf: () => (webhookUrl ? 'slack incoming webhook' : null),
    async send(n) {
      if (!webhookUrl) throw new Error('Slack is not configured');
      const res = await fetch(webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': n.id },
        body: JSON.stringify({ text: n.message.short, metadata: { event_type: n.event, event_payload: { notificationId: n.id } } }),
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!res.ok) throw await httpFailure(res);
      await res.body?.cancel();
      return { providerMessageId: null };
    },
  };
}
