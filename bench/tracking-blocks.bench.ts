/**
 * Tracking-number blocks: how long the server takes to hand a station a block (HTTP round trip,
 * row lock, counter, block row), one station at a time and eight stations at once; and how fast a
 * station takes numbers from its block (each position fsynced before the number is used).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { openTrackingBlockStore } from '../src/main/carriers/tracking-block-store';
import { tempDataDir } from '../src/main/printing/testing/fixtures';
import { call, startServer } from './server-kit';

const quantile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

async function serverBlocks() {
  const server = await startServer('pglite', null);
  try {
    const wh = await call(server.url, 'POST', '/v1/warehouses', { code: 'BENCH-1', name: 'Bench', priority: 1 });
    const account = await call(server.url, 'POST', '/v1/carrier-accounts', {
      warehouseId: wh.body.id,
      carrier: 'ups',
      accountNumber: 'BEN001',
      name: 'UPS Bench',
      labelFormat: 'zpl',
      services: [{ code: '03', name: 'UPS Ground' }],
      blockSize: 500,
      lowWater: 100,
    });
    const stations: string[] = [];
    for (let i = 0; i < 8; i++) {
      const st = await call(server.url, 'POST', '/v1/stations', { name: `Bench ${i}`, warehouseId: wh.body.id });
      const enrolled = await call(server.url, 'POST', '/v1/stations/enroll', { code: st.body.enrollmentCode }, null);
      stations.push(enrolled.body.credential);
    }
    const ask = (token: string) => call(server.url, 'POST', '/v1/sync/tracking-blocks', { accountId: account.body.id }, token);
    await ask(stations[0]!); // warm-up
    const one: number[] = [];
    for (let i = 0; i < 100; i++) one.push((await ask(stations[0]!)).ms);
    one.sort((a, b) => a - b);
    const started = performance.now();
    const many = await Promise.all(Array.from({ length: 200 }, (_, i) => ask(stations[i % 8]!)));
    const seconds = (performance.now() - started) / 1000;
    if (many.some((r) => r.status !== 201)) throw new Error('a block was refused');
    const firsts = new Set(many.map((r) => r.body.firstSerial));
    if (firsts.size !== many.length) throw new Error('two blocks overlapped');
    return { sequentialP50Ms: quantile(one, 0.5), sequentialP95Ms: quantile(one, 0.95), concurrentBlocksPerSecond: many.length / seconds };
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
  times.sort((a, b) => a - b);
  return { takeP50Ms: quantile(times, 0.5), takeP95Ms: quantile(times, 0.95) };
}

const result = { server: await serverBlocks(), station: await stationTakes() };
console.log(JSON.stringify(result, null, 2));
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/tracking-blocks.json', JSON.stringify(result, null, 2));
