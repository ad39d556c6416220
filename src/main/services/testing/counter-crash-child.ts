import { openReservingCounter } from '../reserving-counter';

/**
 * Run as a child process by reserving-counter.test.ts, which kills it with SIGKILL: takes blocks
 * from a counter as fast as it can and prints the last value of each once it has it.
 */
const [path, reserveAhead] = process.argv.slice(2);
const counter = await openReservingCounter(path!, { reserveAhead: Number(reserveAhead) });
for (;;) {
  const block = await counter.take(3);
  process.stdout.write(`${block.last}\n`);
}
