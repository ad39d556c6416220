/**
 * How many of a batch's events are decided between two turns of the event loop. A server applies
 * every push in one event loop, and a push holding the revision lock waits for it to send its next
 * statement: deciding a 500-event batch in one go held that lock (and every push behind it) for
 * 0.1-1.6 s on loaded cores (issue 9's storm, sampled from pg_stat_activity).
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
