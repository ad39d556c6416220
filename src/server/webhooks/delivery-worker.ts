import { backoffDelayMs } from '../../shared/domain/backoff';
import { startQueueWorker, type ErrorLog, type QueueWorker } from '../background/queue-worker';
import type { Database, Queryable } from '../db/database';
import { toInt, toIso } from '../db/database';
import { openSecret } from './secret-box';
import { SIGNATURE_HEADER, signPayload } from './signing';
import {
  claimDeliveries,
  deliveryView,
  failDelivery,
  recordDeliveryAttempt,
  type AttemptLogEntry,
  type ClaimedDelivery,
  type DeliveryView,
} from './webhook-store';

export const WEBHOOK_CHANNEL = 'dockside_webhooks';

export interface WebhookSettings {
  /** First retry after this long; each further retry waits twice as long (plus up to 10% jitter). */
  retryBaseMs: number;
  retryMaxMs: number;
  maxAttempts: number;
  timeoutMs: number;
  /** How often due retries are looked for; new events wake the worker at once through NOTIFY. */
  pollMs: number;
  batchSize: number;
  /** How long a worker holds a delivery it took; past it another process may take it. */
  leaseMs: number;
  /** DOCKSIDE_SECRET_KEY: opens sealed signing secrets (secret-box.ts). */
  secretKey: string | null;
}

/** Delay before attempt `attempt + 1`, after `attempt` failures: the one backoff, plus 0-10% jitter. */
export function backoffMs(attempt: number, settings: Pick<WebhookSettings, 'retryBaseMs' | 'retryMaxMs'>, random = Math.random): number {
  return backoffDelayMs(attempt, { baseMs: settings.retryBaseMs, maxMs: settings.retryMaxMs, spread: [1, 1.1] }, random);
}

/** The JSON a receiver gets for a timeline event. `id` is stable across retries: dedupe on it. */
export function eventPayload(e: Record<string, unknown>, names: string[]) {
  const recordedAt = toIso(e.recorded_at);
  return {
    id: e.id as string,
    type: e.type as string,
    names,
    position: toInt(e.position),
    orderId: (e.order_id as string | null) ?? null,
    fulfillmentOrderId: (e.fulfillment_order_id as string | null) ?? null,
    correlationId: e.id as string,
    timestamp: recordedAt,
    occurredAt: toIso(e.occurred_at),
    recordedAt,
    actor: e.actor,
    stationId: (e.station_id as string | null) ?? null,
    entityIds: e.entity_ids,
    outcome: e.outcome as string,
    data: e.payload,
  };
}

/** Sends one delivery and records the attempt. Returns the updated delivery. */
async function attempt(
  db: Queryable,
  row: ClaimedDelivery,
  body: string,
  eventName: string,
  settings: WebhookSettings,
): Promise<DeliveryView> {
  const attemptNo = row.attempts + 1;
  const startedAt = new Date();
  let statusCode: number | null = null;
  let error: string | null = null;
  let snippet: string | null = null;
  try {
    const secret = openSecret(row.secret, settings.secretKey);
    const t = Math.floor(startedAt.getTime() / 1000);
    const res = await fetch(row.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Dockside-Webhooks/1',
        [SIGNATURE_HEADER]: signPayload(secret, body, t),
        'dockside-webhook-id': row.webhook_id,
        'dockside-delivery': row.id,
        'dockside-event': eventName,
        'dockside-event-id': row.event_id ?? row.id,
        'dockside-attempt': String(attemptNo),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
    statusCode = res.status;
    snippet = (await res.text().catch(() => '')).slice(0, 500) || null;
    if (res.status < 200 || res.status >= 300) error = `receiver answered HTTP ${res.status}`;
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    error =
      e.name === 'TimeoutError'
        ? `no answer within ${settings.timeoutMs} ms`
        : `${e.cause?.code ?? e.name}: ${e.cause?.message ?? e.message}`;
  }
  const durationMs = Date.now() - startedAt.getTime();
  const ok = error === null;
  const final = ok || attemptNo >= (row.max_attempts ?? settings.maxAttempts);
  const nextAttemptAt = final ? null : new Date(Date.now() + backoffMs(attemptNo, settings)).toISOString();
  const entry: AttemptLogEntry = {
    attempt: attemptNo,
    at: startedAt.toISOString(),
    durationMs,
    statusCode,
    error,
    responseSnippet: snippet,
    nextAttemptAt,
  };
  const updated = await recordDeliveryAttempt(db, row.id, {
    attempts: attemptNo,
    status: ok ? 'succeeded' : final ? 'failed' : 'pending',
    nextAttemptAt,
    attemptedAt: startedAt.toISOString(),
    statusCode,
    error,
    entry,
  });
  // The webhook may have been deleted meanwhile; then there is nothing left to record.
  return updated
    ? deliveryView(updated)
    : deliveryView({ ...row, attempts: attemptNo, status: 'failed', attempt_log: [...row.attempt_log, entry] });
}

async function giveUp(db: Queryable, row: ClaimedDelivery, error: string): Promise<DeliveryView> {
  const updated = await failDelivery(db, row.id, error);
  return deliveryView(updated ?? { ...row, status: 'failed', last_error: error });
}

async function sendClaimed(db: Database, rows: ClaimedDelivery[], settings: WebhookSettings): Promise<DeliveryView[]> {
  const eventIds = rows.map((r) => r.event_id).filter((id): id is string => id !== null);
  const events = new Map<string, { row: Record<string, unknown>; names: string[] }>();
  if (eventIds.length) {
    const found = await db.query<Record<string, unknown> & { names: string[] }>(
      'select e.*, dockside_webhook_event_names(e.type, e.payload) as names from timeline_events e where e.id = any($1::uuid[])',
      [eventIds],
    );
    for (const e of found) events.set(e.id as string, { row: e, names: e.names });
  }
  return Promise.all(
    rows.map((row) => {
      let body: string;
      let name = row.event_type;
      if (row.event_id) {
        const e = events.get(row.event_id);
        if (!e) return giveUp(db, row, 'the timeline event of this delivery no longer exists');
        const payload = eventPayload(e.row, e.names);
        name = e.names.find((n) => n.startsWith('order.') && n !== 'order.status.changed') ?? e.names[1] ?? row.event_type;
        body = JSON.stringify({ ...payload, webhookId: row.webhook_id, deliveryId: row.id });
      } else {
        body = JSON.stringify({ ...(row.payload ?? {}), webhookId: row.webhook_id, deliveryId: row.id });
      }
      return attempt(db, row, body, name, settings);
    }),
  );
}

/** Sends one delivery now (the test endpoint). */
export async function deliverNow(db: Database, deliveryId: string, settings: WebhookSettings): Promise<DeliveryView | null> {
  const rows = await claimDeliveries(db, settings.leaseMs, { onlyId: deliveryId });
  if (!rows.length) return null;
  const [view] = await sendClaimed(db, rows, settings);
  return view ?? null;
}

/**
 * The delivery queue of one server process: woken by NOTIFY when the timeline trigger enqueues
 * deliveries, and every pollMs for retries that came due.
 */
export function startWebhookWorker(db: Database, settings: WebhookSettings, log: ErrorLog): QueueWorker {
  return startQueueWorker<ClaimedDelivery>(db, {
    log,
    name: 'webhook deliveries',
    channel: WEBHOOK_CHANNEL,
    pollMs: settings.pollMs,
    claim: (d) => claimDeliveries(d, settings.leaseMs, { batchSize: settings.batchSize }),
    handle: async (d, rows) => void (await sendClaimed(d, rows, settings)),
  });
}
export type WebhookWorker = QueueWorker;
