// `npm test`: every test, the way CI runs them. Typecheck, lint, build; unit and integration
// tests on PGlite; the server's tests again on a real PostgreSQL; end-to-end in Chromium.
import { execSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

execSync('node scripts/bootstrap.mjs --tests', { stdio: 'inherit' });
mkdirSync('.cache', { recursive: true });

const results = [];
function step(name, cmd, env = {}) {
  console.log(`\n=== ${name}: ${cmd}`);
  const started = Date.now();
  const r = spawnSync(cmd, { stdio: 'inherit', shell: '/bin/bash', env: { ...process.env, ...env } });
  results.push({ name, ok: r.status === 0, seconds: Math.round((Date.now() - started) / 1000) });
  return r.status === 0;
}
// Steps that neither read nor write each other's output run side by side (tsc and eslint are
// single-threaded; the machine has two cores). Each step's output is printed whole when it ends.
async function concurrentSteps(steps) {
  const runs = steps.map(
    ([name, cmd]) =>
      new Promise((resolve) => {
        const started = Date.now();
        const child = spawn(cmd, { shell: '/bin/bash', stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (out += d));
        child.on('close', (code) => {
          console.log(`\n=== ${name}: ${cmd}\n${out}`);
          resolve({ name, ok: code === 0, seconds: Math.round((Date.now() - started) / 1000) });
        });
      }),
  );
  results.push(...(await Promise.all(runs)));
}
const counts = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
const flakes = [];
function firstLines(messages) {
  const text = (messages ?? [])
    .filter(Boolean)
    .join('\n')
    .replace(/\x1b\[[0-9;]*m/g, '');
  return text
    .split('\n')
    .filter((l) => l.trim())
    .slice(0, 6)
    .join('\n      ');
}
function countVitest(file) {
  try {
    const j = JSON.parse(readFileSync(file, 'utf8'));
    counts.passed += j.numPassedTests;
    counts.failed += j.numFailedTests;
    counts.skipped += j.numPendingTests + (j.numTodoTests ?? 0);
    // CI keeps only the tail of the output: the summary names each failure and its first lines.
    for (const file of j.testResults ?? []) {
      for (const t of file.assertionResults ?? []) {
        if (t.status === 'failed')
          failures.push(`${file.name.replace(process.cwd() + '/', '')} › ${t.fullName}\n      ${firstLines(t.failureMessages)}`);
      }
      if (file.status === 'failed' && !(file.assertionResults ?? []).some((t) => t.status === 'failed')) {
        failures.push(`${file.name.replace(process.cwd() + '/', '')} (file failed)\n      ${firstLines([file.message])}`);
      }
    }
  } catch {
    counts.failed += 1;
  }
}
function countPlaywright(file) {
  try {
    const j = JSON.parse(readFileSync(file, 'utf8'));
    counts.passed += j.stats.expected;
    // A test that passed only on its retry (only specs that ask for one retry) is counted and named, not failed.
    counts.failed += j.stats.unexpected;
    counts.passed += j.stats.flaky;
    counts.flaky = (counts.flaky ?? 0) + j.stats.flaky;
    counts.skipped += j.stats.skipped;
    const walk = (suite, path) => {
      for (const spec of suite.specs ?? []) {
        for (const t of spec.tests ?? []) {
          if (t.status === 'unexpected') {
            const last = t.results?.[t.results.length - 1];
            failures.push(`${spec.file}:${spec.line} › ${[...path, spec.title].join(' › ')}\n      ${firstLines([last?.error?.message])}`);
          } else if (t.status === 'flaky') flakes.push(`${spec.file}:${spec.line} › ${spec.title}`);
        }
      }
      for (const s of suite.suites ?? []) walk(s, s.title && !s.title.endsWith('.ts') ? [...path, s.title] : path);
    };
    for (const s of j.suites ?? []) walk(s, []);
  } catch {
    counts.failed += 1;
  }
}

await concurrentSteps([
  ['typecheck', 'npx tsc -b'],
  ['lint', 'npm run lint'],
  ['build', 'npx electron-vite build'],
]);
// The multi-process test runs on PostgreSQL whichever pass runs it: once, in the PostgreSQL pass.
step(
  'unit and integration (PGlite)',
  'npx vitest run --exclude src/server/testing/multi-process.test.ts --reporter=default --reporter=json --outputFile.json=.cache/vitest-pglite.json',
);
countVitest('.cache/vitest-pglite.json');

// The server on PostgreSQL: a throwaway cluster from Debian's packages.
const pg = spawnSync('bash', ['scripts/start-test-postgres.sh'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
if (pg.status === 0) {
  const env = Object.fromEntries(
    pg.stdout
      .split('\n')
      .map((l) => /^export (\w+)=(.*)$/.exec(l))
      .filter(Boolean)
      .map((m) => [m[1], m[2].replace(/^['"]|['"]$/g, '')]),
  );
  step(
    'server on PostgreSQL',
    'npx vitest run src/server --reporter=default --reporter=json --outputFile.json=.cache/vitest-postgres.json',
    env,
  );
  countVitest('.cache/vitest-postgres.json');
  spawnSync('bash', ['scripts/stop-test-postgres.sh'], { stdio: 'inherit', env: { ...process.env, ...env } });
} else {
  results.push({ name: 'server on PostgreSQL', ok: false, seconds: 0 });
  console.error('Could not start PostgreSQL for the server tests');
}

step('end-to-end (Chromium)', 'npx playwright test --reporter=list,json', { PLAYWRIGHT_JSON_OUTPUT_NAME: '.cache/playwright.json' });
countPlaywright('.cache/playwright.json');

console.log('\n=== summary');
for (const f of failures) console.log(`failed: ${f}`);
for (const f of flakes) console.log(`passed only on its retry: ${f}`);
for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.seconds}s)`);
console.log(
  `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped${counts.flaky ? `, ${counts.flaky} passed only on a retry (flaky)` : ''}`,
);
process.exit(results.every((r) => r.ok) && counts.failed === 0 ? 0 : 1);
