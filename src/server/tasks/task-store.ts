import type { TaskView } from '../../shared/api/tasks';
import type { FulfillmentStatus } from '../../shared/domain/fulfillment-status';
import { sql } from 'kysely';
import type { Actor } from '../../shared/events/station-events';
import type { Queryable } from '../db/database';
import { toInt, toIso } from '../db/database';
import { anyText, qb, runQuery, firstRow } from '../db/query-builder';
import { routedTo } from '../fulfillment/routed-to';
import type { Row } from '../db/schema';
import { problems } from '../http/problem';
import { appendTimeline } from '../timeline/timeline';
import { notifyTasksChanged } from './task-notice';

/**
 * The tasks table's only writer: follow-up work for people , sync conflicts
 * and refused station events a supervisor resolves, carrier exceptions, payment mismatches.
 * Everyone opens a task through `openTasks` with one shape and moves it through `updateTask`;
 * a station's later conflicts join its open sync-conflict task through `retitleTasks`. Each of
 * these tells the live streams of the warehouses that see the task (task-notice.ts).
 */
export type { TaskView };

/** A task to open. Who may see it follows from its order's fulfillment orders and `warehouseId`. */
export interface NewTask {
  id: string;
  kind: string;
  title: string;
  orderId: string | null;
  fulfillmentOrderId: string | null;
  eventId: string | null;
  warehouseId: string | null;
  detail: Record<string, unknown>;
}

/** Opens tasks with one statement, whatever their number (a sync batch opens many). */
export async function openTasks(tx: Queryable, tasks: readonly NewTask[]): Promise<TaskView[]> {
  if (!tasks.length) return [];
  const rows = await tx.query<Row<'tasks'>>(
    `insert into tasks (id, kind, title, order_id, fulfillment_order_id, event_id, warehouse_id, detail)
     select id, kind, title, order_id, fulfillment_order_id, event_id, warehouse_id, detail::jsonb
       from unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::uuid[], $7::uuid[], $8::text[])
            as t(id, kind, title, order_id, fulfillment_order_id, event_id, warehouse_id, detail)
     returning *`,
    [
      tasks.map((t) => t.id),
      tasks.map((t) => t.kind),
      tasks.map((t) => t.title),
      tasks.map((t) => t.orderId),
      tasks.map((t) => t.fulfillmentOrderId),
      tasks.map((t) => t.eventId),
      tasks.map((t) => t.warehouseId),
      tasks.map((t) => JSON.stringify(t.detail)),
    ],
  );
  await notifyTasksChanged(
    tx,
    rows.map((r) => r.id),
  );
  return taskViews(tx, rows);
}

/** An open sync-conflict task as a later push's events join it (sync/push-conflict-tasks.ts). */
export interface OpenConflictTask {
  id: string;
  title: string;
  eventId: string | null;
  fulfillmentOrderId: string;
  detail: Record<string, unknown>;
}

/**
 * The sync-conflict tasks still open (open or in progress) for a station's work on these
 * fulfillment orders and follow-ups, oldest first, locked until the push commits: a supervisor
 * closing one meanwhile waits, or has closed it already and it is not returned (a new one opens).
 * Matched on the station and follow-up the detail records; a task opened before those were
 * recorded has neither and is left alone.
 */
export async function lockOpenConflictTasks(
  tx: Queryable,
  stationId: string,
  wanted: readonly { orderId: string; fulfillmentOrderId: string; followUp: string }[],
): Promise<OpenConflictTask[]> {
  if (!wanted.length) return [];
  const rows = await tx.query<{
    id: string;
    title: string;
    event_id: string | null;
    fulfillment_order_id: string;
    detail: Record<string, unknown>;
  }>(
    `select id, title, event_id, fulfillment_order_id, detail from tasks
      where kind = 'sync-conflict' and status in ('open', 'in_progress')
        and order_id = any($1::uuid[])
        and detail ->> 'stationId' = $2
        and (fulfillment_order_id, detail ->> 'followUp') in (select * from unnest($3::uuid[], $4::text[]))
      order by created_at, id
      for update`,
    [[...new Set(wanted.map((w) => w.orderId))], stationId, wanted.map((w) => w.fulfillmentOrderId), wanted.map((w) => w.followUp)],
  );
  return rows.map((r) => ({ id: r.id, title: r.title, eventId: r.event_id, fulfillmentOrderId: r.fulfillment_order_id, detail: r.detail }));
}

