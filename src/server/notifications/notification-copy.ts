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
  stillToCome: string;
  split: (n: string, parts: number) => string;
  partLine: (index: number, items: string, shipped: boolean) => string;
  splitAfter: string;
  cancelled: (n: string) => string;
  cancelledRefund: (amount: string) => string;
  returnAuthorized: (rma: string, n: string) => string;
  returnAuthorizedAfter: (rma: string) => string;
  returnReceived: (rma: string, n: string) => string;
  returnReceivedAfter: string;
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
    'order.split': (n) => `Order ${n} now ships in several parts`,
    'order.cancelled': (n) => `Order ${n} was cancelled`,
    'order.return_authorized': (n) => `Your return for order ${n} is approved`,
    'order.return_received': (n) => `We received your return for order ${n}`,
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
  stillToCome: 'Still to come:',
  split: (n, parts) => `Your order ${n} now ships in ${parts} parts:`,
  partLine: (i, items, shipped) => `Part ${i}: ${items} (${shipped ? 'shipped' : 'being prepared'})`,
  splitAfter: 'You get a message with tracking details as each part ships.',
  cancelled: (n) => `Your order ${n} was cancelled. Nothing of it will be sent.`,
  cancelledRefund: (amount) => `We are refunding the ${amount} you paid.`,
  returnAuthorized: (rma, n) => `Your return ${rma} for order ${n} is approved.`,
  returnAuthorizedAfter: (rma) => `Please pack the items and write ${rma} on the parcel, so we can match it when it arrives.`,
  returnReceived: (rma, n) => `Your return ${rma} for order ${n} has arrived at our warehouse.`,
  returnReceivedAfter: 'We are checking the items and will tell you about your refund.',
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
    'order.split': (n) => `Bestellung ${n} kommt jetzt in mehreren Teilen`,
    'order.cancelled': (n) => `Bestellung ${n} wurde storniert`,
    'order.return_authorized': (n) => `Ihre Rücksendung zu Bestellung ${n} ist genehmigt`,
    'order.return_received': (n) => `Ihre Rücksendung zu Bestellung ${n} ist eingetroffen`,
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
  stillToCome: 'Noch ausstehend:',
  split: (n, parts) => `Ihre Bestellung ${n} kommt jetzt in ${parts} Teilen:`,
  partLine: (i, items, shipped) => `Teil ${i}: ${items} (${shipped ? 'versandt' : 'in Vorbereitung'})`,
  splitAfter: 'Sobald ein Teil versandt ist, erhalten Sie eine Nachricht mit der Sendungsverfolgung.',
  cancelled: (n) => `Ihre Bestellung ${n} wurde storniert. Es wird nichts davon versandt.`,
  cancelledRefund: (amount) => `Wir erstatten Ihnen die gezahlten ${amount}.`,
  returnAuthorized: (rma, n) => `Ihre Rücksendung ${rma} zu Bestellung ${n} ist genehmigt.`,
  returnAuthorizedAfter: (rma) => `Bitte verpacken Sie die Artikel und schreiben Sie ${rma} auf das Paket, damit wir es zuordnen können.`,
  returnReceived: (rma, n) => `Ihre Rücksendung ${rma} zu Bestellung ${n} ist in unserem Lager eingetroffen.`,
  returnReceivedAfter: 'Wir prüfen die Artikel und informieren Sie über Ihre Erstattung.',
};

export const COPY: Record<NotificationLocale, Copy> = { en, de };
