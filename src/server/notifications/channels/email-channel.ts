import nodemailer from 'nodemailer';
import type { SmtpSettings } from '../notification-config';
import type { ChannelAdapter } from './channel';

/** Email over SMTP through nodemailer: text and HTML parts, a stable Message-ID per notification so a mailbox can drop a repeat. */
export function emailChannel(smtp: SmtpSettings | null, timeoutMs: number): ChannelAdapter {
  const transport = smtp
    ? nodemailer.createTransport({
        host: smtp.host,
        port: smtp.port,
        secure: smtp.port === 465,
        pool: true,
        maxConnections: 3,
        ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
        connectionTimeout: timeoutMs,
        greetingTimeout: timeoutMs,
        socketTimeout: timeoutMs,
      })
    : null;
  return {
    channel: 'email',
    unavailable: smtp ? null : 'SMTP is not configured (DOCKSIDE_SMTP_HOST)',
    recipientOf: (f) => f.email,
    async send(n) {
      if (!transport || !smtp) throw new Error('SMTP is not configured');
      const info = await transport.sendMail({
        from: smtp.from,
        to: n.to,
        subject: n.message.subject,
        text: n.message.text,
        html: n.message.html,
        messageId: `<${n.id}@dockside.notifications>`,
        headers: { 'X-Dockside-Notification': n.id, 'X-Dockside-Event': n.event },
      });
      return { providerMessageId: info.messageId ?? null };
    },
    close: () => transport?.close(),
  };
}
