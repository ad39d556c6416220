import type { TaskView } from '../../shared/api/tasks';
import type { Principal } from '../auth/principal';
import type { Queryable } from '../db/database';
import { problems } from '../http/problem';
import { requireOrderInScope } from '../orders/order-scope';

/** A warehouse-bound caller works its warehouse's tasks, and those of orders routed there; others are not found. */
export async function requireTaskInScope(q: Queryable, principal: Principal, task: TaskView): Promise<void> {
  if (!principal.warehouseId || task.warehouseId === principal.warehouseId) return;
  if (!task.orderId) throw problems.notFound(`task ${task.id}`);
  await requireOrderInScope(q, principal, task.orderId);
}
