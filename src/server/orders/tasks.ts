import type { TaskView } from '../../shared/api/tasks';
import type { Actor } from '../../shared/events/station-events';
import type { Queryable } from '../db/database';
import { toInt, toIso } from '../db/database';
import { problems } from '../http/problem';
import { appendTimeline } from '../timeline/timeline';

export type { TaskView };

/**
 * Follow-up work for people (seed 003 section 13). Shares the tasks table with the sync
 * conflicts a supervisor resolves; assignee, due date, creator and notes live in `detail`.
 */
export async function createTask(
  tx: Queryable,
  input: { orderId: string; title: string; kind: string; assignee?: string; dueAt?: string; detail?: Record<string, unknown> },
  actor: Actor,
): Promise<TaskView> {
  const id = crypto.randomUUID();
  const detail = { ...input.detail, assignee: input.assignee ?? null, dueAt: input.dueAt ?? null, createdBy: actor, notes: [] };
  const [row] = await tx.query<Record<string, unknown>>(
    `insert into tasks (id, kind, title, order_id, detail) values ($1,$2,$3,$4,$5) returning *`,
    [id, input.kind, input.title, input.orderId, JSON.stringify(detail)],
  );
  await appendTimeline(tx, { type: 'task-created', orderId: input.orderId, entityIds: { taskId: id }, payload: { kind: input.kind, title: input.title, assignee: detail.assignee, dueAt: detail.dueAt }, actor });
  return taskView(row!);
}

export async function loadTask(q: Queryable, id: string, forUpdate = false): Promise<TaskView> {
  const [row] = await q.query<Record<string, unknown>>(`select * from tasks where id = $1${forUpdate ? ' for update' : ''}`, [id]);
  if (!row) throw problems.notFound(`task ${id}`);
  return taskView(row);
}

export async function updateTask(
  tx: Queryable,
  task: TaskView,
  change: { status?: string; assignee?: string | null; note?: string },
  actor: Actor,
): Promise<TaskView> {
  const detail: Record<string, unknown> = { ...task.detail };
  if (change.assignee !== undefined) detail.assignee = change.assignee;
  if (change.note) detail.notes = [...((detail.notes as unknown[] | undefined) ?? []), { text: change.note, by: actor, at: new Date().toISOString() }];
  const status = change.status ?? task.status;
  const closing = (status === 'done' || status === 'cancelled') && task.status !== status;
  const reopening = (status === 'open' || status === 'in_progress') && task.resolvedAt !== null;
  const [row] = await tx.query<Record<string, unknown>>(
    `update tasks set status = $2, detail = $3, version = version + 1,
       resolved_at = case when $4::boolean then now() when $5::boolean then null else resolved_at end
     where id = $1 returning *`,
    [task.id, status, JSON.stringify(detail), closing, reopening],
  );
  await appendTimeline(tx, {
    type: 'task-updated', orderId: task.orderId, entityIds: { taskId: task.id },
    payload: { from: task.status, to: status, assignee: detail.assignee ?? null, note: change.note ?? null }, actor,
  });
  return taskView(row!);
}

export async function tasksOf(
  q: Queryable,
  filter: { orderId?: string; status?: readonly string[]; kind?: string; assignee?: string; warehouseId?: string | null; limit?: number; offset?: number },
): Promise<TaskView[]> {
  const { where, params } = taskWhere(filter);
  params.push(filter.limit ?? 1000, filter.offset ?? 0);
  const rows = await q.query<Record<string, unknown>>(
    `select t.* from tasks t ${where} order by t.created_at, t.id limit $${params.length - 1} offset $${params.length}`,
    params,
  );
  return rows.map(taskView);
}

export async function countTasks(q: Queryable, filter: Parameters<typeof tasksOf>[1]): Promise<number> {
  const { where, params } = taskWhere(filter);
  const [row] = await q.query<{ n: unknown }>(`select count(*) as n from tasks t ${where}`, params);
  return toInt(row?.n);
}

function taskWhere(filter: Parameters<typeof tasksOf>[1]) {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    clauses.push(sql.replace('?', `$${params.length}`));
  };
  if (filter.orderId) add('t.order_id = ?', filter.orderId);
  if (filter.status?.length) add('t.status = any(?::text[])', filter.status);
  if (filter.kind) add('t.kind = ?', filter.kind);
  if (filter.assignee) add(`t.detail->>'assignee' = ?`, filter.assignee);
  // A warehouse-bound caller sees its warehouse's tasks and those of orders routed there.
  if (filter.warehouseId) {
    params.push(filter.warehouseId);
    const p = `$${params.length}`;
    clauses.push(`(t.warehouse_id = ${p} or exists (select 1 from fulfillment_orders f where f.order_id = t.order_id and f.warehouse_id = ${p}))`);
  }
  return { where: clauses.length ? `where ${clauses.join(' and ')}` : '', params };
}

function taskView(r: Record<string, unknown>): TaskView {
  const detail = (r.detail as Record<string, unknown>) ?? {};
  return {
    id: r.id as string, kind: r.kind as string, status: r.status as string, title: r.title as string,
    orderId: (r.order_id as string | null) ?? null, fulfillmentOrderId: (r.fulfillment_order_id as string | null) ?? null,
    eventId: (r.event_id as string | null) ?? null, warehouseId: (r.warehouse_id as string | null) ?? null,
    assignee: (detail.assignee as string | null | undefined) ?? null, dueAt: (detail.dueAt as string | null | undefined) ?? null,
    detail, version: toInt(r.version ?? 1), createdAt: toIso(r.created_at), resolvedAt: r.resolved_at ? toIso(r.resolved_at) : null,
  };
}
