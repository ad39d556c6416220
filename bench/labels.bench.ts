/**
 * Render time per label for each output (ZPL, PDF, ESC/POS), per template, from the layout
 * description to printable bytes. Targets: ZPL <= 1 ms, a 4x6 PDF with two barcodes <= 25 ms.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { buildLabel } from '../src/shared/labels/build-label';
import { renderZpl } from '../src/shared/labels/zpl/render-zpl';
import { renderEscpos } from '../src/main/printing/render/render-escpos';
import { renderPdf } from '../src/documents/render-pdf';
import { BENCH_CONTEXT, BENCH_REQUESTS } from './labels-fixtures';

interface Figure {
  template: string;
  output: 'zpl-203' | 'zpl-300' | 'pdf' | 'escpos';
  iterations: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  bytes: number;
}

async function measure(
  run: () => Promise<number> | number,
  minMs: number,
  maxIterations: number,
): Promise<Omit<Figure, 'template' | 'output'>> {
  for (let i = 0; i < 20; i++) await run(); // warm up the JIT, fonts and bwip-js
  const samples: number[] = [];
  let bytes = 0;
  const start = performance.now();
  while (samples.length < maxIterations && (performance.now() - start < minMs || samples.length < 50)) {
    const t = performance.now();
    bytes = await run();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const pick = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return {
    iterations: samples.length,
    meanMs: samples.reduce((a, b) => a + b, 0) / samples.length,
    p50Ms: pick(0.5),
    p95Ms: pick(0.95),
    bytes,
  };
}

const figures: Figure[] = [];
for (const [template, request] of Object.entries(BENCH_REQUESTS)) {
  const outputs: [Figure['output'], () => Promise<number> | number][] = [
    ['zpl-203', () => renderZpl(buildLabel(request, BENCH_CONTEXT), 203).length],
    ['zpl-300', () => renderZpl(buildLabel(request, BENCH_CONTEXT), 300).length],
    ['pdf', async () => (await renderPdf(buildLabel(request, BENCH_CONTEXT, '4x6'), { dpi: 203 })).length],
    ['escpos', async () => (await renderEscpos(buildLabel(request, BENCH_CONTEXT, '4x6'))).length],
  ];
  for (const [output, run] of outputs) {
    const f = { template, output, ...(await measure(run, 400, 5000)) };
    figures.push(f);
    console.log(
      `${template.padEnd(28)} ${output.padEnd(8)} mean ${f.meanMs.toFixed(3).padStart(7)} ms  p50 ${f.p50Ms.toFixed(3).padStart(7)}  p95 ${f.p95Ms.toFixed(3).padStart(7)}  (${f.iterations} runs, ${f.bytes} bytes)`,
    );
  }
}

const zplWorst = Math.max(
  ...figures
    .filter((f) => f.output.startsWith('zpl') && !f.template.startsWith('pick') && !f.template.startsWith('packing'))
    .map((f) => f.p50Ms),
);
const pdfTwoBarcodes = figures.find((f) => f.template === 'shipping-label (2 barcodes)' && f.output === 'pdf')!;
const targets = {
  zplLabelP50MsWorst: { value: zplWorst, target: 1, met: zplWorst <= 1 },
  pdf4x6TwoBarcodesP50Ms: { value: pdfTwoBarcodes.p50Ms, target: 25, met: pdfTwoBarcodes.p50Ms <= 25 },
};
console.log(
  `\nZPL label (worst template, p50): ${zplWorst.toFixed(3)} ms (target <= 1 ms: ${targets.zplLabelP50MsWorst.met ? 'met' : 'MISSED'})`,
);
console.log(
  `4x6 PDF with two barcodes (p50): ${pdfTwoBarcodes.p50Ms.toFixed(2)} ms (target <= 25 ms: ${targets.pdf4x6TwoBarcodesP50Ms.met ? 'met' : 'MISSED'})`,
);

mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/labels.json',
  JSON.stringify({ name: 'labels', node: process.version, at: new Date().toISOString(), targets, figures }, null, 2),
);