/**
 * Retitles tasks that more events joined, with their new detail, in one statement. Their
 * version moves, so a supervisor acting on what they saw before (If-Match) is told it changed.
 */
export async function retitleTasks(
  tx: Queryable,
  changes: readonly { id: string; title: string; detail: Record<string, unknown> }[],
): Promise<void> {
  if (!changes.length) return;
  await tx.query(
    `update tasks t set title = c.title, detail = c.detail::jsonb, version = t.version + 1
       from unnest($1::uuid[], $2::text[], $3::text[]) as c(id, title, detail)
      where t.id = c.id`,
    [changes.map((c) => c.id), changes.map((c) => c.title), changes.map((c) => JSON.stringify(c.detail))],
  );
  await notifyTasksChanged(
    tx,
    changes.map((c) => c.id),
  );
}

export async function openTask(tx: Queryable, task: NewTask): Promise<TaskView> {
  const [view] = await openTasks(tx, [task]);
  return view!;
}

/** A task a person or an integrator asks for on an order: recorded on the order's timeline. */
export async function createTask(
  tx: Queryable,
  input: { orderId: string; title: string; kind: string; assignee?: string; dueAt?: string; detail?: Record<string, unknown> },
  actor: Actor,
): Promise<TaskView> {
  const detail = { ...input.detail, assignee: input.assignee ?? null, dueAt: input.dueAt ?? null, createdBy: actor, notes: [] };
  const task = await openTask(tx, {
    id: crypto.randomUUID(),
    kind: input.kind,
    title: input.title,
    orderId: input.orderId,
    fulfillmentOrderId: null,
    eventId: null,
    warehouseId: null,
    detail,
  });
  await appendTimeline(tx, {
    type: 'task-created',
    orderId: input.orderId,
    entityIds: { taskId: task.id },
    payload: { kind: input.kind, title: input.title, assignee: detail.assignee, dueAt: detail.dueAt },
    actor,
  });
  return task;
}

export async function loadTask(q: Queryable, id: string, forUpdate = false): Promise<TaskView> {
  const [row] = await q.query<Row<'tasks'>>(`select * from tasks where id = $1${forUpdate ? ' for update' : ''}`, [id]);
  if (!row) throw problems.notFound(`task ${id}`);
  const [view] = await taskViews(q, [row]);
  return view!;
}

/** Resolves, reopens, reassigns or annotates a task: the only way a task changes. */
export async function updateTask(
  tx: Queryable,
  task: TaskView,
  change: { status?: string; assignee?: string | null; note?: string },
  actor: Actor,
): Promise<TaskView> {
  const detail: Record<string, unknown> = { ...task.detail };
  if (change.assignee !== undefined) detail.assignee = change.assignee;
  if (change.note)
    detail.notes = [...((detail.notes as unknown[] | undefined) ?? []), { text: change.note, by: actor, at: new Date().toISOString() }];
  const status = change.status ?? task.status;
  const closing = (status === 'done' || status === 'cancelled') && task.status !== status;
  const reopening = (status === 'open' || status === 'in_progress') && task.resolvedAt !== null;
  const [row] = await tx.query<Row<'tasks'>>(
    `update tasks set status = $2, detail = $3, version = version + 1,
       resolved_at = case when $4::boolean then now() when $5::boolean then null else resolved_at end
     where id = $1 returning *`,
    [task.id, status, JSON.stringify(detail), closing, reopening],
  );
  await appendTimeline(tx, {
    type: 'task-updated',
    orderId: task.orderId,
    entityIds: { taskId: task.id },
    payload: { from: task.status, to: status, assignee: detail.assignee ?? null, note: change.note ?? null },
    actor,
  });
  await notifyTasksChanged(tx, [task.id]);
  const [view] = await taskViews(tx, [row!]);
  return view!;
}

export interface TaskFilter {
  orderId?: string;
  status?: readonly string[];
  kind?: string;
  assignee?: string;
  warehouseId?: string | null;
  limit?: number;
  offset?: number;
}

export async function tasksOf(q: Queryable, filter: TaskFilter): Promise<TaskView[]> {
  const rows = await runQuery(
    q,
    filtered(filter)
      .selectAll('t')
      .orderBy('t.created_at')
      .orderBy('t.id')
      .limit(filter.limit ?? 1000)
      .offset(filter.offset ?? 0),
  );
  return taskViews(q, rows);
}

