import { sql } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../../shared/events/station-events';
import { WEBHOOK_EVENT_NAMES } from '../../shared/events/timeline-event-types';
import { randomSecret } from '../auth/secrets';
import type { Queryable } from '../db/database';
import { qb, runQuery } from '../db/query-builder';
import type { Row } from '../db/schema';
import { toInt, toIso } from '../db/database';
import { problems } from '../http/problem';
import { sealSecret } from './secret-box';

/** Names a webhook can subscribe to. Any timeline type works too (and its dotted form); '*' is everything. */
export const KNOWN_WEBHOOK_EVENTS = [
  'order.created',
  'order.confirmed',
  'order.processing',
  'order.partially_shipped',
  'order.shipped',
  'order.delivered',
  'order.completed',
  'order.on_hold',
  'order.cancelled',
  'order.refunded',
  'order.status.changed',
  'fulfillment.order.created',
  'line.backordered',
  'fulfillment.order.claimed',
  'item.verified',
  'package.created',
  'label.printed',
  'package.shipped',
  'return.created',
] as const;

const EventName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine((n) => n === '*' || WEBHOOK_EVENT_NAMES.has(n) || (KNOWN_WEBHOOK_EVENTS as readonly string[]).includes(n), {
    error: (i) =>
      `${JSON.stringify(i.input)} is not an event Dockside publishes (for example order.shipped, package-shipped, or * for all)`,
  });

/** A URL that parses, with a host, over http(s); `new URL` alone throws on some of what zod's url() lets through. */
const WebhookUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((u) => {
    try {
      const url = new URL(u);
      return /^https?:$/.test(url.protocol) && url.hostname.length > 0;
    } catch {
      return false;
    }
  }, 'a webhook URL is an absolute http or https URL with a host, like https://example.com/hooks/dockside');

export const CreateWebhookRequest = z.object({
  url: WebhookUrl,
  events: z
    .array(EventName)
    .min(1)
    .max(100)
    .transform((e) => [...new Set(e)]),
  /** Your own signing secret; one is generated (and shown once) when omitted. */
  secret: z.string().min(16, 'a signing secret has at least 16 characters').max(200).optional(),
  description: z.string().trim().max(500).optional(),
  active: z.boolean().default(true),
});

