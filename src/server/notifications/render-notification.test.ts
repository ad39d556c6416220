import { describe, expect, it } from 'vitest';
import { NOTIFICATION_EVENTS, NOTIFICATION_LOCALES } from '../../shared/api/notifications';
import type { NotificationFacts } from './notification-facts';
import { formatMoney, renderNotification } from './render-notification';
import { trackingUrl } from './tracking-links';

const facts = (over: Partial<NotificationFacts> = {}): NotificationFacts => ({
  event: 'order.shipped',
  resend: false,
  locale: 'en',
  orderNumber: 'ORD-20261204-00001',
  customerName: 'Ada <script>alert(1)</script> & Co',
  email: 'ada@example.com',
  phone: null,
  currency: 'GBP',
  totalMinor: 5899,
  plannedShipments: 1,
  shipments: [
    { carrier: 'DHL', trackingNumbers: ['JD0"1<2>'], trackingUrl: trackingUrl('DHL', 'JD0"1<2>'), items: [{ name: 'Mug', quantity: 2 }] },
  ],
  backorders: [{ name: 'Lamp', sku: 'SKU-LAMP', quantity: 1, expectedDate: '2026-12-11' }],
  refund: { amountMinor: 1000, currency: 'JPY' },
  parts: [
    { items: [{ name: 'Mug', quantity: 2 }], shipped: true },
    { items: [{ name: 'Lamp', quantity: 1 }], shipped: false },
  ],
  remaining: [{ name: 'Lamp', quantity: 1 }],
  returnNumber: 'RMA-20261204-00007',
  cancellationRefundMinor: 5899,
  ...over,
});

describe('notification templates', () => {
  it('has a subject, text and HTML for every event in every locale, each naming the order', () => {
    const subjects = new Set<string>();
    for (const locale of NOTIFICATION_LOCALES)
      for (const event of NOTIFICATION_EVENTS) {
        const r = renderNotification(facts({ event, locale }));
        expect(r.subject).toContain('ORD-20261204-00001');
        expect(r.text).toContain('ORD-20261204-00001');
        expect(r.html).toContain('ORD-20261204-00001');
        expect(r.short.length).toBeLessThanOrEqual(1500);
        subjects.add(r.subject);
      }
    expect(subjects.size).toBe(NOTIFICATION_EVENTS.length * NOTIFICATION_LOCALES.length);
  });

  it('escapes what the customer and the carrier typed in the HTML, and encodes it in links', () => {
    const r = renderNotification(facts());
    expect(r.html).not.toContain('<script>');
    expect(r.html).toContain('Ada &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
    expect(r.html).toContain('href="https://www.dhl.com/global-en/home/tracking/tracking-parcel.html?tracking-id=JD0%221%3C2%3E"');
    expect(r.text).toContain('Hello Ada <script>alert(1)</script> & Co,');
  });

  it('formats money by the currency and the locale, in minor units', () => {
    expect(formatMoney(5899, 'GBP', 'en')).toBe('£58.99');
    expect(formatMoney(1000, 'JPY', 'en')).toBe('¥1,000');
    expect(formatMoney(123456, 'EUR', 'de')).toMatch(/^1\.234,56\s€$/);
    expect(renderNotification(facts({ event: 'order.refunded', locale: 'de' })).text).toMatch(/Wir haben 1\.000\s¥ für Ihre Bestellung/);
  });

  it('says a split order arrives in several shipments, and dates a backorder in the reader’s language', () => {
    expect(renderNotification(facts({ event: 'order.confirmed', plannedShipments: 2 })).text).toContain(
      'Your order will arrive in 2 shipments.',
    );
    expect(renderNotification(facts({ event: 'order.confirmed' })).text).not.toContain('shipments');
    expect(renderNotification(facts({ event: 'order.backordered', locale: 'de' })).text).toContain(
      '1 × Lamp (voraussichtlich am 11. Dezember 2026)',
    );
    expect(renderNotification(facts({ event: 'order.confirmed', resend: true })).subject).toBe(
      'Your order confirmation ORD-20261204-00001 (copy)',
    );
  });

  it('says what shipped and what is still to come, part by part, in both languages', () => {
    const partial = renderNotification(facts({ event: 'order.partially_shipped' }));
    expect(partial.text).toContain('Still to come:\n\n- 1 × Lamp');
    expect(partial.html).toContain('<ul><li>1 × Lamp</li></ul>');
    expect(renderNotification(facts({ event: 'order.partially_shipped', remaining: [] })).text).not.toContain('Still to come');
    const split = renderNotification(facts({ event: 'order.split' }));
    expect(split.subject).toBe('Order ORD-20261204-00001 now ships in several parts');
    expect(split.text).toContain(
      'Your order ORD-20261204-00001 now ships in 2 parts:\n\n- Part 1: 2 × Mug (shipped)\n- Part 2: 1 × Lamp (being prepared)',
    );
    expect(renderNotification(facts({ event: 'order.split', locale: 'de' })).text).toContain('- Teil 2: 1 × Lamp (in Vorbereitung)');
  });

  it('tells of a cancellation with the refund only when one is paid, and of a return with its RMA number', () => {
    expect(renderNotification(facts({ event: 'order.cancelled' })).text).toContain('We are refunding the £58.99 you paid.');
    expect(renderNotification(facts({ event: 'order.cancelled', cancellationRefundMinor: null })).text).not.toContain('refunding');
    expect(renderNotification(facts({ event: 'order.cancelled', locale: 'de' })).subject).toBe(
      'Bestellung ORD-20261204-00001 wurde storniert',
    );
    const authorized = renderNotification(facts({ event: 'order.return_authorized' }));
    expect(authorized.text).toContain('Your return RMA-20261204-00007 for order ORD-20261204-00001 is approved.');
    expect(authorized.text).toContain('write RMA-20261204-00007 on the parcel');
    expect(renderNotification(facts({ event: 'order.return_received', locale: 'de' })).html).toContain(
      'Ihre Rücksendung RMA-20261204-00007 zu Bestellung ORD-20261204-00001 ist in unserem Lager eingetroffen.',
    );
  });

  it('links to the tracking page of carriers it knows, and to none for others', () => {
    expect(trackingUrl('UPS', '1Z999')).toBe('https://www.ups.com/track?tracknum=1Z999');
    expect(trackingUrl('Royal Mail', 'AB123')).toBe('https://www.royalmail.com/track-your-item#/tracking-results/AB123');
    expect(trackingUrl('Acme Freight', 'AF-1')).toBeNull();
    expect(trackingUrl(null, 'AF-1')).toBeNull();
  });
});
