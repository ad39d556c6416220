import { COPY } from './notification-copy';
import type { NotificationFacts } from './notification-facts';

/** One notification in every form a channel needs: email (subject, text, HTML) and a short text (SMS, Slack). */
export interface RenderedNotification {
  subject: string;
  text: string;
  html: string;
  short: string;
}

/** A block of the message: a paragraph, a list, or a link. */
type Block = { p: string } | { list: string[] } | { link: { label: string; url: string } };

export function formatMoney(minor: number, currency: string, locale: string): string {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(minor / 10 ** digits);
}

function formatDate(isoDate: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`));
}

function body(f: NotificationFacts): Block[] {
  const c = COPY[f.locale];
  const n = f.orderNumber;
  const tracking = (): Block[] =>
    f.shipments.flatMap((s) =>
      s.trackingNumbers.length
        ? [
            { p: `${c.tracking(s.carrier, s.trackingNumbers.join(', '))}: ${s.items.map((i) => `${i.quantity} × ${i.name}`).join(', ')}` },
            ...(s.trackingUrl ? [{ link: { label: c.trackLink, url: s.trackingUrl } }] : []),
          ]
        : [],
    );
  const items = (list: { name: string; quantity: number }[]) => list.map((i) => `${i.quantity} × ${i.name}`).join(', ');
  const stillToCome = (): Block[] => (f.remaining.length ? [{ p: c.stillToCome }, { list: f.remaining.map((r) => items([r])) }] : []);
  switch (f.event) {
    case 'order.confirmed':
      return [
        { p: c.confirmed(n, formatMoney(f.totalMinor, f.currency, f.locale)) },
        ...(f.plannedShipments > 1 ? [{ p: c.splitInto(f.plannedShipments) }] : []),
      ];
    case 'order.partially_shipped':
      return [{ p: c.partiallyShipped(n) }, ...tracking(), ...stillToCome()];
    case 'order.split':
      return [
        { p: c.split(n, f.parts.length) },
        { list: f.parts.map((part, i) => c.partLine(i + 1, items(part.items), part.shipped)) },
        ...stillToCome(),
        { p: c.splitAfter },
      ];
    case 'order.cancelled':
      return [
        { p: c.cancelled(n) },
        ...(f.cancellationRefundMinor ? [{ p: c.cancelledRefund(formatMoney(f.cancellationRefundMinor, f.currency, f.locale)) }] : []),
      ];
    case 'order.return_authorized':
      return [{ p: c.returnAuthorized(f.returnNumber ?? n, n) }, { p: c.returnAuthorizedAfter(f.returnNumber ?? n) }];
    case 'order.return_received':
      return [{ p: c.returnReceived(f.returnNumber ?? n, n) }, { p: c.returnReceivedAfter }];
    case 'order.shipped':
      return [{ p: c.shipped(n) }, ...tracking()];
    case 'order.backordered':
      return [
        { p: c.backordered(n) },
        {
          list: f.backorders.map((b) => c.backorderLine(b.quantity, b.name, b.expectedDate ? formatDate(b.expectedDate, f.locale) : null)),
        },
        { p: c.backorderAfter },
      ];
    case 'order.delivered':
      return [{ p: c.delivered(n) }];
    case 'order.refunded':
      return [
        { p: c.refunded(n, f.refund ? formatMoney(f.refund.amountMinor, f.refund.currency, f.locale) : f.currency) },
        { p: c.refundedAfter },
      ];
  }
}

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

function textOf(b: Block): string {
  if ('p' in b) return b.p;
  if ('list' in b) return b.list.map((i) => `- ${i}`).join('\n');
  return `${b.link.label}: ${b.link.url}`;
}

function htmlOf(b: Block): string {
  if ('p' in b) return `<p>${escape(b.p)}</p>`;
  if ('list' in b) return `<ul>${b.list.map((i) => `<li>${escape(i)}</li>`).join('')}</ul>`;
  return `<p><a href="${escape(b.link.url)}">${escape(b.link.label)}</a></p>`;
}

export function renderNotification(f: NotificationFacts): RenderedNotification {
  const c = COPY[f.locale];
  const subject = f.resend ? c.resendSubject(f.orderNumber) : c.subject[f.event](f.orderNumber);
  const blocks = body(f);
  const text = [c.greeting(f.customerName), ...blocks.map(textOf), c.closing].join('\n\n') + '\n';
  const html = `<!doctype html><html lang="${f.locale}"><head><meta charset="utf-8"><title>${escape(subject)}</title></head><body>${[
    `<p>${escape(c.greeting(f.customerName))}</p>`,
    ...blocks.map(htmlOf),
    `<p>${escape(c.closing)}</p>`,
  ].join('')}</body></html>`;
  const short = [subject, ...blocks.filter((b) => !('p' in b) || b !== blocks[0]).map(textOf)].join('\n').slice(0, 1500);
  return { subject, text, html, short };
}
