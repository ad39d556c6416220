/**
 * Labels per second through the whole print path to a raw TCP printer: render, allocate an SSCC
 * (fsynced), persist the job and its bytes, send, wait for the printer to take it, mark printed.
 * Once one label at a time (a packer at a station), once with many in flight (a batch).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createPrintService } from '../src/main/printing/print-service';
import { testSsccAllocator } from '../src/main/printing/testing/sscc-blocks';
import { shippingData, stationSettings, tcpPrinter, tempDataDir } from '../src/main/printing/testing/fixtures';
import { startVirtualPrinter } from '../src/main/printing/testing/virtual-printer';

interface Run {
  mode: 'sequential' | 'concurrent';
  labels: number;
  seconds: number;
  labelsPerSecond: number;
  p50Ms?: number;
  p95Ms?: number;
}

async function run(mode: Run['mode'], labels: number): Promise<Run> {
  const printer = await startVirtualPrinter();
  const zebra = tcpPrinter(printer.port);
  const settings = stationSettings([zebra], { 'shipping-label': zebra.id });
  const dataDir = await tempDataDir();
  const service = await createPrintService({ dataDir, getSettings: () => settings, sscc: await testSsccAllocator(dataDir) });
  try {
    await service.print({ template: 'shipping-label', data: shippingData() }); // warm-up
    const latencies: number[] = [];
    const start = performance.now();
    if (mode === 'sequential') {
      for (let i = 0; i < labels; i++) {
        const t = performance.now();
        const job = await service.print({ template: 'shipping-label', data: shippingData() });
        if (job.state !== 'printed') throw new Error(`label ${i} ended ${job.state}: ${job.lastError}`);
        latencies.push(performance.now() - t);
      }
    } else {
      const jobs = await Promise.all(
        Array.from({ length: labels }, () => service.print({ template: 'shipping-label', data: shippingData() })),
      );
      const unprinted = jobs.filter((j) => j.state !== 'printed');
      if (unprinted.length) throw new Error(`${unprinted.length} labels not printed`);
    }
    const seconds = (performance.now() - start) / 1000;
    await printer.waitForJobs(labels + 1);
    latencies.sort((a, b) => a - b);
    const q = (p: number) => latencies[Math.floor(p * latencies.length)];
    return { mode, labels, seconds, labelsPerSecond: labels / seconds, p50Ms: q(0.5), p95Ms: q(0.95) };
  } finally {
    await service.close();
    await printer.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const runs = [await run('sequential', 300), await run('concurrent', 300)];
for (const r of runs) {
  const latency = r.p50Ms !== undefined ? `  latency p50 ${r.p50Ms.toFixed(2)} ms, p95 ${r.p95Ms!.toFixed(2)} ms` : '';
  console.log(
    `${r.mode.padEnd(10)} ${r.labels} shipping labels in ${r.seconds.toFixed(2)} s: ${r.labelsPerSecond.toFixed(1)} labels/s${latency}`,
  );
}
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/print-queue.json',
  JSON.stringify({ name: 'print-queue', node: process.version, at: new Date().toISOString(), runs }, null, 2),
);