export const UpdateWebhookRequest = z
  .object({
    url: WebhookUrl.optional(),
    events: z
      .array(EventName)
      .min(1)
      .max(100)
      .transform((e) => [...new Set(e)])
      .optional(),
    secret: z.string().min(16).max(200).optional(),
    description: z.string().trim().max(500).nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict();

export interface WebhookView {
  id: string;
  url: string;
  events: string[];
  description: string | null;
  active: boolean;
  /** The last characters of the secret, to tell secrets apart. */
  secretHint: string;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookRow {
  id: string;
  url: string;
  events: string[];
  secret: string;
  secret_hint: string;
  description: string | null;
  active: boolean;
  created_at: unknown;
  updated_at: unknown;
}

function view(r: WebhookRow): WebhookView {
  return {
    id: r.id,
    url: r.url,
    events: r.events,
    description: r.description,
    active: r.active,
    secretHint: r.secret_hint,
    createdAt: toIso(r.created_at),
    updatedAt: toIso(r.updated_at),
  };
}

const hint = (secret: string) => `…${secret.slice(-4)}`;

/** Registers a webhook. The secret is returned here once; afterwards only its hint. */
export async function createWebhook(
  db: Queryable,
  actor: Actor,
  input: z.output<typeof CreateWebhookRequest>,
  secretKey: string | null,
): Promise<WebhookView & { secret: string }> {
  const secret = input.secret ?? `whsec_${randomSecret(32)}`;
  const [row] = await db.query<WebhookRow>(
    `insert into webhooks (id, url, events, secret, secret_hint, description, active, created_by) values ($1,$2,$3,$4,$5,$6,$7,$8) returning *`,
    [
      crypto.randomUUID(),
      input.url,
      input.events,
      sealSecret(secret, secretKey),
      hint(secret),
      input.description ?? null,
      input.active,
      JSON.stringify(actor),
    ],
  );
  return { ...view(row!), secret };
}

export async function listWebhooks(db: Queryable): Promise<WebhookView[]> {
  return (await db.query<WebhookRow>('select * from webhooks order by created_at, id')).map(view);
}

export async function loadWebhook(db: Queryable, id: string): Promise<WebhookRow> {
  const [row] = await db.query<WebhookRow>('select * from webhooks where id = $1', [id]);
  if (!row) throw problems.notFound(`webhook ${id}`);
  return row;
}

export async function getWebhook(db: Queryable, id: string): Promise<WebhookView> {
  return view(await loadWebhook(db, id));
}

export async function updateWebhook(
  db: Queryable,
  id: string,
  input: z.output<typeof UpdateWebhookRequest>,
  secretKey: string | null,
): Promise<WebhookView> {
  const cur = await loadWebhook(db, id);
  const [row] = await db.query<WebhookRow>(
    `update webhooks set url = $2, events = $3, description = $4, active = $5, secret = $6, secret_hint = $7, updated_at = now() where id = $1 returning *`,
    [
      id,
      input.url ?? cur.url,
      input.events ?? cur.events,
      input.description === undefined ? cur.description : input.description,
      input.active ?? cur.active,
      input.secret ? sealSecret(input.secret, secretKey) : cur.secret,
      input.secret ? hint(input.secret) : cur.secret_hint,
    ],
  );
  return view(row!);
}

/** Deletes the webhook, its pending deliveries and its delivery log. */
export async function deleteWebhook(db: Queryable, id: string): Promise<void> {
  const rows = await db.query('delete from webhooks where id = $1 returning id', [id]);
  if (!rows.length) throw problems.notFound(`webhook ${id}`);
}

export interface AttemptLogEntry {
  attempt: number;
  at: string;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
  responseSnippet: string | null;
  nextAttemptAt: string | null;
}

export interface DeliveryView {
  id: string;
  webhookId: string;
  eventId: string | null;
  eventPosition: number | null;
  eventType: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  /** null: the server's setting (DOCKSIDE_WEBHOOK_MAX_ATTEMPTS). */
  maxAttempts: number | null;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  attemptLog: AttemptLogEntry[];
  createdAt: string;
  completedAt: string | null;
}

/** A webhook_deliveries row, its JSON columns typed. */
export type DeliveryRow = Omit<Row<'webhook_deliveries'>, 'payload' | 'attempt_log'> & {
  payload: Record<string, unknown> | null;
  attempt_log: AttemptLogEntry[];
};

export function deliveryView(r: DeliveryRow): DeliveryView {
  return {
    id: r.id,
    webhookId: r.webhook_id,
    eventId: r.event_id,
    eventPosition: r.event_position === null ? null : toInt(r.event_position),
    eventType: r.event_type,
    status: r.status,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    nextAttemptAt: r.status === 'pending' ? toIso(r.next_attempt_at) : null,
    lastAttemptAt: r.last_attempt_at ? toIso(r.last_attempt_at) : null,
    lastStatusCode: r.last_status_code,
    lastError: r.last_error,
    attemptLog: r.attempt_log,
    createdAt: toIso(r.created_at),
    completedAt: r.completed_at ? toIso(r.completed_at) : null,
  };
}

export const ListDeliveriesQuery = z.object({
  status: z.enum(['pending', 'succeeded', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  /** Page on: the nextCursor of the previous page. */
  cursor: z.string().max(200).optional(),
});

/** Newest first, keyset-paged on (created_at, id). */
export async function listDeliveries(
  db: Queryable,
  webhookId: string,
  q: z.output<typeof ListDeliveriesQuery>,
): Promise<{ data: DeliveryView[]; nextCursor: string | null }> {
  await loadWebhook(db, webhookId);
  const cursor = q.cursor ? Buffer.from(q.cursor, 'base64url').toString('utf8').split('|') : null;
  if (cursor && (!cursor[0] || !cursor[1] || Number.isNaN(Date.parse(cursor[0]))))
    throw problems.unprocessable('cursor_invalid', 'the cursor is not one this server gave out');
  const rows = (await runQuery(
    db,
    qb
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('webhook_id', '=', webhookId)
      .$if(!!q.status, (s) => s.where('status', '=', q.status!))
      .$if(!!cursor, (s) => s.where(sql`(created_at, id)`, '<', sql`(${cursor![0]}::timestamptz, ${cursor![1]}::uuid)`))
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(q.limit + 1),
  )) as DeliveryRow[];
  const page = rows.slice(0, q.limit).map(deliveryView);
  const last = page.at(-1);
  return {
    data: page,
    nextCursor: rows.length > q.limit && last ? Buffer.from(`${last.createdAt}|${last.id}`).toString('base64url') : null,
  };
}

export async function getDelivery(db: Queryable, webhookId: string, deliveryId: string): Promise<DeliveryRow> {
  const [row] = await db.query<DeliveryRow>('select * from webhook_deliveries where id = $1 and webhook_id = $2', [deliveryId, webhookId]);
  if (!row) throw problems.notFound(`delivery ${deliveryId}`);
  return row;
}

/** Puts a delivery (failed, or succeeded and wanted again) back in the queue with a fresh set of attempts. */
export async function redeliver(db: Queryable, webhookId: string, deliveryId: string, maxAttempts: number): Promise<DeliveryView> {
  const current = await getDelivery(db, webhookId, deliveryId);
  if (current.status === 'pending') throw problems.conflict('delivery_pending', 'this delivery is still being attempted');
  const [row] = await db.query<DeliveryRow>(
    `update webhook_deliveries set status = 'pending', next_attempt_at = now(), locked_until = null, completed_at = null, max_attempts = attempts + $3
      where id = $1 and webhook_id = $2 returning *`,
    [deliveryId, webhookId, maxAttempts],
  );
  await db.query("select pg_notify('dockside_webhooks', '')");
  return deliveryView(row!);
}

/** A signed ping with a sample body, logged like any delivery but attempted once. */
export async function enqueueTestDelivery(db: Queryable, webhookId: string, actor: Actor): Promise<string> {
  await loadWebhook(db, webhookId);
  const id = crypto.randomUUID();
  const now = new Date().toISOString();
  const payload = {
    id,
    type: 'webhook.test',
    names: ['webhook.test'],
    position: null,
    orderId: null,
    fulfillmentOrderId: null,
    correlationId: id,
    timestamp: now,
    occurredAt: now,
    recordedAt: now,
    actor,
    stationId: null,
    entityIds: {},
    outcome: 'applied',
    data: { message: 'This is a test delivery from Dockside. Verify its signature the way you will verify real events.' },
  };
  await db.query(
    // Sent inline by the test endpoint; the background worker takes it only if that never happened.
    `insert into webhook_deliveries (id, webhook_id, event_type, payload, max_attempts, next_attempt_at) values ($1,$2,'webhook.test',$3,1, now() + interval '1 minute')`,
    [id, webhookId, JSON.stringify(payload)],
  );
  return id;
}

/** A delivery the worker holds, with where and how to sign it. */
export interface ClaimedDelivery extends DeliveryRow {
  url: string;
  secret: string;
}

/**
 * Takes due deliveries under a lease (SKIP LOCKED, so several server processes share the work),
 * or the one `onlyId` names if it is pending and free.
 */
export async function claimDeliveries(
  db: Queryable,
  leaseMs: number,
  which: { batchSize: number } | { onlyId: string },
): Promise<ClaimedDelivery[]> {
  const due = 'onlyId' in which ? sql`id = ${which.onlyId}` : sql`next_attempt_at <= now()`;
  return runQuery(
    db,
    sql<ClaimedDelivery>`update webhook_deliveries d set locked_until = now() + make_interval(secs => ${leaseMs}::double precision / 1000)
       from webhooks w
      where w.id = d.webhook_id and d.id in (
        select id from webhook_deliveries
         where status = 'pending' and (locked_until is null or locked_until < now())
           and ${due}
         order by next_attempt_at, event_position nulls first
         limit ${'onlyId' in which ? 1 : which.batchSize} for update skip locked)
      returning d.*, w.url, w.secret`,
  );
}

/** Records an attempt; undefined when the delivery is gone (its webhook was deleted meanwhile). */
export async function recordDeliveryAttempt(
  db: Queryable,
  id: string,
  a: {
    attempts: number;
    status: 'succeeded' | 'failed' | 'pending';
    nextAttemptAt: string | null;
    attemptedAt: string;
    statusCode: number | null;
    error: string | null;
    entry: AttemptLogEntry;
  },
): Promise<DeliveryRow | undefined> {
  const [updated] = await db.query<DeliveryRow>(
    `update webhook_deliveries set attempts = $2, status = $3, next_attempt_at = coalesce($4::timestamptz, next_attempt_at), locked_until = null,
            last_attempt_at = $5, last_status_code = $6, last_error = $7, attempt_log = attempt_log || $8::jsonb,
            completed_at = case when $3 = 'pending' then null else now() end
      where id = $1 returning *`,
    [id, a.attempts, a.status, a.nextAttemptAt, a.attemptedAt, a.statusCode, a.error, JSON.stringify([a.entry])],
  );
  return updated;
}

/** Gives up on a delivery without attempting it. */
export async function failDelivery(db: Queryable, id: string, error: string): Promise<DeliveryRow | undefined> {
  const [updated] = await db.query<DeliveryRow>(
    `update webhook_deliveries set status = 'failed', locked_until = null, last_error = $2, completed_at = now() where id = $1 returning *`,
    [id, error],
  );
  return updated;
}
