/**
 * `npm run bench`: runs every bench/*.bench.ts in turn (each prints its figures and writes
 * bench/results/<name>.json). `npm run bench -- cold-sync` runs the ones whose name matches.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';

mkdirSync('bench/results', { recursive: true });
const filter = process.argv[2];
const benches = readdirSync('bench')
  .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
  .sort();
let failed = 0;
for (const file of benches) {
  console.log(`\n=== ${file}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', `bench/${file}`], { stdio: 'inherit' });
  if (r.status !== 0) failed += 1;
}
console.log(`\n${benches.length - failed} benchmarks ran, ${failed} failed; figures in bench/results/`);
process.exit(failed ? 1 : 0);
