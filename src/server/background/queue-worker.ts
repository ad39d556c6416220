import { singleFlight } from '../../shared/async/single-flight';
import type { Database } from '../db/database';

/**
 * One engine for every kind of background work (after Vendure's polling job queue): a queue
 * claims due items with a row lock and a lease (`for update skip locked`, so several server
 * processes share the work and a dead process's items come back when the lease runs out),
 * handles them, and is woken by NOTIFY on its channel or every `pollMs`. Runs are single-flight:
 * a wake-up during a run means one more run. `stop()` lets the current item finish.
 */
export interface QueueDefinition<T> {
  /** For logs: what this queue does. */
  name: string;
  /** NOTIFY channel that wakes the queue when work is added; null: polling only. */
  channel: string | null;
  pollMs: number;
  /** Takes the next due items under a lease; an empty list ends the run. */
  claim(db: Database): Promise<T[]>;
  /** Handles what was claimed. `stopping()` turns true when the server shuts down. */
  handle(db: Database, items: T[], stopping: () => boolean): Promise<void>;
  log: ErrorLog;
}

/** Where background work reports a failure: the server's logger (a JSON line with the error and its stack). */
export interface ErrorLog {
  error(details: { err: unknown } & Record<string, unknown>, message: string): void;
}

export interface QueueWorker {
  ready: Promise<void>;
  /** Looks for work now. */
  kick(): void;
  stop(): Promise<void>;
}

export function startQueueWorker<T>(db: Database, queue: QueueDefinition<T>): QueueWorker {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let unlisten: (() => Promise<void>) | null = null;
  const stopping = () => stopped;
  const run = singleFlight(
    async () => {
      for (;;) {
        if (stopped) return;
        const items = await queue.claim(db);
        if (!items.length) return;
        await queue.handle(db, items, stopping);
      }
    },
    (err) => {
      if (!stopped) queue.log.error({ err, queue: queue.name }, `${queue.name} failed; it runs again shortly`);
    },
  );
  const kick = () => {
    if (!stopped) void run();
  };

  const ready = (async () => {
    if (queue.channel) unlisten = await db.listen(queue.channel, kick);
    if (stopped) return;
    timer = setInterval(kick, queue.pollMs);
    timer.unref();
    kick();
  })();

  return {
    ready,
    kick,
    async stop() {
      stopped = true;
      await ready.catch(() => {});
      if (timer) clearInterval(timer);
      await run.idle();
      await unlisten?.();
    },
  };
}
