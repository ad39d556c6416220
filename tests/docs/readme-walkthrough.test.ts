import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, TEST_ADMIN_TOKEN, type TestServer } from '../../src/server/testing/test-server';

/** The README's curl walk-through, run exactly as written against a fresh server. */
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ databaseUrl: null });
});
afterAll(() => t.close());

it('runs as written and shows what the README says it shows', async () => {
  const readme = readFileSync('README.md', 'utf8');
  const block = /<!-- walkthrough:start -->\n```bash\n([\s\S]*?)```\n<!-- walkthrough:end -->/.exec(readme);
  expect(block, 'README has a walk-through block').not.toBeNull();
  // Async: the server answering these requests runs in this same process.
  const run = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', block![1]!], {
    env: { ...process.env, SERVER: t.url, ADMIN_KEY: TEST_ADMIN_TOKEN },
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(run.stderr).toBe('');
  const out = run.stdout;
  expect(out).toContain('{"sku":"MUG-1","onHand":25,"available":25}');
  expect(out).toMatch(
    /"number":"ORD-\d{8}-00001","status":"pending","paymentStatus":"pending","totals":\{"subtotalMinor":3000,"taxMinor":240,"totalMinor":3740\}/,
  );
  expect(out).toContain('{"status":"shipped","fulfillmentStatus":"fulfilled"}');
  expect(out).toContain('{"status":"completed"}');
  // One mug back at the frozen price with its tax, no shipping: 1500 + 8%.
  expect(out).toContain('{"status":"requested","amountMinor":1620,"currency":"USD"}');
  expect(out).toContain('"code":"order_transition_forbidden"');
});
