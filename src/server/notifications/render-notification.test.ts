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

  it('links to the tracking page of carriers it knows, and to none for others', () => {
    expect(trackingUrl('UPS', '1Z999')).toBe('https://www.ups.com/track?tracknum=1Z999');
    expect(trackingUrl('Royal Mail', 'AB123')).toBe('https://www.royalmail.com/track-your-item#/tracking-results/AB123');
    expect(trackingUrl('Acme Freight', 'AF-1')).toBeNull();
    expect(trackingUrl(null, 'AF-1')).toBeNull();
  });
});
