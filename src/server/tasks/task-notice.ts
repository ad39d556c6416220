import type { Queryable } from '../db/database';
import { CHANGES_CHANNEL } from '../sync/revisions';

/**
 * Tells the live streams of every warehouse that sees these tasks (their own warehouse, and those
 * their order is routed to: the task list's scope, task-store.ts) that they were opened, joined or
 * worked, so supervisor screens there refresh. One statement, one notice per warehouse; delivered
 * at commit, so a rolled-back change tells no one. The notice names no task: a station's screen
 * asks for the list as the person signed in, whose role the server checks.
 */
export async function notifyTasksChanged(tx: Queryable, taskIds: readonly string[]): Promise<void> {
  if (!taskIds.length) return;
  await tx.query(
    `select pg_notify($1, json_build_object('type', 'tasks-changed', 'warehouseId', w.id)::text)
       from (select t.warehouse_id as id from tasks t where t.id = any($2::uuid[]) and t.warehouse_id is not null
             union
             select fo.warehouse_id from tasks t join fulfillment_orders fo on fo.order_id = t.order_id where t.id = any($2::uuid[])) w`,
    [CHANGES_CHANNEL, [...new Set(taskIds)]],
  );
}
