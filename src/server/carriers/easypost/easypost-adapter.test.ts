import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidUps1z } from '../../../shared/carriers/tracking-numbers';
import type { Address } from '../../../shared/domain/address';
import { CarrierApiError, type CarrierAdapter } from '../carrier-adapter';
import { startEasyPostContractServer, type EasyPostContractServer } from '../testing/easypost-contract-server';
import { createEasyPostAdapter, easypostSignature, packageStatusOf, toMinor } from './easypost-adapter';
import { rateFor } from './easypost-services';

/**
 * The EasyPost adapter against a local server that speaks EasyPost's documented contract: rates,
 * buying a rate (the label fetched byte for byte), refunds, trackers, the error shapes (address
 * not verified, rate expired, wrong key) and a carrier that does not answer in time.
 */
let ep: EasyPostContractServer;
const KEY = 'EZTK_test_key_0123456789';
const from: Address = { name: 'Dockside DC', line1: '1 Dock Road', city: 'Louisville', region: 'KY', postalCode: '40209', country: 'US' };
const to: Address = { name: 'Ana Kowalska', line1: '500 Main St', city: 'Springfield', region: 'IL', postalCode: '62701', country: 'US' };
const parcel = { weightGrams: 1200 };
const adapter = (format: 'zpl' | 'pdf' = 'zpl', apiKey = KEY, timeoutMs = 5000): CarrierAdapter =>
  createEasyPostAdapter({ baseUrl: ep.url, apiKey, timeoutMs, labelFormat: format });

beforeAll(async () => {
  ep = await startEasyPostContractServer({ apiKey: KEY });
});
afterAll(() => ep.close());

const caught = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as CarrierApiError,
  );

