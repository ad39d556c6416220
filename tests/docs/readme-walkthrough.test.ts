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
  // A quoted edit: 3.00 off two mugs at 8% is 3.24 off, applied once.
  expect(out).toContain('{"status":"open","differenceMinor":-324,"taxDifferenceMinor":-24,"newTotal":3416,"toPayMinor":3416}');
  expect(out).toContain('{"quote":"applied","lines":[{"sku":"MUG-1","quantity":2,"discountMinor":300}],"totalMinor":3416}');
  expect(out).toContain('{"status":409,"code":"quote_already_applied"}');
  // The invoice bills the edited order; its PDF shows the line with its tax, and the total.
  expect(out).toMatch(/"number":"INV-\d{4}-000001","taxMinor":216,"totalMinor":3416/);
  expect(out).toContain('2 Enamel mug (MUG-1) 15.00 8% 2.16 29.16');
  expect(out).toMatch(/Total due 34\.16/);
  expect(out).toContain('{"status":"shipped","fulfillmentStatus":"fulfilled"}');
  expect(out).toContain('{"status":"completed"}');
  // One mug back at the frozen price less its share of the discount, with its tax, no shipping: (1500 - 150) + 8%.
  expect(out).toContain('{"status":"requested","amountMinor":1458,"currency":"USD"}');
  expect(out).toContain('"code":"order_transition_forbidden"');
}, 120_000);
