/**
 * State main keeps and pushes on every change (carriers, say), mirrored here from a snapshot call
 * and the pushes. On the station host the call and the pushes travel on different connections, so
 * the call's answer can land after a newer push: it is applied only if no push came while it was
 * in flight (every change is pushed, so a push is at least as new as the answer).
 */
export function pushedState<T>(apply: (value: T) => void) {
  let pushes = 0;
  return {
    pushed(value: T): void {
      pushes++;
      apply(value);
    },
    async fetched(call: () => Promise<T>): Promise<void> {
      const seen = pushes;
      const value = await call();
      if (pushes === seen) apply(value);
    },
  };
}
