import type { SmsSettings } from '../notification-config';
import type { ChannelAdapter } from './channel';
import { httpFailure } from './channel';

/** SMS through a Twilio-style Messages API (form-encoded POST, basic auth), to the phone on the shipping address. */
export function smsChannel(sms: SmsSettings | null, timeoutMs: number): ChannelAdapter {
  return {
    channel: 'sms',
    unavailable: sms ? null : 'SMS is not configured (DOCKSIDE_SMS_ACCOUNT_SID, DOCKSIDE_SMS_AUTH_TOKEN, DOCKSIDE_SMS_FROM)',
    recipientOf: (f) => f.phone,
    async send(n) {
      if (!sms) throw new Error('SMS is not configured');
      const url = `${sms.apiUrl.replace(/\/$/, '')}/2010-04-01/Accounts/${encodeURIComponent(sms.accountSid)}/Messages.json`;
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${sms.accountSid}:${sms.authToken}`).toString('base64')}`,
          'idempotency-key': n.id,
        },
        body: new URLSearchParams({ To: n.to, From: sms.from, Body: n.message.short }),
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!res.ok) throw await httpFailure(res);
      const answer = (await res.json().catch(() => ({}))) as { sid?: unknown };
      return { providerMessageId: typeof answer.sid === 'string' ? answer.sid : null };
    },
  };
}
