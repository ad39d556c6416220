import type { NotificationEvent, NotificationLocale } from '../../shared/api/notifications';

/** The words of every notification, per locale. `{n}` is the order number; functions take what varies. */
export interface Copy {
  greeting: (name: string) => string;
  closing: string;
  subject: Record<NotificationEvent, (n: string) => string>;
  resendSubject: (n: string) => string;
  confirmed: (n: string, total: string) => string;
  splitInto: (count: number) => string;
  partiallyShipped: (n: string) => string;
  shipped: (n: string) => string;
  tracking: (carrier: string | null, number: string) => string;
  trackLink: string;
  backordered: (n: string) => string;
  backorderLine: (quantity: number, name: string, expected: string | null) => string;
  backorderAfter: string;
  delivered: (n: string) => string;
  refunded: (n: string, amount: string) => string;
  refundedAfter: string;
}

const en: Copy = {
  greeting: (name) => `Hello ${name},`,
  closing: 'Questions? Just reply to this email.',
  subject: {
    'order.confirmed': (n) => `Order ${n} confirmed`,
    'order.partially_shipped': (n) => `Part of order ${n} has shipped`,
    'order.shipped': (n) => `Order ${n} has shipped`,
    'order.backordered': (n) => `Part of order ${n} is on backorder`,
    'order.delivered': (n) => `Order ${n} was delivered`,
    'order.refunded': (n) => `Refund for order ${n}`,
  },
  resendSubject: (n) => `Your order confirmation ${n} (copy)`,
  confirmed: (n, total) => `Thank you for your order ${n}. We have received it and are preparing it. Total: ${total}.`,
  splitInto: (count) => `Your order will arrive in ${count} shipments.`,
  partiallyShipped: (n) => `Part of your order ${n} is on its way. The rest follows in a separate shipment.`,
  shipped: (n) => `Your order ${n} is on its way.`,
  tracking: (carrier, number) => `${carrier ?? 'Carrier'} tracking number ${number}`,
  trackLink: 'Track your parcel',
  backordered: (n) => `Some items of your order ${n} are not in stock yet:`,
  backorderLine: (q, name, expected) => `${q} × ${name} (${expected ? `expected by ${expected}` : 'expected date not known yet'})`,
  backorderAfter: 'We will ship them as soon as they arrive.',
  delivered: (n) => `Your order ${n} was delivered. We hope you enjoy it.`,
  refunded: (n, amount) => `We have refunded ${amount} for your order ${n}.`,
  refundedAfter: 'Depending on your bank it may take a few days to show.',
};

const de: Copy = {
  greeting: (name) => `Hallo ${name},`,
  closing: 'Fragen? Antworten Sie einfach auf diese E-Mail.',
  subject: {
    'order.confirmed': (n) => `Bestellung ${n} bestätigt`,
    'order.partially_shipped': (n) => `Ein Teil der Bestellung ${n} wurde versandt`,
    'order.shipped': (n) => `Bestellung ${n} wurde versandt`,
    'order.backordered': (n) => `Ein Teil der Bestellung ${n} ist nachbestellt`,
    'order.delivered': (n) => `Bestellung ${n} wurde zugestellt`,
    'order.refunded': (n) => `Erstattung zu Bestellung ${n}`,
  },
  resendSubject: (n) => `Ihre Bestellbestätigung ${n} (Kopie)`,
  confirmed: (n, total) => `Vielen Dank für Ihre Bestellung ${n}. Wir haben sie erhalten und bereiten sie vor. Gesamtbetrag: ${total}.`,
  splitInto: (count) => `Ihre Bestellung kommt in ${count} Sendungen.`,
  partiallyShipped: (n) => `Ein Teil Ihrer Bestellung ${n} ist unterwegs. Der Rest folgt in einer separaten Sendung.`,
  shipped: (n) => `Ihre Bestellung ${n} ist unterwegs.`,
  tracking: (carrier, number) => `${carrier ?? 'Versanddienst'} Sendungsnummer ${number}`,
  trackLink: 'Sendung verfolgen',
  backordered: (n) => `Einige Artikel Ihrer Bestellung ${n} sind noch nicht vorrätig:`,
  backorderLine: (q, name, expected) => `${q} × ${name} (${expected ? `voraussichtlich am ${expected}` : 'Liefertermin noch unbekannt'})`,
  backorderAfter: 'Wir versenden sie, sobald sie eintreffen.',
  delivered: (n) => `Ihre Bestellung ${n} wurde zugestellt. Viel Freude damit!`,
  refunded: (n, amount) => `Wir haben ${amount} für Ihre Bestellung ${n} erstattet.`,
  refundedAfter: 'Je nach Bank kann es einige Tage dauern, bis der Betrag sichtbar ist.',
};

export const COPY: Record<NotificationLocale, Copy> = { en, de };