export async function countTasks(q: Queryable, filter: TaskFilter): Promise<number> {
  const row = await firstRow(
    q,
    filtered(filter).select((eb) => eb.fn.countAll().as('n')),
  );
  return toInt(row?.n);
}

function filtered(filter: TaskFilter) {
  const { warehouseId } = filter;
  return (
    qb
      .selectFrom('tasks as t')
      .$if(!!filter.orderId, (s) => s.where('t.order_id', '=', filter.orderId!))
      .$if(!!filter.status?.length, (s) => s.where('t.status', '=', anyText(filter.status!)))
      .$if(!!filter.kind, (s) => s.where('t.kind', '=', filter.kind!))
      .$if(!!filter.assignee, (s) => s.where(sql<boolean>`t.detail->>'assignee' = ${filter.assignee}`))
      // A warehouse-bound caller sees its warehouse's tasks and those of orders routed there.
      .$if(!!warehouseId, (s) => s.where((eb) => eb.or([eb('t.warehouse_id', '=', warehouseId!), routedTo('t.order_id', warehouseId!)])))
  );
}

type OrderNaming = { number: string; customer_name: string };

/** Task rows as views, each with its order's number and customer: one lookup for all of them. */
async function taskViews(q: Queryable, rows: readonly Row<'tasks'>[]): Promise<TaskView[]> {
  const orderIds = [...new Set(rows.flatMap((r) => (r.order_id ? [r.order_id] : [])))];
  const orders = orderIds.length
    ? await q.query<OrderNaming & { id: string }>('select id, number, customer_name from orders where id = any($1::uuid[])', [orderIds])
    : [];
  const byId = new Map(orders.map((o) => [o.id, o]));
  const foIds = [...new Set(rows.flatMap((r) => (r.fulfillment_order_id ? [r.fulfillment_order_id] : [])))];
  const fos = foIds.length
    ? await q.query<{ id: string; status: FulfillmentStatus }>('select id, status from fulfillment_orders where id = any($1::uuid[])', [
        foIds,
      ])
    : [];
  const statusOf = new Map(fos.map((f) => [f.id, f.status]));
  return rows.map((r) =>
    taskView(r, r.order_id ? byId.get(r.order_id) : undefined, r.fulfillment_order_id ? statusOf.get(r.fulfillment_order_id) : undefined),
  );
}

function taskView(r: Row<'tasks'>, order: OrderNaming | undefined, fulfillmentOrderStatus: FulfillmentStatus | undefined): TaskView {
  const detail = r.detail ?? {};
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    title: r.title,
    orderId: r.order_id ?? null,
    orderNumber: order?.number ?? null,
    customerName: order?.customer_name ?? null,
    fulfillmentOrderId: r.fulfillment_order_id ?? null,
    fulfillmentOrderStatus: fulfillmentOrderStatus ?? null,
    eventId: r.event_id ?? null,
    warehouseId: r.warehouse_id ?? null,
    assignee: (detail.assignee as string | null | undefined) ?? null,
    dueAt: (detail.dueAt as string | null | undefined) ?? null,
    detail,
    version: toInt(r.version ?? 1),
    createdAt: toIso(r.created_at),
    resolvedAt: r.resolved_at ? toIso(r.resolved_at) : null,
  };
}

/**
 * Tasks still open about events this station pushed: its conflicts waiting for a supervisor, as
 * the station's sync bar counts them (a conflict with no follow-up, such as a claim another
 * station won, has no task and is not counted; a resolved one no longer is).
 */
export async function countOpenTasksOfStation(q: Queryable, stationId: string, warehouseId: string): Promise<number> {
  const row = await firstRow(
    q,
    qb
      .selectFrom('tasks as t')
      .innerJoin('timeline_events as e', 'e.id', 't.event_id')
      .where('e.station_id', '=', stationId)
      .where('t.warehouse_id', '=', warehouseId)
      // Events the server refused (sync-rejected) are the bar's "set aside", counted apart.
      .where('t.kind', '=', 'sync-conflict')
      .where('t.status', '=', anyText(['open', 'in_progress']))
      .select((eb) => eb.fn.count('t.id').distinct().as('n')),
  );
  return toInt(row?.n);
}
