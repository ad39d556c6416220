/**
 * How many of a batch's events are decided between two turns of the event loop. A server applies
 * every push in one event loop: deciding one push's 500 events in one go took 0.1-1.6 s on loaded
 * cores, and meanwhile a push holding the revision lock could not send its next statement, so
 * every push behind that lock waited too (issue 9's storm, sampled from pg_stat_activity). Other
 * requests (pulls, the live stream's heartbeats) wait no longer than a turn either.
 */
export const DECIDED_PER_TURN = 50;

/** Runs `decide` on each item in order, letting the event loop turn after every `perTurn` of them. */
export async function decideInTurns<T>(
  items: readonly T[],
  decide: (item: T) => void | Promise<void>,
  perTurn = DECIDED_PER_TURN,
): Promise<void> {
  for (const [i, item] of items.entries()) {
    if (i > 0 && i % perTurn === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    await decide(item);
  }
}
