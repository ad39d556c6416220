/**
 * Label purchase (issue 12, online half): the round trip of buying a label through the EasyPost
 * adapter against the contract server on loopback (rate, buy, fetch the label file), on its own
 * and through the central server's route (HTTP, claim, carrier, record on the package, on PGlite);
 * beside it, the time a station takes to hand out a tracking number from its block (the offline
 * path), and the server's block allocation round trip.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { openTrackingBlockStore } from '../src/main/carriers/tracking-block-store';
import { tempDataDir } from '../src/main/printing/testing/fixtures';
import { createEasyPostAdapter } from '../src/server/carriers/easypost/easypost-adapter';
import { startEasyPostContractServer } from '../src/server/carriers/testing/easypost-contract-server';
import { call, startServer } from './server-kit';

const quantile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
const summary = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return { n: s.length, p50Ms: round(quantile(s, 0.5)), p95Ms: round(quantile(s, 0.95)), maxMs: round(s.at(-1)!) };
};
const round = (ms: number) => Math.round(ms * 100) / 100;
const API_KEY = 'EZTK_bench_key';
const from = { name: 'Bench DC', line1: '1 Dock Road', city: 'Louisville', region: 'KY', postalCode: '40209', country: 'US' };
const to = { name: 'Ana Kowalska', line1: '500 Main St', city: 'Springfield', region: 'IL', postalCode: '62701', country: 'US' };

async function throughAdapter(url: string) {
  const adapter = createEasyPostAdapter({ baseUrl: url, apiKey: API_KEY, timeoutMs: 10_000, labelFormat: 'zpl' });
  const times: number[] = [];
  for (let i = 0; i < 210; i++) {
    const t = performance.now();
    const rated = await adapter.rate({ reference: `bench-${i}`, from, to, parcel: { weightGrams: 1200 }, labelFormat: 'zpl' });
    await adapter.buy(rated.shipmentId, rated.rates[0]!.rateId);
    if (i >= 10) times.push(performance.now() - t); // the first ten warm up
  }
  return summary(times);
}

async function throughServer(epUrl: string) {
  const server = await startServer('pglite', null, { DOCKSIDE_EASYPOST_URL: epUrl, DOCKSIDE_SECRET_KEY: 'bench-label-purchase-sealing' });
  try {
    const wh = await call(server.url, 'POST', '/v1/warehouses', { code: 'LBL-B', name: 'Bench', priority: 1 });
    for (const sku of ['SKU-B']) await call(server.url, 'PUT', `/v1/inventory/${wh.body.id}/${sku}`, { onHand: 100_000 });
    const account = await call(server.url, 'POST', '/v1/carrier-accounts', {
      warehouseId: wh.body.id,
      carrier: 'ups',
      accountNumber: 'BLP001',
      name: 'UPS via EasyPost',
      labelFormat: 'zpl',
      labelSource: 'easypost',
      services: [{ code: '03', name: 'UPS Ground' }],
      credentials: { apiKey: API_KEY },
    });
    const order = await call(server.url, 'POST', '/v1/orders', {
      currency: 'USD',
      channel: 'web',
      customer: { name: 'Ana Kowalska', email: 'ana@example.com' },
      shippingAddress: to,
      lines: [{ sku: 'SKU-B', name: 'Bench item', quantity: 200, unitPriceMinor: 100, taxRateBps: 0 }],
      payment: { status: 'paid' },
    });
    const fo = order.body.fulfillmentOrders[0];
    const times: number[] = [];
    for (let i = 0; i < 110; i++) {
      const packageId = crypto.randomUUID();
      const made = await call(server.url, 'POST', `/v1/fulfillment-orders/${fo.id}/packages`, {
        id: packageId,
        contents: [{ lineId: fo.lines[0].lineId, quantity: 1 }],
        weightGrams: 1200,
      });
      if (made.status !== 201) throw new Error(`package: ${JSON.stringify(made.body)}`);
      const bought = await call(server.url, 'POST', `/v1/packages/${packageId}/carrier-label`, {
        accountId: account.body.id,
        serviceCode: '03',
        shipFrom: from,
      });
      if (bought.status !== 201) throw new Error(`buy: ${JSON.stringify(bought.body)}`);
      if (i >= 10) times.push(bought.ms);
    }
    return summary(times);
  } finally {
    await server.close();
  }
}

async function blockAllocation() {
  const server = await startServer('pglite', null);
  try {
    const wh = await call(server.url, 'POST', '/v1/warehouses', { code: 'BLK-B', name: 'Bench', priority: 1 });
    const account = await call(server.url, 'POST', '/v1/carrier-accounts', {
      warehouseId: wh.body.id,
      carrier: 'ups',
      accountNumber: 'BLK002',
      name: 'UPS blocks',
      labelFormat: 'zpl',
      services: [{ code: '03', name: 'UPS Ground' }],
      blockSize: 500,
      lowWater: 100,
    });
    const st = await call(server.url, 'POST', '/v1/stations', { name: 'Bench', warehouseId: wh.body.id });
    const token = (await call(server.url, 'POST', '/v1/stations/enroll', { code: st.body.enrollmentCode }, null)).body.credential;
    const times: number[] = [];
    for (let i = 0; i < 110; i++) {
      const r = await call(server.url, 'POST', '/v1/sync/tracking-blocks', { accountId: account.body.id }, token);
      if (r.status !== 201) throw new Error('a block was refused');
      if (i >= 10) times.push(r.ms);
    }
    return summary(times);
  } finally {
    await server.close();
  }
}

async function stationTakes() {
  const store = await openTrackingBlockStore(await tempDataDir());
  await store.add('a', { id: 'b1', firstSerial: 1, lastSerial: 10_000 });
  const times: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t = performance.now();
    await store.take('a');
    times.push(performance.now() - t);
  }
  return summary(times);
}

const ep = await startEasyPostContractServer({ apiKey: API_KEY });
try {
  const result = {
    labelPurchase: { adapterRoundTrip: await throughAdapter(ep.url), serverRouteRoundTrip: await throughServer(ep.url) },
    trackingBlocks: { serverAllocation: await blockAllocation(), stationTakeNumber: await stationTakes() },
    note: 'contract server on loopback: carrier latency is not in these figures; a real carrier adds its own',
  };
  console.log(JSON.stringify(result, null, 2));
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/label-purchase.json', JSON.stringify(result, null, 2));
} finally {
  await ep.close();
}
