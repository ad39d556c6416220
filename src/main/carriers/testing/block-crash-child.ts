import { openTrackingBlockStore } from '../tracking-block-store';

/**
 * Run as a child process by tracking-block-store.test.ts, which kills it with SIGKILL: takes
 * serials of one account as fast as it can and prints each on its own line once it is handed out.
 */
const [dataDir, accountId] = process.argv.slice(2);
const store = await openTrackingBlockStore(dataDir!);
for (;;) {
  const serial = await store.take(accountId!);
  if (serial === null) break;
  process.stdout.write(`${serial}\n`);
}
process.stdout.write('empty\n');
setInterval(() => undefined, 60_000);
