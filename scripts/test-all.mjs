// `npm test`: every test, the way CI runs them. Typecheck, lint, build; unit and integration
// tests on PGlite; the server's tests again on a real PostgreSQL; end-to-end in Chromium.
import { execSync, spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';

execSync('node scripts/bootstrap.mjs --tests', { stdio: 'inherit' });
mkdirSync('.cache/logs', { recursive: true });

const results = [];
/**
 * Runs one step; its output is printed whole when it ends, so steps running side by side never
 * interleave their lines. Meanwhile it goes to .cache/logs/<step>.log as it comes (a step that
 * hangs can be read there). Resolves to whether it passed.
 */
function step(name, cmd, env = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    const log = `.cache/logs/${name
      .replace(/[^a-z0-9]+/gi, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase()}.log`;
    writeFileSync(log, '');
    console.log(`=== ${name} started (its output so far: ${log})`);
    const child = spawn(cmd, { shell: '/bin/bash', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let out = '';
    const take = (d) => {
      out += d;
      appendFileSync(log, d);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('close', (code) => {
      const seconds = Math.round((Date.now() - started) / 1000);
      console.log(`\n=== ${name}: ${cmd} (${seconds}s)\n${out}`);
      results.push({ name, ok: code === 0, seconds });
      resolve(code === 0);
    });
  });
}
/** A command's stdout (for the PostgreSQL start script's exports), its stderr passed through. */
function outputOf(cmd, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, { shell: '/bin/bash', stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ ok: code === 0, out }));
  });
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

// Two lanes side by side, and the PostgreSQL pass after whichever ends first. Measured on the 2
// shared cores, one after another the steps used the machine only in part: end-to-end 0.93 of a
// core (it waits on pages and timers), the PGlite pass 1.46, the PostgreSQL pass 1.17. (Three
// lanes from the start took 515 s against 485 s for two: tsc and eslint then ran beside two test
// runs. The PostgreSQL pass in two halves, one at the end of each lane, took 427 s against 421 s:
// each half paid its own vitest start and template migration.)
// End-to-end is the longest lane, and much of it waits on timers and pages: the vitest passes run
// at a lower priority, so they take the CPU end-to-end leaves rather than hold it up. From a fresh
// clone, with the installs: 371-384 s with the PostgreSQL pass after end-to-end at equal priority,
// 350-376 s like this (end-to-end 259-282 s against 289-324 s; the machine is busy throughout).
// The lanes write to separate caches (.cache/e2e-processes, .cache/vitest-processes); the migrated
// PGlite template both use is written aside and renamed (database-templates.ts), and each vitest
// run has its own JSON report (the two vitest passes may run at the same time).
const BEHIND_END_TO_END = 'nice -n 10';
const endToEnd = (async () => {
  if (await step('build', 'npx electron-vite build')) {
    await step('end-to-end (Chromium)', 'npx playwright test --reporter=list,json', {
      PLAYWRIGHT_JSON_OUTPUT_NAME: '.cache/playwright.json',
    });
    countPlaywright('.cache/playwright.json');
  }
})();

const staticThenPglite = (async () => {
  // One checker thread: on 2 busy cores TypeScript 7's parallel checkers only add work (idle
  // machine: 8 s and 10 CPU-s single-threaded, 13 s and 25 CPU-s parallel; TypeScript 5.9 took
  // 29 s and 43 CPU-s).
  await Promise.all([step('typecheck', 'npm run typecheck -- --singleThreaded'), step('lint', 'npm run lint')]);
  // The multi-process test runs on PostgreSQL whichever pass runs it: once, in the PostgreSQL pass.
  await step(
    'unit and integration (PGlite)',
    `${BEHIND_END_TO_END} npx vitest run --exclude src/server/testing/multi-process.test.ts --reporter=default --reporter=json --outputFile.json=.cache/vitest-pglite.json`,
  );
  countVitest('.cache/vitest-pglite.json');
})();

const postgres = (async () => {
  await Promise.race([endToEnd, staticThenPglite]);
  // The server on PostgreSQL: a throwaway cluster from Debian's packages.
  const pg = await outputOf('bash scripts/start-test-postgres.sh');
  if (!pg.ok) {
    results.push({ name: 'server on PostgreSQL', ok: false, seconds: 0 });
    console.error('Could not start PostgreSQL for the server tests');
    return;
  }
  const env = Object.fromEntries(
    pg.out
      .split('\n')
      .map((l) => /^export (\w+)=(.*)$/.exec(l))
      .filter(Boolean)
      .map((m) => [m[1], m[2].replace(/^['"]|['"]$/g, '')]),
  );
  // Two workers: it runs beside the PGlite pass now (four, right when it ran alone at the end,
  // cost each worker's imports again: 31 s of transform and import against 14 s with two).
  await step(
    'server on PostgreSQL',
    `${BEHIND_END_TO_END} npx vitest run src/server --reporter=default --reporter=json --outputFile.json=.cache/vitest-postgres.json`,
    env,
  );
  countVitest('.cache/vitest-postgres.json');
  await outputOf('bash scripts/stop-test-postgres.sh', env);
})();

await Promise.all([endToEnd, staticThenPglite, postgres]);

console.log('\n=== summary');
for (const f of failures) console.log(`failed: ${f}`);
for (const f of flakes) console.log(`passed only on its retry: ${f}`);
for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.seconds}s)`);
console.log(
  `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped${counts.flaky ? `, ${counts.flaky} passed only on a retry (flaky)` : ''}`,
);
process.exit(results.every((r) => r.ok) && counts.failed === 0 ? 0 : 1);