describe('EasyPost adapter', () => {
  it('rates a parcel, buys the UPS Ground rate and gets the carrier ZPL byte for byte', async () => {
    const a = adapter();
    const rated = await a.rate({ reference: 'pkg-1', from, to, parcel, labelFormat: 'zpl' });
    expect(rated.shipmentId).toMatch(/^shp_/);
    expect(rated.rates.map((r) => r.amountMinor)).toEqual([...rated.rates.map((r) => r.amountMinor)].sort((x, y) => x - y));
    const ground = rateFor(rated.rates, 'ups', { code: '03', name: 'UPS Ground' })!;
    expect(ground).toMatchObject({ carrier: 'UPS', service: 'Ground', currency: 'USD' });
    // 1200 g = 42.4 oz → 43 steps of 9 cents on 8.12.
    expect(ground.amountMinor).toBe(812 + 43 * 9);

    const bought = await a.buy(rated.shipmentId, ground.rateId);
    expect(isValidUps1z(bought.trackingNumber)).toBe(true);
    expect(bought.trackingUrl).toContain(bought.trackingNumber);
    expect(bought.label.format).toBe('zpl');
    expect(bought.label.bytes.equals(ep.labels.get(bought.trackingNumber)!)).toBe(true);
    expect(bought.label.bytes.includes(0xe9)).toBe(true);
    expect(ep.requests.every((r) => r.authorized)).toBe(true);
  });

  it('gets a PDF label when the account prints PDF', async () => {
    const a = adapter('pdf');
    const rated = await a.rate({ reference: 'pkg-2', from, to, parcel, labelFormat: 'pdf' });
    const bought = await a.buy(rated.shipmentId, rated.rates[0]!.rateId);
    expect(bought.label.bytes.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('refunds a bought label, and says so for one never bought', async () => {
    const a = adapter();
    const rated = await a.rate({ reference: 'pkg-3', from, to, parcel, labelFormat: 'zpl' });
    await a.buy(rated.shipmentId, rated.rates[0]!.rateId);
    expect(await a.refund(rated.shipmentId)).toEqual({ shipmentId: rated.shipmentId, status: 'submitted' });
    const unbought = await a.rate({ reference: 'pkg-4', from, to, parcel, labelFormat: 'zpl' });
    expect((await caught(a.refund(unbought.shipmentId)))?.code).toBe('carrier_refused');
  });

  it('answers address_invalid with the field errors EasyPost gives', async () => {
    const e = await caught(adapter().rate({ reference: 'x', from, to: { ...to, line1: '1 NOWHERE Lane' }, parcel, labelFormat: 'zpl' }));
    expect(e).toBeInstanceOf(CarrierApiError);
    expect(e).toMatchObject({ code: 'address_invalid', providerCode: 'ADDRESS.VERIFY.FAILURE' });
    expect(e!.fieldErrors).toContainEqual({ field: 'address', message: 'Address not found' });
    const noZip = await caught(adapter().rate({ reference: 'x', from, to: { ...to, postalCode: undefined }, parcel, labelFormat: 'zpl' }));
    expect(noZip?.message).toContain('zip: Zip code is missing');
  });

  it('answers rate_expired for a stale rate, and the fresh rate of a new rating buys', async () => {
    const a = adapter();
    const rated = await a.rate({ reference: 'pkg-5', from, to, parcel, labelFormat: 'zpl' });
    ep.expireRates();
    expect(await caught(a.buy(rated.shipmentId, rated.rates[0]!.rateId))).toMatchObject({ code: 'rate_expired' });
    const again = await a.rate({ reference: 'pkg-5', from, to, parcel, labelFormat: 'zpl' });
    expect((await a.buy(again.shipmentId, again.rates[0]!.rateId)).trackingNumber).toBeTruthy();
  });

  it('refuses a wrong API key as carrier_unauthorized', async () => {
    expect(await caught(adapter('zpl', 'wrong-key').rate({ reference: 'x', from, to, parcel, labelFormat: 'zpl' }))).toMatchObject({
      code: 'carrier_unauthorized',
      providerCode: 'APIKEY.INACTIVE',
    });
  });

  it('gives up on a carrier that does not answer in time: carrier_timeout; a buy that timed out but went through is found', async () => {
    const quick = adapter('zpl', KEY, 300);
    ep.stall(1, 1500);
    const started = Date.now();
    expect(await caught(quick.rate({ reference: 'slow', from, to, parcel, labelFormat: 'zpl' }))).toMatchObject({
      code: 'carrier_timeout',
    });
    expect(Date.now() - started).toBeLessThan(1400);

    const rated = await adapter().rate({ reference: 'slow-buy', from, to, parcel, labelFormat: 'zpl' });
    ep.stall(1, 500); // the buy itself is slow; the shipment reads that follow are not
    const bought = await quick.buy(rated.shipmentId, rated.rates[0]!.rateId);
    expect(bought.label.bytes.equals(ep.labels.get(bought.trackingNumber)!)).toBe(true);
  });

  it('follows a tracking number', async () => {
    const update = await adapter().track('1Z999AA10123456784', 'ups');
    expect(update).toMatchObject({ trackingNumber: '1Z999AA10123456784', status: null, carrierStatus: 'unknown' });
  });
});

describe('EasyPost tracking pushes', () => {
  it('signs as the client libraries do: hex HMAC-SHA256 of the raw body, the secret NFKD-normalized', () => {
    // Expected values computed with `openssl dgst -sha256 -hmac` over the NFKD form of each secret ("ü" → "u" + U+0308, "ﬁ" → "fi").
    expect(easypostSignature('{"id":"evt_1","description":"tracker.updated"}', 'whsec-ü-test')).toBe(
      'hmac-sha256-hex=8ec33021310ba17be5f9623b58377b4ea211d983e16ef549bd9c37bc318dcede',
    );
    expect(easypostSignature('{"a":1}', 'ﬁ-secret')).toBe(
      'hmac-sha256-hex=31fd7f9d1f73d6822275ef931c10683d7e7df34e926ff27c334dc55318dc9c0e',
    );
  });

  it('reads a signed tracker.updated and refuses a forged or unsigned one', () => {
    const body = Buffer.from(
      JSON.stringify({
        id: 'evt_abc',
        object: 'Event',
        description: 'tracker.updated',
        result: {
          id: 'trk_1',
          object: 'Tracker',
          tracking_code: '1Z999AA10123456784',
          status: 'delivered',
          public_url: 'https://track.example/1Z',
          tracking_details: [
            { datetime: '2026-12-04T10:00:00Z', message: 'Delivered', tracking_location: { city: 'Springfield', state: 'IL' } },
          ],
        },
      }),
    );
    const a = adapter();
    const update = a.readTrackingPush(body, { 'x-hmac-signature': easypostSignature(body, 'secret-1') }, 'secret-1');
    expect(update).toEqual({
      eventId: 'evt_abc',
      trackingNumber: '1Z999AA10123456784',
      status: 'delivered',
      carrierStatus: 'delivered',
      description: 'Delivered',
      location: 'Springfield, IL',
      occurredAt: '2026-12-04T10:00:00.000Z',
      trackingUrl: 'https://track.example/1Z',
    });
    expect(() => a.readTrackingPush(body, { 'x-hmac-signature': easypostSignature(body, 'other') }, 'secret-1')).toThrow(/does not match/);
    expect(() => a.readTrackingPush(body, {}, 'secret-1')).toThrow(/no X-Hmac-Signature/);
    const tampered = Buffer.from(body.toString().replace('delivered', 'in_transit'));
    expect(() => a.readTrackingPush(tampered, { 'x-hmac-signature': easypostSignature(body, 'secret-1') }, 'secret-1')).toThrow();
  });

  it('maps tracker statuses onto package statuses, and rates as text', () => {
    expect(
      ['pre_transit', 'in_transit', 'out_for_delivery', 'delivered', 'return_to_sender', 'failure', 'unknown'].map(packageStatusOf),
    ).toEqual([null, 'in_transit', 'in_transit', 'delivered', 'returned_to_sender', 'exception', null]);
    expect([toMinor('7.58', 'USD'), toMinor('10', 'USD'), toMinor('0.1', 'usd'), toMinor('1200', 'JPY'), toMinor('4.005', 'USD')]).toEqual([
      758, 1000, 10, 1200, 401,
    ]);
  });
});
